"""A 360 px wide phone screen must never need horizontal scrolling."""

from helpers import login, wait_css

WIDTH = 360

# The widest offenders, so a failure says which element is too wide.
_OVERFLOW = """
const w = document.documentElement.clientWidth;
const out = [];
for (const el of document.querySelectorAll('body *')) {
  const r = el.getBoundingClientRect();
  if (r.width > 0 && r.right > w + 0.5) {
    let name = el.tagName.toLowerCase();
    if (el.id) name += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim()) name += '.' + el.className.trim().split(/\\s+/).join('.');
    out.push(name + ' (right edge ' + Math.round(r.right) + 'px)');
  }
}
return out.slice(0, 10);
"""


def _phone(new_driver):
    d = new_driver(width=WIDTH, height=800)
    # Pin the viewport itself to 360 CSS px: the window size alone also counts browser chrome.
    d.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": False},
    )
    return d


def _assert_no_horizontal_scroll(d, what):
    inner = d.execute_script("return window.innerWidth")
    assert inner == WIDTH, f"test setup: viewport is {inner}px wide, expected {WIDTH}px"
    scroll_width = d.execute_script("return document.documentElement.scrollWidth")
    if scroll_width > WIDTH:
        offenders = d.execute_script(_OVERFLOW)
        raise AssertionError(
            f"{what} ({d.current_url}) scrolls horizontally at {WIDTH}px: scrollWidth={scroll_width}\n"
            "elements past the right edge: " + (", ".join(offenders) or "(none found)")
        )


def test_login_page_fits_360px(new_driver, base_url):
    d = _phone(new_driver)
    d.get(base_url + "/login")
    wait_css(d, "form#login-form", "login page")
    _assert_no_horizontal_scroll(d, "login page")


def test_home_page_fits_360px(new_driver, base_url):
    d = _phone(new_driver)
    login(d, base_url)
    _assert_no_horizontal_scroll(d, "home page after login")
