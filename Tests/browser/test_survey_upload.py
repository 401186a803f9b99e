"""The survey import as a file upload in a real browser: with JavaScript the file goes up
with a progress bar and the refusal report replaces the page; without JavaScript the same
form posts plainly and shows the same report. The file is refused on purpose (an
experience of 9 on every row), so the demo's answers stay as they are for the other tests;
the stored path is covered by SurveyUploadTests."""

from __future__ import annotations

import tempfile
from pathlib import Path

from selenium.webdriver.common.by import By

from helpers import login, wait_css
from test_survey_letters import _serious


def _refused_file(header: str, rows: int) -> str:
    columns = header.split(";") if ";" in header else header.split(",")
    separator = ";" if ";" in header else ","
    values = ["9" if column.startswith(("need.", "experience.")) else "" for column in columns]
    lines = [separator.join(columns)] + [separator.join(values)] * rows
    path = Path(tempfile.mkdtemp()) / "antwoorden.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _upload(driver, base_url) -> None:
    login(driver, base_url)
    driver.get(base_url + "/o/gemeente-voorbeeld/surveys")
    wait_css(driver, "main table tbody a", "survey list").click()
    header = wait_css(driver, "pre.template code", "the import template").text.strip()
    form = driver.find_element(By.CSS_SELECTOR, "form#import-form")
    assert form.get_attribute("enctype") == "multipart/form-data"
    form.find_element(By.CSS_SELECTOR, 'input[type="file"]').send_keys(_refused_file(header, 2000))
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_css(driver, ".error-summary table tbody tr", "the import report after the upload")


def test_upload_with_progress_and_report(new_driver, base_url):
    driver = new_driver()
    _upload(driver, base_url)
    cells = [td.text for td in driver.find_elements(By.CSS_SELECTOR, ".error-summary tbody tr:first-child td")]
    assert cells[0] == "2" and cells[1].startswith(("need.", "experience.")), cells
    # The page the script wrote keeps the form, ready for a corrected file.
    assert driver.find_elements(By.CSS_SELECTOR, "form#import-form progress")
    problems = _serious(driver, "survey import report (JavaScript)")
    assert not problems, "\n".join(problems)


def test_upload_without_javascript(new_driver, base_url):
    driver = new_driver(javascript=False)
    _upload(driver, base_url)
    cells = [td.text for td in driver.find_elements(By.CSS_SELECTOR, ".error-summary tbody tr:first-child td")]
    assert cells[0] == "2" and cells[1].startswith(("need.", "experience.")), cells
