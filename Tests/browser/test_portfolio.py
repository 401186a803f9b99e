"""The intervention portfolio and the growth model: axe-clean, readable at 360 px, and a
status move that works without JavaScript."""

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from helpers import axe_violations, format_violation, login
from test_responsive import WIDTH, _assert_no_horizontal_scroll


def _portfolio(d, base_url):
    d.get(base_url + "/o/gemeente-voorbeeld/trajectories")
    return d.find_element(By.CSS_SELECTOR, "main table tbody a").get_attribute("href") + "/portfolio"


def test_portfolio_pages_pass_axe_and_fit_360px(base_url, new_driver):
    d = new_driver(width=WIDTH, height=800)
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    login(d, base_url)
    portfolio = _portfolio(d, base_url)
    d.get(portfolio)
    intervention = d.find_element(By.CSS_SELECTOR, "#interventions a").get_attribute("href")
    problems = []
    for url in (portfolio, intervention, intervention + "/edit", intervention + "/delete", portfolio + "/growth"):
        d.get(url)
        problems += [format_violation(v, url) for v in axe_violations(d) if v.get("impact") in ("serious", "critical")]
        _assert_no_horizontal_scroll(d, url)
    # The form after a failed submit: error summary and field messages.
    d.get(portfolio)
    d.find_element(By.CSS_SELECTOR, "#intervention-form button[type=submit]").click()
    WebDriverWait(d, 15, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda drv: drv.find_elements(By.CSS_SELECTOR, ".error-summary"), "no error summary after an empty submit")
    problems += [format_violation(v, "portfolio (errors)") for v in axe_violations(d) if v.get("impact") in ("serious", "critical")]
    assert not problems, "\n\n".join(problems)


def test_status_move_without_javascript(base_url, new_driver):
    d = new_driver(javascript=False)
    login(d, base_url)
    d.get(_portfolio(d, base_url))
    rows = d.find_elements(By.CSS_SELECTOR, "#interventions tbody tr")
    idea = next(r for r in rows if r.find_elements(By.TAG_NAME, "td")[2].text in ("Idee", "Idea"))
    d.get(idea.find_element(By.TAG_NAME, "a").get_attribute("href"))
    Select(d.find_element(By.ID, "status")).select_by_value("planned")
    d.find_element(By.CSS_SELECTOR, "#status-form button[type=submit]").click()
    wait = WebDriverWait(d, 15, ignored_exceptions=(StaleElementReferenceException, WebDriverException))
    wait.until(lambda drv: "Gepland" in drv.find_element(By.ID, "intervention-status").text, "the status did not move")
    assert "Gepland" in d.find_element(By.ID, "status-history").text
