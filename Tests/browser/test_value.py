"""The value register and the SROI page: axe-clean, readable at 360 px, and a record made
from the form (and an SROI calculated) without JavaScript."""

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from helpers import axe_violations, format_violation, login
from test_responsive import WIDTH, _assert_no_horizontal_scroll


def _register(d, base_url):
    d.get(base_url + "/o/gemeente-voorbeeld/trajectories")
    return d.find_element(By.CSS_SELECTOR, "main table tbody a").get_attribute("href") + "/value"


def test_value_pages_pass_axe_and_fit_360px(base_url, new_driver):
    d = new_driver(width=WIDTH, height=800)
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    login(d, base_url)
    register = _register(d, base_url)
    d.get(register)
    record = d.find_element(By.CSS_SELECTOR, "#value-records a").get_attribute("href")
    cell = d.find_element(By.CSS_SELECTOR, "#value-map a").get_attribute("href")
    problems = []
    for url in (register, cell, record, record.replace("/edit", "/delete"), register + "/sroi"):
        d.get(url)
        problems += [format_violation(v, url) for v in axe_violations(d) if v.get("impact") in ("serious", "critical")]
        _assert_no_horizontal_scroll(d, url)
    # The form after a failed submit: error summary and field messages.
    d.get(register)
    d.find_element(By.CSS_SELECTOR, "#value-form button[type=submit]").click()
    WebDriverWait(d, 15, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda drv: drv.find_elements(By.CSS_SELECTOR, ".error-summary"), "no error summary after an empty submit")
    problems += [format_violation(v, "value (errors)") for v in axe_violations(d) if v.get("impact") in ("serious", "critical")]
    assert not problems, "\n\n".join(problems)


def test_record_and_sroi_without_javascript(base_url, new_driver):
    d = new_driver(javascript=False)
    login(d, base_url)
    register = _register(d, base_url)
    d.get(register)
    Select(d.find_element(By.ID, "polarity")).select_by_value("created")
    Select(d.find_element(By.ID, "beneficiary")).select_by_value("society")
    Select(d.find_element(By.ID, "value_type")).select_by_value("in_context")
    Select(d.find_element(By.ID, "moment")).select_by_value("process_design")
    Select(d.find_element(By.ID, "creator")).select_by_value("manager")
    d.find_element(By.ID, "description").send_keys("Minder mensen in de schulden door snellere hulp")
    d.find_element(By.CSS_SELECTOR, "#value-form button[type=submit]").click()
    wait = WebDriverWait(d, 15, ignored_exceptions=(StaleElementReferenceException, WebDriverException))
    wait.until(lambda drv: "Minder mensen in de schulden" in drv.find_element(By.ID, "value-records").text, "the record was not saved")
    d.get(register + "/sroi")
    d.find_element(By.CSS_SELECTOR, "#sroi-form button[type=submit]").click()
    wait.until(lambda drv: drv.find_elements(By.ID, "sroi-ratio"), "no SROI result")
    assert "," in d.find_element(By.ID, "sroi-ratio").text, "the ratio has a decimal comma in Dutch"


def test_outcomes_pass_axe_fit_360px_and_take_a_measurement_without_javascript(base_url, new_driver):
    d = new_driver(width=WIDTH, height=800)
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    login(d, base_url)
    outcomes = _register(d, base_url) + "/outcomes"
    d.get(outcomes)
    edit = d.find_element(By.CSS_SELECTOR, ".value-readings a").get_attribute("href")
    outcome_edit = d.find_element(By.CSS_SELECTOR, ".value-outcome p a").get_attribute("href")
    problems = []
    for url in (outcomes, edit, edit.replace("/edit", "/delete"), outcome_edit, outcome_edit.replace("/edit", "/delete")):
        d.get(url)
        problems += [format_violation(v, url) for v in axe_violations(d) if v.get("impact") in ("serious", "critical")]
        _assert_no_horizontal_scroll(d, url)
    d.get(outcomes)
    d.find_element(By.CSS_SELECTOR, "#value-outcome-form button[type=submit]").click()
    WebDriverWait(d, 15, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda drv: drv.find_elements(By.CSS_SELECTOR, ".error-summary"), "no error summary after an empty submit")
    problems += [format_violation(v, "outcomes (errors)") for v in axe_violations(d) if v.get("impact") in ("serious", "critical")]
    assert not problems, "\n\n".join(problems)

    plain = new_driver(javascript=False)
    login(plain, base_url)
    plain.get(outcomes)
    # The demo's outcomes share a creation time, so which one comes first is not fixed: the
    # check reads the readings of the outcome whose form was used, whatever its unit.
    form = plain.find_element(By.CSS_SELECTOR, "form.value-measure")
    outcome = form.find_element(By.XPATH, "ancestor::article[@class='value-outcome']").get_attribute("id")
    form.find_element(By.CSS_SELECTOR, "input[name=value]").send_keys("88")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait = WebDriverWait(plain, 15, ignored_exceptions=(StaleElementReferenceException, WebDriverException))

    def saved(drv):
        rows = drv.find_elements(By.CSS_SELECTOR, "#" + outcome + " .value-readings tbody td:nth-child(2)")
        return any(cell.text.startswith("88") for cell in rows)
    try:
        wait.until(saved)
    except Exception as error:
        raise AssertionError("the measurement was not saved: " + plain.current_url + "\n" + plain.find_element(By.TAG_NAME, "main").text[:4000]) from error
