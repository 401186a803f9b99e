"""The citizen's survey steps on a phone (360 px): the 1–7 scale on one line with "weet ik
niet" apart below it, axe clean, and *Vorige* and the empty-step question working without
JavaScript (everything happens on the server)."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from helpers import replaced, wait_css
from test_surveys import WIDTH, _make_links, _phone, _serious


def _press(d, value: str) -> None:
    """Presses the button of the form with this `go` value and waits for the next page."""
    form = d.find_element(By.CSS_SELECTOR, "form#public-survey-form")
    d.find_element(By.CSS_SELECTOR, f'button[name="go"][value="{value}"]').click()
    WebDriverWait(d, 15).until(replaced(form))
    wait_css(d, "form#public-survey-form", f"the page after {value}")


def _choose(d, name: str, value: str) -> None:
    d.find_element(By.CSS_SELECTOR, f'label[for="{name}-{value}"]').click()


def test_scale_fits_one_line_on_a_phone_and_is_axe_clean(new_driver, base_url):
    link = _make_links(new_driver(), base_url, 1)[0]
    d = _phone(new_driver, javascript=True)
    d.get(base_url + link)
    wait_css(d, "form#public-survey-form", "public survey form")
    assert d.title.startswith("Stap 1 van "), d.title
    fieldsets = d.find_elements(By.CSS_SELECTOR, "fieldset.scale")
    assert len(fieldsets) == 2, "the two questions of the step"
    for fieldset in fieldsets:
        scale = fieldset.find_elements(By.CSS_SELECTOR, ".choices.columns .choice")
        tops = {round(choice.rect["y"]) for choice in scale}
        assert len(scale) == 7 and len(tops) == 1, f"1–7 on one line at {WIDTH}px: {len(scale)} answers on {len(tops)} lines"
        right = fieldset.rect["x"] + fieldset.rect["width"]
        assert all(choice.rect["x"] + choice.rect["width"] <= right + 0.5 for choice in scale), "the scale stays inside its box"
        apart = fieldset.find_element(By.CSS_SELECTOR, ".choices.apart .choice")
        assert "weet ik niet" in apart.text
        assert apart.rect["y"] >= max(choice.rect["y"] + choice.rect["height"] for choice in scale), "'weet ik niet' apart, below"
    assert d.execute_script("return document.documentElement.scrollWidth") <= WIDTH, "the step scrolls sideways at 360px"
    problems = _serious(d, "survey step 1 at 360px")
    _press(d, "next")  # nothing answered: the question before going on
    assert d.find_elements(By.CSS_SELECTOR, "#empty-notice"), "an empty step asks first"
    problems += _serious(d, "survey step 1 with the empty-step notice at 360px")
    assert not problems, "\n\n".join(problems)


def test_back_and_empty_step_without_javascript(new_driver, base_url):
    link = _make_links(new_driver(), base_url, 1)[0]
    d = _phone(new_driver, javascript=False)
    d.get(base_url + link)
    wait_css(d, "form#public-survey-form", "public survey form")
    first = d.find_elements(By.CSS_SELECTOR, "fieldset.scale")
    need, experience = (fieldset.get_attribute("id") for fieldset in first)
    _choose(d, need, "6")
    _choose(d, experience, "dk")
    _press(d, "next")
    assert "Stap 2 van" in d.title, d.title
    _press(d, "next")  # step 2 left empty
    assert "Stap 2 van" in d.title and d.find_elements(By.CSS_SELECTOR, "#empty-notice"), "an empty step asks first"
    _press(d, "skip")
    assert "Stap 3 van" in d.title, "going on anyway"
    _press(d, "back")
    _press(d, "back")
    assert "Stap 1 van" in d.title, d.title
    assert d.find_element(By.ID, f"{need}-6").is_selected() and d.find_element(By.ID, f"{experience}-dk").is_selected(), \
        "Vorige keeps the answers"
