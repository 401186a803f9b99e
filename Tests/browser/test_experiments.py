"""Experiments and the learning log: axe-clean, readable at 360 px, the overdue flag visible,
and a learning card saved without JavaScript."""

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from helpers import axe_violations, format_violation, login
from test_responsive import WIDTH, _assert_no_horizontal_scroll


def _trajectory(d, base_url):
    d.get(base_url + "/o/gemeente-voorbeeld/trajectories")
    return d.find_element(By.CSS_SELECTOR, "main table tbody a").get_attribute("href")


def test_experiment_pages_pass_axe_and_fit_360px(base_url, new_driver):
    d = new_driver(width=WIDTH, height=800)
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    login(d, base_url)
    trajectory = _trajectory(d, base_url)
    d.get(trajectory + "/experiments")
    assert d.find_elements(By.ID, "experiments-overdue"), "the overdue experiment is called out"
    experiments = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "#experiments a")]
    assert len(experiments) == 2
    d.get(trajectory + "/learning-log")
    lesson_edit = d.find_element(By.CSS_SELECTOR, "#lessons a[href$='/edit']").get_attribute("href")
    d.get(trajectory + "/portfolio")
    intervention = d.find_element(By.CSS_SELECTOR, "#interventions a").get_attribute("href")
    d.get(trajectory + "/stories")
    story = d.find_element(By.CSS_SELECTOR, "main table a[href*='/stories/']").get_attribute("href")
    problems = []
    pages = [trajectory + "/experiments", *experiments, experiments[0] + "/edit", experiments[0] + "/delete",
             trajectory + "/learning-log", lesson_edit, intervention, story]
    for url in pages:
        d.get(url)
        problems += [format_violation(v, url) for v in axe_violations(d) if v.get("impact") in ("serious", "critical")]
        _assert_no_horizontal_scroll(d, url)
    # The forms after a failed submit: error summary and field messages.
    for url, form in ((trajectory + "/experiments", "#experiment-form"), (trajectory + "/learning-log", "#lesson-form")):
        d.get(url)
        d.find_element(By.CSS_SELECTOR, form + " button[type=submit]").click()
        WebDriverWait(d, 15, ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda drv: drv.find_elements(By.CSS_SELECTOR, ".error-summary"), "no error summary after an empty submit")
        problems += [format_violation(v, url + " (errors)") for v in axe_violations(d) if v.get("impact") in ("serious", "critical")]
    assert not problems, "\n\n".join(problems)


def test_learning_card_without_javascript(base_url, new_driver):
    d = new_driver(javascript=False)
    login(d, base_url)
    d.get(_trajectory(d, base_url) + "/experiments")
    overdue = next(r for r in d.find_elements(By.CSS_SELECTOR, "#experiments tbody tr") if r.find_elements(By.CSS_SELECTOR, ".tag.warning"))
    d.get(overdue.find_element(By.TAG_NAME, "a").get_attribute("href") + "/edit")
    d.find_element(By.ID, "observed").send_keys("Aanvragers hoefden hun verhaal minder vaak te herhalen.")
    d.find_element(By.ID, "learned").send_keys("Een vast nummer geeft rust.")
    Select(d.find_element(By.ID, "decision")).select_by_value("persevere")
    d.find_element(By.CSS_SELECTOR, "#record-edit-form button[type=submit]").click()
    wait = WebDriverWait(d, 15, ignored_exceptions=(StaleElementReferenceException, WebDriverException))
    wait.until(lambda drv: drv.find_elements(By.ID, "learning-card"), "the learning card was not saved")
    assert "Doorgaan" in d.find_element(By.ID, "learning-card").text
    assert not d.find_elements(By.ID, "experiment-overdue"), "the flag goes once the learning card is written"
