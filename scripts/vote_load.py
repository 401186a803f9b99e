#!/usr/bin/env python3
"""Vote intake under load, on loopback only: starts a release `samen serve` on a fresh
SQLite file, creates a conversation with many statements, then lets CONNECTIONS anonymous
participants (one keep-alive connection each) post votes to the public vote endpoint for
SECONDS. Prints votes/s, latency percentiles, and checks that every accepted vote (303) is
in the database afterwards (counted in conversation_vote_events).

    swift build -c release
    python3 scripts/vote_load.py [--samen .build/release/samen] [--connections 32] [--seconds 10] [--wrk]

With --wrk the votes are sent by wrk (apt-get install wrk; a C load generator, so the
client is not the bottleneck) with a Lua script: one participant per wrk thread.

Bounded: a fixed number of connections, a fixed duration, 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setup(base: str, statements: int, question: str = "Belastingtest") -> str:
    """Log in as the demo facilitator and create a conversation; returns its public path."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "/login").read()

    def post(path: str, fields: dict) -> str:
        csrf = next(c.value for c in jar if c.name == "samen_csrf")  # renewed at login
        data = urllib.parse.urlencode({**fields, "_csrf": csrf}).encode()
        return opener.open(base + path, data=data).read().decode()

    post("/login", {"email": "ilse@voorbeeld.nl", "password": "welkom-bij-samen", "return_to": "/"})
    seeds = "\n".join(f"Stelling nummer {i} over de dienstverlening" for i in range(statements))
    page = post("/o/gemeente-voorbeeld/conversations", {"question": question, "moderation": "post", "seeds": seeds})
    return re.search(r'href="(/c/[a-z0-9]{24})"', page).group(1)


async def participant(port: int, public: str, statements: int, deadline: float, latencies: list, counts: dict) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)

    async def request(method: str, path: str, headers: dict, body: bytes = b"") -> tuple[int, dict]:
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await writer.drain()
        status_line = await reader.readline()
        status = int(status_line.split()[1])
        response_headers: dict = {}
        cookies = []
        while True:
            line = (await reader.readline()).decode().rstrip("\r\n")
            if not line:
                break
            name, _, value = line.partition(":")
            if name.lower() == "set-cookie":
                cookies.append(value.strip().split(";")[0])
            response_headers[name.lower()] = value.strip()
        length = int(response_headers.get("content-length", "0"))
        if length:
            await reader.readexactly(length)
        response_headers["cookies"] = cookies
        return status, response_headers

    _, headers = await request("GET", public, {})
    jar = dict(c.split("=", 1) for c in headers["cookies"])
    statement = 0
    while time.perf_counter() < deadline:
        cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
        body = urllib.parse.urlencode({"_csrf": jar["samen_csrf"], "statement": statement % statements,
                                       "vote": ("agree", "disagree", "pass")[statement % 3]}).encode()
        start = time.perf_counter()
        status, headers = await request("POST", public + "/vote", {
            "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}, body)
        latencies.append(time.perf_counter() - start)
        for c in headers["cookies"]:
            k, v = c.split("=", 1)
            if v:
                jar[k] = v
        counts[status] = counts.get(status, 0) + 1
        statement += 1
    writer.close()


async def load(port: int, public: str, statements: int, connections: int, seconds: float) -> tuple[list, dict, float]:
    latencies: list = []
    counts: dict = {}
    start = time.perf_counter()
    deadline = start + seconds
    await asyncio.gather(*(participant(port, public, statements, deadline, latencies, counts) for _ in range(connections)))
    return latencies, counts, time.perf_counter() - start


WRK_SCRIPT = """
local sessions = {SESSIONS}
local votes = {"agree", "disagree", "pass"}
local next_id = 0
function setup(thread) thread:set("id", next_id); next_id = next_id + 1 end
function init(args) me = sessions[(id % #sessions) + 1]; n = id * 7919 end
function request()
  n = n + 1
  local body = "_csrf=" .. me.csrf .. "&statement=" .. (n % STATEMENTS) .. "&vote=" .. votes[n % 3 + 1]
  return wrk.format("POST", "PATH/vote", {["Cookie"] = me.cookie, ["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
function done(summary, latency, requests)
  io.write(string.format("WRK %d %d %.3f %.3f %.3f\\n", summary.requests, summary.errors.status,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def run_wrk(base: str, public: str, statements: int, connections: int, seconds: float) -> tuple[int, int, float, float, float]:
    threads = 2
    sessions = []
    for _ in range(threads):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(base + public).read()
        cookies = {c.name: c.value for c in jar}
        sessions.append('{cookie="%s", csrf="%s"}' % ("; ".join(f"{k}={v}" for k, v in cookies.items()), cookies["samen_csrf"]))
    script = WRK_SCRIPT.replace("SESSIONS", ", ".join(sessions)).replace("STATEMENTS", str(statements)).replace("PATH", public)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{int(seconds)}s", "-s", f.name, base],
                         capture_output=True, text=True, check=True).stdout
    requests, errors, duration, p50, p99 = re.search(r"WRK (\d+) (\d+) ([0-9.]+) ([0-9.]+) ([0-9.]+)", out).groups()
    return int(requests) - int(errors), int(errors), float(duration), float(p50), float(p99)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samen", default=str(ROOT / ".build" / "release" / "samen"))
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--statements", type=int, default=300)
    parser.add_argument("--wrk", action="store_true", help="send the votes with wrk instead of Python")
    args = parser.parse_args()

    port = free_port()
    data = tempfile.mkdtemp(prefix="samen-load-")
    db = os.path.join(data, "samen.sqlite")
    env = dict(os.environ, SAMEN_VOTE_RATE="1000000/1000000", SAMEN_BCRYPT_COST="4", SAMEN_LOG_LEVEL="warning")
    server = subprocess.Popen([args.samen, "serve", "--demo", "--port", str(port), "--database-url", "sqlite://" + db],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        public = setup(base, args.statements)
        conversation_rows = sqlite3.connect(db).execute("SELECT COUNT(*) FROM conversation_vote_events").fetchone()[0]
        if args.wrk:
            accepted, errors, elapsed, p50, p99 = run_wrk(base, public, args.statements, args.connections, args.seconds)
        else:
            latencies, counts, elapsed = asyncio.run(load(port, public, args.statements, args.connections, args.seconds))
        time.sleep(0.5)  # let votes still in flight when the client stopped finish
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = sqlite3.connect(db).execute("SELECT COUNT(*) FROM conversation_vote_events").fetchone()[0] - conversation_rows
    if args.wrk:
        print(f"wrk: {accepted} votes accepted in {elapsed:.1f} s over {args.connections} connections: {accepted / elapsed:.0f} votes/s; "
              f"latency p50 {p50:.1f} ms, p99 {p99:.1f} ms; {errors} refused")
        # wrk does not count requests still in flight when it stops; those may be stored too.
        ok = accepted <= stored <= accepted + args.connections
        print(f"stored vote events: {stored} ({'every accepted vote is stored' if ok else 'MISMATCH'})")
        raise SystemExit(0 if ok and errors == 0 else 1)
    accepted = counts.get(303, 0)
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    print(f"{accepted} votes accepted in {elapsed:.1f} s over {args.connections} connections: {accepted / elapsed:.0f} votes/s; "
          f"latency p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms; statuses {counts}")
    print(f"stored vote events: {stored} ({'all accepted votes are stored' if stored == accepted else 'MISMATCH'})")
    raise SystemExit(0 if stored == accepted else 1)


if __name__ == "__main__":
    main()
