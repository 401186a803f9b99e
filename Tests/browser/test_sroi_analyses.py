"""Stored SROI analyses: axe-clean and readable at 360 px, and a new analysis saved (and a bad
impact map refused by row and column) without JavaScript."""

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from helpers import axe_violations, format_violation, login
from test_responsive import WIDTH, _assert_no_horizontal_scroll


def _analyses(d, base_url):
    d.get(base_url + "/o/gemeente-voorbeeld/trajectories")
    return d.find_element(By.CSS_SELECTOR, "main table tbody a").get_attribute("href") + "/value/sroi-analyses"


def test_sroi_analysis_pages_pass_axe_and_fit_360px(base_url, new_driver):
    d = new_driver(width=WIDTH, height=800)
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    login(d, base_url)
    analyses = _analyses(d, base_url)
    d.get(analyses)
    analysis = d.find_element(By.CSS_SELECTOR, "#sroi-analyses tbody a").get_attribute("href")
    problems = []
    for url in (analyses, analyses + "/new", analysis, analysis + "/edit", analysis + "/delete", analysis + "/report"):
        d.get(url)
        problems += [format_violation(v, url) for v in axe_violations(d) if v.get("impact") in ("serious", "critical")]
        _assert_no_horizontal_scroll(d, url)
    assert not problems, "\n\n".join(problems)


def test_new_analysis_without_javascript(base_url, new_driver):
    d = new_driver(javascript=False)
    login(d, base_url)
    analyses = _analyses(d, base_url)
    d.get(analyses + "/new")
    d.find_element(By.ID, "title").send_keys("Zonder JavaScript")
    d.find_element(By.ID, "inputs").send_keys("1000")
    area = d.find_element(By.ID, "impact_map")
    area.send_keys("Inwoners,Minder stress,Score,-5,100,2,1,0,0,0,10")
    # The answer computes the Monte Carlo (10,000 draws), so each check waits for its page.
    wait = WebDriverWait(d, 30, ignored_exceptions=(StaleElementReferenceException, WebDriverException))
    d.find_element(By.CSS_SELECTOR, "#sroi-analysis-form button[type=submit]").click()
    wait.until(lambda drv: drv.find_elements(By.ID, "sroi-problems"), "the map's problems are listed")
    assert "quantity" in d.find_element(By.ID, "sroi-problems").text
    assert d.find_element(By.ID, "title").get_attribute("value") == "Zonder JavaScript", "what was typed is shown again"
    area = d.find_element(By.ID, "impact_map")
    area.clear()
    area.send_keys("stakeholder,outcome,indicator,quantity,proxy,duration,start,deadweight,displacement,attribution,drop_off\n"
                   "Inwoners,Minder stress,Score,5,100,2,1,0,0,0,10\n")
    d.find_element(By.CSS_SELECTOR, "#sroi-analysis-form button[type=submit]").click()
    wait.until(lambda drv: drv.find_elements(By.ID, "sroi-range"), "the stored analysis shows its range")
    assert "Zonder JavaScript" in d.find_element(By.TAG_NAME, "h1").text
