"""Scale-out: two `samen serve` processes share one PostgreSQL.

Sessions live in the database, so a login through one process must work on the other,
and a logout on the second must end the session on the first. Both processes start at
the same moment, so their migrations also race for PostgreSQL's advisory lock.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar

import pytest

from conftest import _free_port, _healthz_ok


def _psql_url(url: str, database: str | None = None) -> str:
    """The same server for psql, which knows sslmode but not tlsmode."""
    parts = urllib.parse.urlsplit(url)
    path = f"/{database}" if database else parts.path
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "sslmode=disable", ""))


@pytest.fixture
def shared_postgres():
    base = os.environ.get("SAMEN_TEST_POSTGRES_URL")
    if not base:
        pytest.fail("SAMEN_TEST_POSTGRES_URL is not set: run scripts/test.sh, which starts PostgreSQL", pytrace=False)
    name = "samen_scale_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", _psql_url(base), "-v", "ON_ERROR_STOP=1", "-qc", f"CREATE DATABASE {name}"], check=True)
    parts = urllib.parse.urlsplit(base)
    yield urllib.parse.urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))
    subprocess.run(["psql", _psql_url(base), "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)


def _start(binary: str, url: str, port: int, log_path, demo: bool) -> subprocess.Popen:
    cmd = [binary, "serve", "--host", "127.0.0.1", "--port", str(port)] + (["--demo"] if demo else [])
    env = dict(os.environ, SAMEN_DATABASE_URL=url)
    with open(log_path, "wb") as log:
        return subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_session_from_one_process_works_on_another(shared_postgres, tmp_path):
    binary = os.environ.get("SAMEN_BIN")
    if not binary:
        pytest.fail("SAMEN_BIN is not set", pytrace=False)
    port_a, port_b = _free_port(), _free_port()
    a = _start(binary, shared_postgres, port_a, tmp_path / "a.log", demo=True)
    b = _start(binary, shared_postgres, port_b, tmp_path / "b.log", demo=False)
    try:
        base_a, base_b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
        deadline = time.monotonic() + 60
        while not (_healthz_ok(base_a) and _healthz_ok(base_b)):
            for proc, log in ((a, "a.log"), (b, "b.log")):
                if proc.poll() is not None:
                    pytest.fail(f"a server exited early:\n{(tmp_path / log).read_text(errors='replace')}", pytrace=False)
            if time.monotonic() > deadline:
                pytest.fail("servers did not start within 60 s", pytrace=False)
            time.sleep(0.25)

        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

        def fetch(url: str, data: dict | None = None) -> tuple[int, str]:
            body = urllib.parse.urlencode(data).encode() if data is not None else None
            try:
                with opener.open(url, data=body, timeout=10) as r:
                    return r.status, r.read().decode()
            except urllib.error.HTTPError as e:
                return e.code, e.read().decode(errors="replace")

        # Log in through process A (the demo data may still be loading: retry briefly).
        status, page = fetch(base_a + "/login")
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        for _ in range(40):
            status, _ = fetch(base_a + "/login", {"_csrf": csrf, "email": "ilse@voorbeeld.nl",
                                                  "password": "welkom-bij-samen", "return_to": "/organisations"})
            if status == 303:
                break
            time.sleep(0.25)
        assert status == 303, f"login on A answered {status}"
        assert any(c.name == "samen_session" for c in jar), "A set no session cookie"

        # Use the session on process B: the cookie jar is per host+port-agnostic for 127.0.0.1.
        status, page = fetch(base_b + "/organisations")
        assert status == 200, f"B did not accept A's session (status {status})"
        assert "Gemeente Voorbeeld" in page

        # Log out on B; A must no longer accept the session.
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        status, _ = fetch(base_b + "/logout", {"_csrf": csrf})
        assert status == 303
        status, _ = fetch(base_a + "/organisations")
        assert status == 303, "A still accepted a session that B ended"
    finally:
        _stop(a)
        _stop(b)
