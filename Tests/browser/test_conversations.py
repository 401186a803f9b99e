"""The public participation page of a conversation: no account, no JavaScript, a phone.

Finds the demo conversation's public link as the facilitator, then takes part as an
anonymous citizen with JavaScript off at 360 px: axe-core on the page, a vote by plain
form button, an empty statement refused with a message by the field. With JavaScript on, a
vote is sent in the background and the next statement appears without a page load.
"""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from helpers import FAILING_IMPACTS, axe_violations, format_violation, login, wait_css

WIDTH = 360


def _public_link(driver, base_url: str) -> str:
    login(driver, base_url)
    driver.get(base_url + "/o/gemeente-voorbeeld/conversations")
    wait_css(driver, "main table tbody a", "conversation list").click()
    link = wait_css(driver, 'main a[href^="/c/"]', "public link on the conversation page")
    return link.get_attribute("href")


def _serious(driver, where: str) -> list[str]:
    return [format_violation(v, where) for v in axe_violations(driver) if v["impact"] in FAILING_IMPACTS]


def test_anonymous_participation_without_javascript(new_driver, base_url):
    facilitator = new_driver()
    public = _public_link(facilitator, base_url)

    citizen = new_driver(javascript=False, width=WIDTH, height=800)
    citizen.get(public)
    statement = wait_css(citizen, "form#vote-form legend .statement", "a statement to vote on").text
    assert statement, "the page shows one statement"
    assert citizen.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"

    citizen.find_element(By.CSS_SELECTOR, 'form#vote-form button[value="agree"]').click()
    notice = wait_css(citizen, ".notice", "a notice after voting")
    assert "opgeslagen" in notice.text
    assert "1 stelling beantwoord" in citizen.page_source

    # An empty statement: refused, with the message by the field (maxlength already stops typing past 140).
    citizen.find_element(By.CSS_SELECTOR, "form#statement-form button").click()
    error = wait_css(citizen, "#statement-error", "the message by the statement field")
    assert "Schrijf een stelling" in error.text
    assert wait_css(citizen, ".error-summary a", "error summary").get_attribute("href").endswith("#statement")


def test_public_and_results_pages_pass_axe(new_driver, base_url):
    facilitator = new_driver()
    public = _public_link(facilitator, base_url)
    problems: list[str] = []
    results_link = wait_css(facilitator, 'main a[href$="/results"]', "results link")
    results_link.click()
    wait_css(facilitator, "svg.opinion-map", "the opinion map")
    problems += _serious(facilitator, facilitator.current_url)

    citizen = new_driver(width=WIDTH, height=800)
    citizen.get(public)
    wait_css(citizen, "form#vote-form", "the vote form")
    problems += _serious(citizen, public)
    assert not problems, "\n\n".join(problems)


def test_with_javascript_a_vote_needs_no_page_load(new_driver, base_url):
    facilitator = new_driver()
    public = _public_link(facilitator, base_url)
    citizen = new_driver(width=WIDTH, height=800)
    citizen.get(public)
    wait_css(citizen, "form#vote-form", "the vote form")
    citizen.execute_script("window.__samenNoReload = 'still here';")
    citizen.find_element(By.CSS_SELECTOR, 'form#vote-form button[value="disagree"]').click()
    notice = wait_css(citizen, "main .notice", "the notice after the background vote")
    assert "opgeslagen" in notice.text
    assert "1 stelling beantwoord" in citizen.find_element(By.TAG_NAME, "main").text
    assert citizen.execute_script("return window.__samenNoReload") == "still here", "the page was reloaded"
    # And again: the new form is enhanced too.
    citizen.find_element(By.CSS_SELECTOR, 'form#vote-form button[value="pass"]').click()
    wait_css(citizen, "main", "main")
    WebDriverWait(citizen, 15).until(lambda d: "2 stellingen beantwoord" in d.find_element(By.TAG_NAME, "main").text)
    assert citizen.execute_script("return window.__samenNoReload") == "still here"
