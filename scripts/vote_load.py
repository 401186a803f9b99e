#!/usr/bin/env python3
"""Vote intake under load, on loopback only: starts a release `samen serve` on a fresh
SQLite file, creates a conversation with many statements, then lets CONNECTIONS anonymous
participants (one keep-alive connection each) post votes to the public vote endpoint for
SECONDS. Prints votes/s, latency percentiles, and checks that every accepted vote (303) is
in the database afterwards (counted in conversation_vote_events).

    swift build -c release
    python3 scripts/vote_load.py [--samen .build/release/samen] [--connections 32] [--seconds 10]

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


def setup(base: str, statements: int) -> str:
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
    page = post("/o/gemeente-voorbeeld/conversations", {"question": "Belastingtest", "moderation": "post", "seeds": seeds})
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samen", default=str(ROOT / ".build" / "release" / "samen"))
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--statements", type=int, default=300)
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
        latencies, counts, elapsed = asyncio.run(load(port, public, args.statements, args.connections, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = sqlite3.connect(db).execute("SELECT COUNT(*) FROM conversation_vote_events").fetchone()[0] - conversation_rows
    accepted = counts.get(303, 0)
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    print(f"{accepted} votes accepted in {elapsed:.1f} s over {args.connections} connections: {accepted / elapsed:.0f} votes/s; "
          f"latency p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms; statuses {counts}")
    print(f"stored vote events: {stored} ({'all accepted votes are stored' if stored == accepted else 'MISMATCH'})")
    raise SystemExit(0 if stored == accepted else 1)


if __name__ == "__main__":
    main()
