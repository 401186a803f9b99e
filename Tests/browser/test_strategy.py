"""Capabilities, scenarios and the portfolio's three-horizons chart: axe-clean at 360 px, no
sideways scrolling, and chart labels that are neither cut off nor on top of each other
(measured in the browser: every text's bounding box inside the SVG's viewBox, no two
overlapping, and at least 10 px tall on screen)."""

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from helpers import axe_violations, format_violation, login
from test_responsive import WIDTH, _assert_no_horizontal_scroll

_LABELS = """
const svg = arguments[0];
const box = svg.viewBox.baseVal;
const texts = Array.from(svg.querySelectorAll('text')).map(t => {
  const b = t.getBBox();
  return {text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height, screen: t.getBoundingClientRect().height};
});
return {box: {x: box.x, y: box.y, w: box.width, h: box.height}, texts: texts};
"""


def _phone(new_driver):
    d = new_driver(width=WIDTH, height=800)
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    return d


def _trajectory(d, base_url):
    d.get(base_url + "/o/gemeente-voorbeeld/trajectories")
    return d.find_element(By.CSS_SELECTOR, "main table tbody a").get_attribute("href")


def _check_labels(d, svg, where):
    found = d.execute_script(_LABELS, svg)
    box, texts = found["box"], found["texts"]
    assert texts, f"{where}: the chart has no labels"
    problems = []
    for t in texts:
        if t["x"] < box["x"] - 0.5 or t["y"] < box["y"] - 0.5 or t["x"] + t["w"] > box["x"] + box["w"] + 0.5 \
                or t["y"] + t["h"] > box["y"] + box["h"] + 0.5:
            problems.append(f"cut off: {t['text']!r} at {t}")
        if t["screen"] < 10:
            problems.append(f"too small at {WIDTH}px: {t['text']!r} is {t['screen']:.1f}px tall")
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]:
                problems.append(f"overlap: {a['text']!r} and {b['text']!r}")
    assert not problems, f"{where}:\n" + "\n".join(problems)


def test_strategy_pages_pass_axe_and_fit_360px(base_url, new_driver):
    d = _phone(new_driver)
    login(d, base_url)
    trajectory = _trajectory(d, base_url)
    capabilities = base_url + "/o/gemeente-voorbeeld/capabilities"
    d.get(trajectory + "/portfolio")
    needs = d.find_element(By.CSS_SELECTOR, "#interventions a").get_attribute("href") + "/capabilities"
    problems = []
    for url in (capabilities, needs, trajectory + "/portfolio", trajectory + "/portfolio/scenarios", trajectory + "/portfolio/scenarios/ratings",
                trajectory + "/portfolio/scenarios/edit"):
        d.get(url)
        problems += [format_violation(v, url) for v in axe_violations(d) if v.get("impact") in ("serious", "critical")]
        _assert_no_horizontal_scroll(d, url)
    d.get(capabilities)
    assert d.find_elements(By.CSS_SELECTOR, "#capabilities tbody tr"), "the demo's capabilities are listed"
    d.find_element(By.CSS_SELECTOR, "#capability-form button[type=submit]").click()
    WebDriverWait(d, 15, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda drv: drv.find_elements(By.CSS_SELECTOR, ".error-summary"), "an empty capability shows the error summary")
    problems += [format_violation(v, "capabilities (errors)") for v in axe_violations(d) if v.get("impact") in ("serious", "critical")]
    d.get(trajectory + "/portfolio/scenarios")
    assert d.find_elements(By.CSS_SELECTOR, "#robustness-matrix tbody tr"), "the demo's robustness matrix"
    assert d.find_elements(By.CSS_SELECTOR, "#fragile-list li"), "a fragile intervention is named"
    assert not problems, "\n\n".join(problems)


def test_three_horizons_chart_labels_fit_and_do_not_overlap_at_360px(base_url, new_driver):
    d = _phone(new_driver)
    login(d, base_url)
    d.get(_trajectory(d, base_url) + "/portfolio")
    svg = d.find_element(By.CSS_SELECTOR, "svg.horizon-chart")
    labelled = svg.get_attribute("aria-labelledby") or ""
    assert labelled and all(d.find_elements(By.ID, part) for part in labelled.split()), "chart without title/desc"
    assert svg.size["width"] <= WIDTH, "the chart fits the phone"
    _check_labels(d, svg, "three-horizons chart")
    assert d.find_elements(By.CSS_SELECTOR, "#horizon-table tbody tr"), "the chart's data table"
