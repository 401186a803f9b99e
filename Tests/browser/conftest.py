"""Fixtures for the browser tests.

`server` starts the real `samen` binary once per session (demo data, SQLite in a
temp dir, a free loopback port) and stops it at the end. When it cannot start,
every test errors with the reason and the server's log: never a silent skip.

Environment:
  SAMEN_BIN            path to the built `samen` binary (scripts/test.sh sets it)
  SAMEN_TEST_BASE_URL  optional: test an already running server instead
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

import helpers

STARTUP_TIMEOUT = 60  # seconds until /healthz must answer 200


@dataclass
class Server:
    base_url: str
    log_path: Path | None
    # The server's SQLite folder, for tests that run `samen` commands on the same data (None for an external server).
    data_dir: Path | None = None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log_tail(path: Path | None, lines: int = 60) -> str:
    if path is None or not path.exists():
        return "(no server log)"
    text = path.read_text(errors="replace").splitlines()
    return "\n".join(text[-lines:]) or "(server log is empty)"


def _healthz_ok(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(base_url + "/healthz", timeout=2) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


_server_log: Path | None = None


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Server:
    global _server_log
    external = os.environ.get("SAMEN_TEST_BASE_URL")
    if external:
        base = external.rstrip("/")
        if not _healthz_ok(base):
            pytest.fail(f"SAMEN_TEST_BASE_URL={base} does not answer 200 on /healthz", pytrace=False)
        yield Server(base, None)
        return

    binary = os.environ.get("SAMEN_BIN")
    if not binary:
        pytest.fail("SAMEN_BIN is not set: run scripts/test.sh, or set SAMEN_BIN to the built samen binary", pytrace=False)
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        pytest.fail(f"SAMEN_BIN={binary} is not an executable file (did `swift build` succeed?)", pytrace=False)

    workdir = tmp_path_factory.mktemp("samen-server")
    data_dir = workdir / "data"
    data_dir.mkdir()
    _server_log = workdir / "server.log"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [binary, "serve", "--demo", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data_dir)]

    with open(_server_log, "wb") as log:
        # Own process group, so teardown also ends anything the server spawned.
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)

    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not _healthz_ok(base):
            if proc.poll() is not None:
                pytest.fail(
                    f"samen exited with code {proc.returncode} before answering /healthz\n"
                    f"command: {' '.join(cmd)}\n--- server log ---\n{_log_tail(_server_log)}",
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"samen did not answer 200 on {base}/healthz within {STARTUP_TIMEOUT}s\n"
                    f"command: {' '.join(cmd)}\n--- server log ---\n{_log_tail(_server_log)}",
                    pytrace=False,
                )
            time.sleep(0.25)
        yield Server(base, _server_log, data_dir)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture
def base_url(server: Server) -> str:
    return server.base_url


@pytest.fixture
def new_driver():
    """Factory for headless Chromium drivers; all are quit after the test."""
    drivers = []

    def make(**kwargs):
        d = helpers.make_driver(**kwargs)
        drivers.append(d)
        return d

    yield make
    for d in drivers:
        try:
            d.quit()
        except Exception:  # a crashed browser must not hide the test's own failure
            pass


@pytest.fixture
def driver(new_driver):
    return new_driver()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """On failure, show the end of the server's log: it often says why."""
    if exitstatus != 0 and _server_log is not None:
        terminalreporter.section("samen server log (last 60 lines)")
        terminalreporter.write_line(f"full log: {_server_log}")
        terminalreporter.write_line(_log_tail(_server_log))
