"""Every chart on the demo pages, at 1280 and at 360 px: each <text> lies inside its SVG's
view box, no two labels overlap (bounding boxes from the browser), and chart text has a
contrast of at least 4.5:1 against the page behind it (computed colours)."""

import pytest
from selenium.webdriver.common.by import By

from helpers import login

# Run in the page: for each visible chart SVG, the text boxes in view-box units, overlaps and contrast.
CHECK = r"""
function lum(c) {
  const m = c.match(/[\d.]+/g).map(Number);
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(m[0]) + 0.7152 * f(m[1]) + 0.0722 * f(m[2]);
}
function background(el) {
  for (let e = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return c;
  }
  return 'rgb(255, 255, 255)';
}
const problems = [];
let charts = 0;
for (const svg of document.querySelectorAll('main svg[viewBox]')) {
  if (!svg.getClientRects().length || svg.classList.contains('qr')) continue;
  charts++;
  const vb = svg.viewBox.baseVal;
  const name = svg.getAttribute('class') || svg.id || 'svg';
  const boxes = [];
  for (const t of svg.querySelectorAll('text')) {
    if (!t.textContent.trim()) continue;
    // The text's box in the SVG's user units, transforms included.
    const b = t.getBBox(), m = t.getCTM(), s = svg.getScreenCTM().inverse().multiply(t.getScreenCTM());
    const pts = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
      .map(([x, y]) => [s.a * x + s.c * y + s.e, s.b * x + s.d * y + s.f]);
    const box = {x1: Math.min(...pts.map(p => p[0])), x2: Math.max(...pts.map(p => p[0])),
                 y1: Math.min(...pts.map(p => p[1])), y2: Math.max(...pts.map(p => p[1])), text: t.textContent.trim()};
    if (box.x1 < vb.x - 0.5 || box.y1 < vb.y - 0.5 || box.x2 > vb.x + vb.width + 0.5 || box.y2 > vb.y + vb.height + 0.5)
      problems.push(`${name}: "${box.text}" leaves the view box (${box.x1.toFixed(1)},${box.y1.toFixed(1)})–(${box.x2.toFixed(1)},${box.y2.toFixed(1)}) of ${vb.width}×${vb.height}`);
    const fill = getComputedStyle(t).fill;
    if (fill && fill.startsWith('rgb')) {
      const a = lum(fill), c = lum(background(svg));
      const ratio = (Math.max(a, c) + 0.05) / (Math.min(a, c) + 0.05);
      if (ratio < 4.5) problems.push(`${name}: "${box.text}" has contrast ${ratio.toFixed(2)}:1`);
    }
    boxes.push(box);
  }
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1), h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
    if (w > 0.5 && h > 0.5) problems.push(`${name}: "${a.text}" overlaps "${b.text}"`);
  }
}
return {charts, problems};
"""


def _chart_pages(d, base_url):
    d.get(base_url + "/o/gemeente-voorbeeld/trajectories")
    trajectory = d.find_element(By.CSS_SELECTOR, "main table tbody a").get_attribute("href")
    d.get(base_url + "/o/gemeente-voorbeeld/surveys")
    survey = next(a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "main a")
                  if "/surveys/" in (a.get_attribute("href") or "") and len(a.get_attribute("href").rsplit("/", 1)[-1]) == 36)
    d.get(base_url + "/o/gemeente-voorbeeld/conversations")
    conversation = next(a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "main a")
                        if "/conversations/" in (a.get_attribute("href") or "") and len(a.get_attribute("href").rsplit("/", 1)[-1]) == 36)
    return [survey + "/analysis", survey + "/analysis?segment=channel", trajectory + "/portfolio",
            trajectory + "/portfolio/growth", trajectory + "/value/sroi", conversation + "/results"]


@pytest.mark.parametrize("width", [1280, 360])
def test_chart_labels_fit_do_not_overlap_and_contrast(base_url, new_driver, width):
    d = new_driver(width=width, height=900)
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    login(d, base_url)
    problems, charts = [], 0
    for url in _chart_pages(d, base_url):
        d.get(url)
        found = d.execute_script(CHECK)
        charts += found["charts"]
        problems += [f"{url} at {width}px: {p}" for p in found["problems"]]
    assert charts >= 6, f"only {charts} charts found"
    assert not problems, "\n".join(problems)
