"""The survey feature in a real browser: the public form without JavaScript on a phone,
checked with axe on every step, and the facilitator's analysis page with its charts."""

from __future__ import annotations

import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from helpers import FAILING_IMPACTS, axe_violations, format_violation, login, replaced, wait_css

WIDTH = 360


def _serious(driver, where):
    return [format_violation(v, where) for v in axe_violations(driver) if v["impact"] in FAILING_IMPACTS]


def links_form(driver, base_url, count: int):
    """As the demo facilitator: open the demo survey; the make-links form, with the count filled in."""
    login(driver, base_url)
    driver.get(base_url + "/o/gemeente-voorbeeld/surveys")
    wait_css(driver, "main table tbody a", "survey list").click()
    form = wait_css(driver, 'form.inline[action$="/links"]', "make-links form on the survey page")
    field = form.find_element(By.CSS_SELECTOR, 'input[name="count"]')
    field.clear()
    field.send_keys(str(count))
    return form


def _make_links(driver, base_url, count: int) -> list[str]:
    """Makes answer links shown on the page; their paths."""
    links_form(driver, base_url, count).find_element(By.CSS_SELECTOR, "button").click()
    wait_css(driver, "ul.links code.secret", "the new links")
    links = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "ul.links code.secret")]
    # Full addresses (the server's own when SAMEN_BASE_URL is not set), ending in the 12-character code.
    assert all(re.fullmatch(re.escape(base_url) + r"/s/[0-9A-Z]{12}", link) for link in links), links
    return [link[len(base_url):] for link in links]


def _phone(new_driver, javascript: bool):
    d = new_driver(javascript=javascript, width=WIDTH, height=800)
    d.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": False}
    )
    return d


def _answer_step(d, first: bool) -> None:
    """Choose "weet ik niet" on the first step, a middle answer elsewhere; then go on."""
    for fieldset in d.find_elements(By.CSS_SELECTOR, "fieldset.scale"):
        choices = fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")
        pick = choices[-1] if first else choices[len(choices) // 2]
        d.find_element(By.CSS_SELECTOR, f'label[for="{pick.get_attribute("id")}"]').click()
    form = d.find_element(By.CSS_SELECTOR, "form#public-survey-form")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(d, 15).until(replaced(form))  # the next page has replaced this one
    # ...and has finished loading, so the caller sees its form (or the thank-you page), not a blank moment.
    WebDriverWait(d, 15).until(lambda drv: drv.execute_script("return document.readyState") == "complete"
                               and ("public-survey-form" in drv.page_source or "Bedankt" in drv.page_source or "Thank" in drv.page_source))


def test_public_survey_form_on_a_phone_with_axe(new_driver, base_url):
    link = _make_links(new_driver(), base_url, 1)[0]
    d = _phone(new_driver, javascript=True)
    d.get(base_url + link)
    wait_css(d, "form#public-survey-form", "public survey form")
    assert "Stap 1 van" in d.page_source and d.find_elements(By.CSS_SELECTOR, "progress"), "progress is shown"
    assert "weet ik niet" in d.page_source
    problems = _serious(d, "public survey, step 1")
    assert d.execute_script("return document.documentElement.scrollWidth") <= WIDTH, "step 1 scrolls sideways at 360px"
    _answer_step(d, first=True)
    wait_css(d, "form#public-survey-form", "step 2")
    assert "Stap 2 van" in d.page_source
    problems += _serious(d, "public survey, step 2")
    assert d.execute_script("return document.documentElement.scrollWidth") <= WIDTH, "step 2 scrolls sideways at 360px"
    assert not problems, "\n\n".join(problems)


def test_public_survey_form_works_without_javascript(new_driver, base_url):
    link = _make_links(new_driver(), base_url, 1)[0]
    d = _phone(new_driver, javascript=False)
    d.get(base_url + link)
    wait_css(d, "form#public-survey-form", "public survey form")
    steps = 0
    while d.find_elements(By.CSS_SELECTOR, "form#public-survey-form") and steps < 20:
        _answer_step(d, first=steps == 0)
        steps += 1
    assert "Bedankt" in d.page_source, d.page_source[:1500]
    d.get(base_url + link)
    assert "al gebruikt" in d.page_source, "a used link says so"


def test_analysis_page_has_charts_with_text_alternatives(driver, base_url):
    login(driver, base_url)
    driver.get(base_url + "/o/gemeente-voorbeeld/surveys")
    wait_css(driver, "main table tbody a", "survey list").click()
    wait_css(driver, 'a[href$="/analysis"]', "analysis link").click()
    wait_css(driver, "svg[role=img]", "charts on the analysis page")
    for svg in driver.find_elements(By.CSS_SELECTOR, "svg[role=img]"):
        labelled = svg.get_attribute("aria-labelledby") or ""
        assert labelled and all(driver.find_elements(By.ID, part) for part in labelled.split()), "chart without title/desc"
    # Other tests may have left the demo account in English.
    assert "Hier op inzetten" in driver.page_source or "Concentrate here" in driver.page_source
    problems = _serious(driver, "analysis page")
    assert not problems, "\n\n".join(problems)
