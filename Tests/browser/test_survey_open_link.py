"""A wave's open link in a real browser: the facilitator's page passes axe and its QR code,
as Chromium paints it, reads back (zbarimg) as the link; a citizen answers through it on a
phone without an account, axe-clean, and the same browser is then told plainly that it has
answered already."""

from __future__ import annotations

import re

from selenium.webdriver.common.by import By

from helpers import wait_css
from test_survey_letters import ZBARIMG, _decode, _serious
from test_surveys import _answer_step, _phone


def _open_link_page(driver, base_url) -> str:
    """As the demo facilitator: the open-link page of the demo survey's wave that has one."""
    from helpers import login
    login(driver, base_url)
    driver.get(base_url + "/o/gemeente-voorbeeld/surveys")
    wait_css(driver, "main table tbody a", "survey list").click()
    pages = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, 'a[href$="/open-link"]')]
    assert pages, "every wave row links to its open link"
    for page in pages:
        driver.get(page)
        if driver.find_elements(By.CSS_SELECTOR, ".open-link-url"):
            return page
    raise AssertionError("the demo survey has a wave with an open link")


def test_open_link_page_and_citizen_path(new_driver, base_url):
    assert ZBARIMG, "zbarimg (Debian zbar-tools) is needed; scripts/test.sh installs it"
    facilitator = new_driver()
    _open_link_page(facilitator, base_url)
    url = facilitator.find_element(By.CSS_SELECTOR, ".open-link-url").text
    assert re.fullmatch(re.escape(base_url) + r"/s/[0-9A-Z]{12}", url), url
    qr = facilitator.find_element(By.CSS_SELECTOR, ".letter-qr svg")
    facilitator.execute_script("arguments[0].scrollIntoView({block: 'center'})", qr)
    assert _decode(qr.screenshot_as_png) == url
    problems = _serious(facilitator, "open-link page")

    citizen = _phone(new_driver, javascript=True)
    citizen.get(url)
    wait_css(citizen, "form#public-survey-form", "the survey through the open link")
    problems += _serious(citizen, "open link, step 1")
    steps = 0
    while citizen.find_elements(By.CSS_SELECTOR, "form#public-survey-form") and steps < 20:
        _answer_step(citizen, first=steps == 0)
        steps += 1
    assert "Bedankt" in citizen.page_source, citizen.page_source[:1500]
    citizen.get(url)
    assert "al ingevuld in deze browser" in citizen.page_source, "the same browser answers once"
    problems += _serious(citizen, "open link, answered")
    assert not problems, "\n\n".join(problems)
