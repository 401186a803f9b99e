"""A citizen sends a story from a phone, without JavaScript, and gets a receipt code."""

import re

from selenium.webdriver.common.by import By
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

from helpers import axe_violations, format_violation
from test_responsive import WIDTH, _assert_no_horizontal_scroll

STORY = "/vertel/demo-bijzondere-bijstand"


def test_story_from_a_phone_without_javascript(base_url, new_driver):
    d = new_driver(javascript=False, width=WIDTH, height=800)
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    d.get(base_url + STORY)
    _assert_no_horizontal_scroll(d, "the story form")
    d.find_element(By.ID, "answer_0").send_keys("De brief was onduidelijk. Bel mij op 06-11223344.")
    d.find_element(By.ID, "consent_internal").click()
    d.find_element(By.CSS_SELECTOR, "#story-form button[type=submit]").click()
    # Read the page source, not element text: with JavaScript off the page is replaced
    # as a whole, and an element found a moment earlier may already be gone.
    wait = WebDriverWait(d, 15, ignored_exceptions=(StaleElementReferenceException, WebDriverException))
    wait.until(lambda drv: 'class="receipt"' in drv.page_source, "no thank-you page with a receipt code")
    match = re.search(r"class=\"receipt\"><strong>([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})</strong>", d.page_source)
    assert match, "no receipt code on the thank-you page"
    # Read it back with the code.
    d.get(base_url + "/verhaal")
    d.find_element(By.ID, "receipt_code").send_keys(match.group(1))
    d.find_element(By.CSS_SELECTOR, "#receipt-form button[value=read]").click()
    wait.until(lambda drv: "De brief was onduidelijk" in drv.page_source, "the story was not read back with its receipt code")


def test_public_story_pages_are_accessible(base_url, new_driver):
    d = new_driver()
    problems = []
    for path in (STORY, "/verhaal"):
        d.get(base_url + path)
        problems += [format_violation(v, path) for v in axe_violations(d) if v.get("impact") in ("serious", "critical")]
    # The form after a failed submit, with its error summary and field messages.
    d.get(base_url + STORY)
    d.find_element(By.CSS_SELECTOR, "#story-form button[type=submit]").click()
    WebDriverWait(d, 15, ignored_exceptions=(StaleElementReferenceException,)).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, ".error-summary"), "no error summary after an empty submit")
    problems += [format_violation(v, STORY + " (errors)") for v in axe_violations(d) if v.get("impact") in ("serious", "critical")]
    assert not problems, "\n\n".join(problems)


def test_selecting_text_fills_the_highlight_form(base_url, new_driver):
    """With JavaScript on, selecting words in the story text fills the quote field."""
    from helpers import login
    d = new_driver()
    login(d, base_url)
    d.get(base_url + "/o/gemeente-voorbeeld/trajectories")
    d.get(d.find_element(By.CSS_SELECTOR, "main table tbody a").get_attribute("href") + "/stories")
    d.get(d.find_element(By.CSS_SELECTOR, "main table tbody a").get_attribute("href"))
    d.execute_script("var t = document.getElementById('pseudonymised'); t.focus(); t.setSelectionRange(0, 12);"
                     "t.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));")
    quote = d.find_element(By.ID, "quote").get_attribute("value")
    text = d.find_element(By.ID, "pseudonymised").get_attribute("value")
    assert quote and quote == text[:12].strip(), f"quote field not filled from the selection: {quote!r}"
