"""Shared helpers for the browser tests: Chromium drivers, login, axe-core.

Everything runs offline: the system's Chromium and chromedriver from Debian,
and axe-core from the axe-playwright-python wheel (we only borrow its
axe.min.js; Playwright itself is not used).
"""

from __future__ import annotations

import glob
import importlib.util
import os
from functools import lru_cache
from urllib.parse import urlsplit

# Never let Selenium Manager try to download a driver or browser.
os.environ.setdefault("SE_OFFLINE", "true")

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = os.environ.get("SAMEN_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("SAMEN_CHROMEDRIVER", "/usr/bin/chromedriver")

DEMO_EMAIL = "ilse@voorbeeld.nl"
DEMO_PASSWORD = "welkom-bij-samen"

WAIT_SECONDS = 15

# The login form's submit control: any <button> that submits, or <input type=submit>.
SUBMIT = 'button:not([type="button"]):not([type="reset"]), input[type="submit"]'


def make_driver(*, javascript: bool = True, width: int = 1280, height: int = 900) -> webdriver.Chrome:
    opts = Options()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",  # we run as root in CI
        "--disable-dev-shm-usage",  # small /dev/shm in containers
        "--disable-gpu",
        "--disable-extensions",
        "--no-first-run",
        "--disable-background-networking",  # no calls home: only loopback is reachable
        f"--window-size={width},{height}",
    ):
        opts.add_argument(arg)
    prefs = {"intl.accept_languages": "nl-NL,nl"}  # Dutch is the app's primary language
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    opts.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(options=opts, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(90)
    return driver


def wait_css(driver, css: str, what: str, timeout: float = WAIT_SECONDS):
    """Wait for an element; on timeout fail with what we expected and where we were."""
    try:
        return WebDriverWait(driver, timeout).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))
    except TimeoutException:
        raise AssertionError(
            f"{what}: no element matching {css!r} after {timeout}s on {driver.current_url}\n"
            f"--- page source (first 2000 chars) ---\n{driver.page_source[:2000]}"
        ) from None


def html_lang(driver) -> str:
    return driver.find_element(By.TAG_NAME, "html").get_attribute("lang") or ""


def wait_lang(driver, lang: str, timeout: float = WAIT_SECONDS) -> None:
    # The page is navigating: the <html> we just found may be gone a moment later.
    # Chromedriver may also answer with an inspector error for a node being replaced.
    wait = WebDriverWait(driver, timeout, ignored_exceptions=[StaleElementReferenceException, WebDriverException])
    try:
        wait.until(lambda d: html_lang(d) == lang)
    except TimeoutException:
        raise AssertionError(
            f'expected <html lang="{lang}"> but found lang="{html_lang(driver)}" on {driver.current_url}'
        ) from None


def path_of(url: str) -> str:
    return urlsplit(url).path


def submit_login(driver, base_url: str, email: str, password: str) -> None:
    """Fill in and submit the form at /login (no waiting for the result)."""
    driver.get(base_url + "/login")
    form = wait_css(driver, "form#login-form", "login page")
    email_field = form.find_element(By.CSS_SELECTOR, '[name="email"]')
    email_field.clear()
    email_field.send_keys(email)
    password_field = form.find_element(By.CSS_SELECTOR, '[name="password"]')
    password_field.clear()
    password_field.send_keys(password)
    form.find_element(By.CSS_SELECTOR, SUBMIT).click()


def login(driver, base_url: str) -> None:
    """Log in as the demo user; the logged-in layout has form#logout-form."""
    submit_login(driver, base_url, DEMO_EMAIL, DEMO_PASSWORD)
    wait_css(driver, "form#logout-form", "after logging in with the demo account")


def replaced(element):
    """A wait condition: the page that held `element` has been replaced. Chromedriver
    reports a node that is being replaced either as stale or as an inspector error
    ("does not belong to the document"); both mean the same here."""
    def check(_driver) -> bool:
        try:
            element.is_enabled()
            return False
        except (StaleElementReferenceException, WebDriverException):
            return True
    return check


def click_when_ready(driver, css: str, what: str) -> None:
    """Click an element once the page has finished loading. Under load the page may be
    replaced between finding the element and clicking it: then find it again."""
    WebDriverWait(driver, WAIT_SECONDS).until(lambda d: d.execute_script("return document.readyState") == "complete")
    for attempt in range(3):
        try:
            wait_css(driver, css, what).click()
            return
        except (StaleElementReferenceException, WebDriverException):  # replaced between finding and clicking
            if attempt == 2:
                raise


def logout(driver) -> None:
    click_when_ready(driver, "form#logout-form button", "the log-out button")
    wait_css(driver, "form#login-form", "after logging out")


def switch_language(driver, lang: str) -> None:
    click_when_ready(driver, f'form#language-form button[name="lang"][value="{lang}"]', f"language switch to {lang!r}")
    wait_lang(driver, lang)


# ---------------------------------------------------------------- axe-core

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = ("serious", "critical")


@lru_cache(maxsize=1)
def axe_source() -> str:
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise AssertionError("axe-playwright-python is not installed in this Python (pip install axe-playwright-python)")
    for location in spec.submodule_search_locations:
        found = sorted(glob.glob(os.path.join(location, "**", "axe.min.js"), recursive=True))
        if found:
            with open(found[0], encoding="utf-8") as f:
                return f.read()
    raise AssertionError(f"axe.min.js not found under {list(spec.submodule_search_locations)}")


_AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done({violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      targets: v.nodes.map(n => n.target.join(' '))}))}))
  .catch(e => done({error: String((e && e.stack) || e)}));
"""


def axe_violations(driver) -> list[dict]:
    """Inject axe-core into the current page and return all its WCAG 2.1 A/AA violations."""
    driver.execute_script(axe_source())
    result = driver.execute_async_script(_AXE_RUN, AXE_TAGS)
    if not isinstance(result, dict) or "error" in result:
        raise AssertionError(f"axe.run failed on {driver.current_url}: {result!r}")
    return result["violations"]


def format_violation(v: dict, where: str) -> str:
    targets = v["targets"][:3]
    more = f" (+{len(v['targets']) - 3} more)" if len(v["targets"]) > 3 else ""
    return (
        f"[{v['impact']}] {v['id']}: {v['help']}\n"
        f"    page: {where}\n"
        f"    elements: {', '.join(targets)}{more}\n"
        f"    see: {v['helpUrl']}"
    )
