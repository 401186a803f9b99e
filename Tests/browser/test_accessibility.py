"""axe-core (WCAG 2.0/2.1 A and AA) on every page a logged-in user can reach.

Breadth-first from the landing page over same-origin <a href> links, GET only.
Every `serious` or `critical` violation fails the test; all are listed at once.
"""

from __future__ import annotations

import urllib.request
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest

from helpers import (
    FAILING_IMPACTS,
    axe_violations,
    format_violation,
    login,
    path_of,
    switch_language,
    wait_css,
)

MAX_PAGES = 80
# Not pages to audit: side effects (logout), machine endpoints, assets.
SKIP_PREFIXES = ("/logout", "/metrics", "/api/", "/static/")

_LINKS = """
return Array.from(document.querySelectorAll('a[href]'))
  .filter(a => !a.hasAttribute('download'))
  .map(a => a.href);
"""


def _skip(url: str, origin: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != origin:
        return True  # external, mailto:, javascript: ...
    path = parts.path or "/"
    return path == "/api" or any(path.startswith(p) for p in SKIP_PREFIXES)


def _is_html(driver, url: str) -> bool:
    """Ask first with the browser's cookies, so downloads (CSV, PDF) are not 'audited'."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    req = urllib.request.Request(url, headers={"Cookie": cookies, "Accept": "text/html"})
    try:
        with urllib.request.urlopen(req, timeout=15) as r:
            return r.headers.get_content_type() == "text/html"
    except Exception:
        return True  # let the browser show the error page; axe then audits that


def _audit(driver, where: str, problems: list[str]) -> None:
    for v in axe_violations(driver):
        if v["impact"] in FAILING_IMPACTS:
            problems.append(format_violation(v, where))


def test_accessibility_of_all_reachable_pages(driver, base_url):
    problems: list[str] = []

    # The login page, before logging in.
    driver.get(base_url + "/login")
    wait_css(driver, "form#login-form", "login page")
    _audit(driver, driver.current_url, problems)

    login(driver, base_url)
    landing = urldefrag(driver.current_url).url
    origin = f"{urlsplit(base_url).scheme}://{urlsplit(base_url).netloc}"

    seen = {landing}
    queue = deque([landing])
    audited: list[str] = []
    while queue and len(audited) < MAX_PAGES:
        url = queue.popleft()
        if url != landing and not _is_html(driver, url):
            continue
        driver.get(url)
        if path_of(driver.current_url) == "/login" and path_of(url) != "/login":
            # Some link ended the session; log in again and carry on from the queue.
            login(driver, base_url)
            continue
        audited.append(url)
        _audit(driver, url, problems)
        for href in driver.execute_script(_LINKS):
            link = urldefrag(href).url
            if link not in seen and not _skip(link, origin):
                seen.add(link)
                queue.append(link)

    # The landing page once more, in English (then back to Dutch for other tests' sake).
    driver.get(landing)
    switch_language(driver, "en")
    _audit(driver, f"{driver.current_url} (English)", problems)
    switch_language(driver, "nl")

    print(f"axe audited {len(audited)} pages after login (+ /login, + landing in English): " + ", ".join(path_of(u) or "/" for u in audited))
    if problems:
        pytest.fail(
            f"{len(problems)} serious/critical accessibility violations "
            f"on {len(audited) + 2} audited pages:\n\n" + "\n\n".join(problems),
            pytrace=False,
        )
