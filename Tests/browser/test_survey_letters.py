"""Handing a survey out on paper: the letter sheet in a real browser. Each QR code, as
Chromium paints it, is read back with zbarimg (an independent decoder) and must give the
letter's own link; printed, the sheet is one A4 page a letter; the sheet and the page where
a citizen types the code pass axe."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from helpers import FAILING_IMPACTS, axe_violations, format_violation, wait_css
from test_surveys import links_form

ZBARIMG = shutil.which("zbarimg")


def _serious(driver, where):
    return [format_violation(v, where) for v in axe_violations(driver) if v["impact"] in FAILING_IMPACTS]


def _letters(driver, base_url, count: int) -> None:
    form = links_form(driver, base_url, count)
    Select(form.find_element(By.CSS_SELECTOR, 'select[name="format"]')).select_by_value("letters")
    form.find_element(By.CSS_SELECTOR, "button").click()
    wait_css(driver, "article.letter svg.qr", "the letters with their QR codes")


def _decode(png: bytes) -> str:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "qr.png"
        path.write_bytes(png)
        result = subprocess.run([ZBARIMG, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(path)],
                                capture_output=True, text=True, timeout=30)
        return result.stdout.rstrip("\n")


def test_letter_qr_codes_decode_to_their_links(driver, base_url):
    assert ZBARIMG, "zbarimg (Debian zbar-tools) is needed; scripts/test.sh installs it"
    _letters(driver, base_url, 5)
    letters = driver.find_elements(By.CSS_SELECTOR, "article.letter")
    assert len(letters) == 5
    seen = set()
    for letter in letters:
        url = letter.find_element(By.CSS_SELECTOR, ".letter-url").text
        code = letter.find_element(By.CSS_SELECTOR, ".letter-code").text
        assert re.fullmatch(re.escape(base_url) + r"/s/[0-9A-Z]{12}", url), url
        assert code.replace("-", "") == url.rsplit("/", 1)[1], (code, url)
        qr = letter.find_element(By.CSS_SELECTOR, "svg.qr")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", qr)
        assert _decode(qr.screenshot_as_png) == url
        seen.add(url)
    assert len(seen) == 5, "every letter has its own link"
    problems = _serious(driver, "letter sheet")
    assert not problems, "\n\n".join(problems)


def test_letter_sheet_prints_one_a4_page_per_letter(driver, base_url):
    _letters(driver, base_url, 3)
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})
    document = base64.b64decode(pdf["data"])
    pages = re.findall(rb"/Type\s*/Page[^s]", document)
    assert len(pages) == 3, f"{len(pages)} pages for 3 letters"
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", document)
    assert box, "the PDF names its page size"
    width, height = float(box.group(1)), float(box.group(2))
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, f"A4 is 595 × 842 points, got {width} × {height}"


def test_code_page_leads_to_the_survey_and_passes_axe(new_driver, base_url):
    facilitator = new_driver()
    _letters(facilitator, base_url, 1)
    code = facilitator.find_element(By.CSS_SELECTOR, ".letter-code").text
    d = new_driver(width=360, height=800)  # axe needs scripts; the form itself is a plain GET form
    d.get(base_url + "/s")
    field = wait_css(d, "input#code", "the code field")
    problems = _serious(d, "code page")
    field.send_keys("nope")
    d.find_element(By.CSS_SELECTOR, "#survey-code-form button").click()
    wait_css(d, ".error-summary", "the error summary")
    problems += _serious(d, "code page with an error")
    d.find_element(By.CSS_SELECTOR, "input#code").clear()
    d.find_element(By.CSS_SELECTOR, "input#code").send_keys(code.lower().replace("-", " "))
    d.find_element(By.CSS_SELECTOR, "#survey-code-form button").click()
    wait_css(d, "form#public-survey-form", "the survey form reached by the code")
    assert d.current_url == base_url + "/s/" + code.replace("-", "")
    assert not problems, "\n\n".join(problems)
