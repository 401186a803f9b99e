"""Trajectory reports: the pages pass axe, a published version prints to an A4 PDF through
Chromium whose text (read back with pdftotext) holds the report, and the public "U zei, wij
deden" page reads on a phone without JavaScript."""

from __future__ import annotations

import base64
import shutil
import subprocess

import pytest
from selenium.webdriver.common.by import By

from helpers import axe_violations, format_violation, login
from test_responsive import WIDTH, _assert_no_horizontal_scroll


def _reports(d, base_url) -> str:
    d.get(base_url + "/o/gemeente-voorbeeld/trajectories")
    return d.find_element(By.CSS_SELECTOR, "main table tbody a").get_attribute("href") + "/reports"


def _version(d, base_url) -> str:
    d.get(_reports(d, base_url))
    return d.find_element(By.CSS_SELECTOR, "#report-versions tbody a").get_attribute("href")


def test_report_pages_pass_axe(base_url, new_driver):
    d = new_driver()
    login(d, base_url)
    reports = _reports(d, base_url)
    version = _version(d, base_url)
    d.get(version)
    public = d.find_element(By.ID, "report-public-link").get_attribute("href")
    problems = []
    for url in (reports, version, version + "/delete", public):
        d.get(url)
        problems += [format_violation(v, url) for v in axe_violations(d) if v.get("impact") in ("serious", "critical")]
    assert not problems, "\n\n".join(problems)


def test_a_published_report_prints_to_a4_pdf(base_url, new_driver, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing (Debian: poppler-utils; scripts/test.sh installs it)", pytrace=False)
    d = new_driver()
    login(d, base_url)
    d.get(_version(d, base_url))
    title = d.find_element(By.CSS_SELECTOR, "#trajectory-report h1").text
    # A4 in inches, as Page.printToPDF takes it; CSS @page says A4 too.
    pdf = d.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": False, "preferCSSPageSize": True})
    path = tmp_path / "report.pdf"
    path.write_bytes(base64.b64decode(pdf["data"]))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout if shutil.which("pdfinfo") else ""
    # Words joined by single spaces: a long title wraps across lines in the PDF.
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())
    # Every section of the trajectory report, the newer ones included: representation, the
    # conversations' groups and common ground, the experiments, the value register.
    sections = ("Wie we hoorden", "Lijken de deelnemers op de inwoners?", "Wat er gezegd is", "Wat we maten",
                "Wat de gesprekken opleverden", "Wat we deden", "Wat we uitprobeerden", "Wat het opleverde")
    for expected in (title,) + sections:
        assert " ".join(expected.split()) in text, f"{expected!r} not in the printed PDF"
    for left_out in ("Verslag terugtrekken", "Uitloggen", "Alle versies"):
        assert left_out not in text, f"{left_out!r} printed: the print stylesheet should hide it"
    if info:
        assert "(A4)" in info, f"not A4: {info}"


def test_you_said_we_did_reads_on_a_phone_without_javascript(base_url, new_driver):
    d = new_driver()
    login(d, base_url)
    d.get(_version(d, base_url))
    public = d.find_element(By.ID, "report-public-link").get_attribute("href")
    phone = new_driver(javascript=False, width=WIDTH, height=800)
    phone.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    phone.get(public)
    page = phone.find_element(By.ID, "you-said-we-did")
    assert "U zei" in page.text and "Wij deden" in page.text
    assert not phone.find_elements(By.ID, "logout-form"), "the public page needs no login"
    _assert_no_horizontal_scroll(phone, public)
