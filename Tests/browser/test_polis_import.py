"""The Pol.is upload form on a conversation page, in a real browser.

As the demo facilitator: a new, empty conversation shows the form (checked with axe);
a submit without comments.csv shows the message by that input and in the error summary
(checked with axe); then the files of a real Pol.is export, chosen with send_keys on the
file inputs, are imported and the notice names how many statements, participants and votes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from helpers import FAILING_IMPACTS, axe_violations, format_violation, login, replaced, wait_css


def _open_data() -> Path:
    shared = os.environ.get("SAMEN_SHARED_DIR")
    if shared:
        return Path(shared) / "data" / "polis" / "openData"
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "data" / "polis" / "openData"
        if candidate.is_dir():
            return candidate
    pytest.fail("../shared/data/polis/openData not found (set SAMEN_SHARED_DIR)", pytrace=False)


def _serious(driver, where: str) -> list[str]:
    return [format_violation(v, where) for v in axe_violations(driver) if v["impact"] in FAILING_IMPACTS]


def _submit(driver, form) -> None:
    form.find_element(By.CSS_SELECTOR, 'button[type="submit"]').click()
    WebDriverWait(driver, 15).until(replaced(form))
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")


def test_polis_export_uploaded_through_the_form(driver, base_url):
    folder = _open_data() / "brexit-consensus"
    login(driver, base_url)
    driver.get(base_url + "/o/gemeente-voorbeeld/conversations")
    create = wait_css(driver, "form#conversation-form", "the new-conversation form")
    create.find_element(By.ID, "question").send_keys("Can there be consensus on Brexit?")
    _submit(driver, create)

    form = wait_css(driver, "form#import-form", "the Pol.is import form on a new conversation")
    assert form.get_attribute("enctype") == "multipart/form-data"
    problems = _serious(driver, driver.current_url)

    # Only votes.csv: the message by the comments.csv input, linked from the summary.
    form.find_element(By.ID, "votes_csv").send_keys(str(folder / "votes.csv"))
    _submit(driver, form)
    error = wait_css(driver, "#comments_csv-error", "the message by the comments.csv input")
    assert "comments.csv" in error.text
    assert wait_css(driver, ".error-summary a", "error summary").get_attribute("href").endswith("#comments_csv")
    problems += _serious(driver, driver.current_url + " (after a failed import)")

    form = wait_css(driver, "form#import-form", "the import form, shown again")
    for name in ("comments.csv", "votes.csv", "participants-votes.csv", "summary.csv"):
        field = name.replace(".csv", "_csv").replace("-", "_")
        form.find_element(By.ID, field).send_keys(str(folder / name))
    _submit(driver, form)
    notice = wait_css(driver, ".notice", "the notice after the import")
    votes = sum(1 for line in (folder / "votes.csv").read_text(encoding="utf-8").splitlines()[1:] if line.strip())
    dutch = f"{votes:,}".replace(",", ".")  # 5.312: Dutch groups thousands with a point
    assert "geïmporteerd" in notice.text and f"{dutch} stemmen" in notice.text, notice.text
    assert not driver.find_elements(By.CSS_SELECTOR, "form#import-form"), "an imported conversation takes no second import"
    assert not problems, "\n\n".join(problems)
