"""Log in, switch language, log out, wrong password, no-JavaScript use."""

from selenium.webdriver.common.by import By

from helpers import (
    DEMO_EMAIL,
    login,
    logout,
    path_of,
    submit_login,
    switch_language,
    wait_css,
)


def test_login_shows_logout_form(driver, base_url):
    login(driver, base_url)
    assert path_of(driver.current_url) != "/login", f"still on the login page after logging in: {driver.current_url}"


def test_switch_language_en_and_back_to_nl(driver, base_url):
    login(driver, base_url)
    switch_language(driver, "en")
    switch_language(driver, "nl")


def test_logout_then_protected_pages_redirect_to_login(driver, base_url):
    login(driver, base_url)
    logout(driver)
    assert path_of(driver.current_url) == "/login", f"after logout expected /login, got {driver.current_url}"
    driver.get(base_url + "/organisations")
    wait_css(driver, "form#login-form", "visiting /organisations after logout")
    assert path_of(driver.current_url) == "/login", (
        f"/organisations after logout should redirect to /login, ended at {driver.current_url}"
    )


def test_wrong_password_shows_error_and_keeps_email(driver, base_url):
    submit_login(driver, base_url, DEMO_EMAIL, "dit-is-niet-het-wachtwoord")
    wait_css(driver, ".error-summary", "error message after a wrong password")
    assert not driver.find_elements(By.CSS_SELECTOR, "form#logout-form"), "a wrong password logged the user in"
    email = driver.find_element(By.CSS_SELECTOR, 'form#login-form [name="email"]').get_attribute("value")
    assert email == DEMO_EMAIL, f"the typed e-mail should stay in the field, found {email!r}"


def test_works_without_javascript(new_driver, base_url):
    d = new_driver(javascript=False)
    login(d, base_url)
    logout(d)
    d.get(base_url + "/organisations")
    wait_css(d, "form#login-form", "visiting /organisations after logout (no JavaScript)")
