#!/usr/bin/env python3
"""The screenshots in docs/: a survey step, the survey analysis page and the organisation's
dashboard, each at 1280 and 360 px, from the demo data in headless Chromium.

Usage: .venv/bin/python scripts/screenshots.py [--samen .build/debug/samen] [--out docs]
(scripts/test.sh installs Chromium and the .venv; the pictures are whole pages, up to 2,400 px high.)
"""
import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Tests", "browser"))
import helpers  # noqa: E402

ORG = "/o/gemeente-voorbeeld"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shoot(driver, url: str, path: str, width: int) -> None:
    driver.set_window_size(width, 900)
    driver.get(url)
    # The window's inner height is less than its size: grow until the page fits (or 2,400 px).
    for _ in range(3):
        height = driver.execute_script("return document.documentElement.scrollHeight")
        inner = driver.execute_script("return window.innerHeight")
        size = driver.get_window_size()["height"]
        driver.set_window_size(width, min(max(size + height - inner, 600), 2400))
        time.sleep(0.3)
    driver.save_screenshot(path)
    print(f"{path}: {url} at {width} px")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samen", default=os.path.join(ROOT, ".build", "debug", "samen"))
    parser.add_argument("--out", default=os.path.join(ROOT, "docs"))
    args = parser.parse_args()
    port = free_port()
    data = tempfile.mkdtemp(prefix="samen-shots-")
    server = subprocess.Popen([args.samen, "serve", "--demo", "--host", "127.0.0.1", "--port", str(port), "--data-dir", data],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(base + "/healthz", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        driver = helpers.make_driver()
        try:
            helpers.login(driver, base)
            driver.get(base + ORG + "/surveys")
            survey = re.search(r'href="(' + ORG + r'/surveys/[a-f0-9-]{36})"', driver.page_source).group(1)
            driver.get(base + survey)
            open_link = re.findall(ORG + r"/surveys/[a-f0-9-]{36}/waves/[a-f0-9-]{36}/open-link", driver.page_source)[-1]
            driver.get(base + open_link)
            step = re.search(r"/s/[0-9A-Z]{12}", driver.page_source).group(0)
            pages = {"dashboard": ORG, "analysis": survey + "/analysis", "survey-step": step}
            for name, path in pages.items():
                for width in (1280, 360):
                    shoot(driver, base + path, os.path.join(args.out, f"{name}-{width}.png"), width)
        finally:
            driver.quit()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
