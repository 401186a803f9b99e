#!/usr/bin/env python3
"""The production set-up under load and under a fault: several `samen serve` processes on one
PostgreSQL, votes spread over all of them, and (with --kill) one process killed with
SIGKILL in the middle of the run and started again a second later.

Afterwards it checks, per participant, that every vote a server acknowledged (303) is
stored, and no more than were asked for; it prints votes/s, latency p50/p99, the answers
by status (a 5xx is a failure), the requests lost with the killed process (never
acknowledged, so the citizen saw an error and may vote again), and how long after the last
vote the stored opinion map caught up with every vote.

    source scripts/lib/postgres.sh && pg_throwaway_start
    python3 scripts/vote_cluster.py --database-url "$SAMEN_TEST_POSTGRES_URL" [--samen .build/release/samen]
        [--servers 2] [--connections 32] [--seconds 10] [--workload first|revote] [--kill]
    pg_throwaway_stop

Workloads: `first` makes every participant new after five votes (many first votes, each
creating a participant), `revote` keeps one participant per connection voting again.
Bounded: fixed connections and duration, 127.0.0.1 only. It uses the vote_load.py client.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from vote_load import ROOT, free_port, run_wrk, setup  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402


def psql(url: str, query: str) -> list[list[str]]:
    """Runs a query with the real psql (the URL's tlsmode is SQLKit's spelling of sslmode)."""
    binary = shutil.which("psql") or next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"))), None)
    if binary is None:
        raise SystemExit("psql is missing (Debian: postgresql-client)")
    out = subprocess.run([str(binary), url.replace("tlsmode=", "sslmode="), "-At", "-F", "\t", "-c", query],
                         capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


class Server:
    def __init__(self, samen: str, url: str, demo: bool) -> None:
        self.samen, self.url, self.demo, self.port = samen, url, demo, free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = dict(os.environ, SAMEN_VOTE_RATE="1000000/1000000", SAMEN_BCRYPT_COST="4", SAMEN_LOG_LEVEL="warning")
        command = [self.samen, "serve", "--port", str(self.port), "--database-url", self.url] + (["--demo"] if self.demo else [])
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"samen serve on port {self.port} did not start")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


class Participant:
    """One citizen: the cookie token names them, so their stored votes can be found."""

    def __init__(self) -> None:
        self.jar: dict[str, str] = {}
        self.acknowledged = 0
        self.lost = 0  # asked, but the connection died before an answer


async def http(reader, writer, method: str, path: str, headers: dict, body: bytes = b"") -> tuple[int, list[str]]:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}"] + [f"{k}: {v}" for k, v in headers.items()]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status, cookies, length = int(status_line.split()[1]), [], 0
    while (line := (await reader.readline()).decode().rstrip("\r\n")):
        name, _, value = line.partition(":")
        if name.lower() == "set-cookie":
            cookies.append(value.strip().split(";")[0])
        if name.lower() == "content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return status, cookies


async def connection(index: int, servers: list[Server], public: str, args, deadline: float, out: dict) -> None:
    participants: list[Participant] = out["participants"]
    person, votes, attempt = None, 0, 0
    reader = writer = None
    while time.perf_counter() < deadline:
        server = servers[(index + attempt) % len(servers)]
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            if person is None or (args.workload == "first" and votes >= 5):
                status, cookies = await http(reader, writer, "GET", public, {})
                person, votes = Participant(), 0
                person.jar.update(c.split("=", 1) for c in cookies)
                if "samen_csrf" not in person.jar:
                    raise SystemExit(f"the public page answered {status} without a form token: {cookies}")
                participants.append(person)
            cookie = "; ".join(f"{k}={v}" for k, v in person.jar.items())
            body = f"_csrf={person.jar['samen_csrf']}&statement={votes % args.statements}&vote={('agree', 'disagree', 'pass')[votes % 3]}"
            start = time.perf_counter()
            try:
                status, cookies = await http(reader, writer, "POST", public + "/vote",
                                             {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}, body.encode())
            except (ConnectionError, OSError, asyncio.IncompleteReadError):
                person.lost += 1
                raise
            out["latencies"].append(time.perf_counter() - start)
            out["statuses"][status] = out["statuses"].get(status, 0) + 1
            person.jar.update(c.split("=", 1) for c in cookies if c.split("=", 1)[1])
            if status == 303:
                person.acknowledged += 1
                out["last_vote"] = time.perf_counter()
            votes += 1
        except (ConnectionError, OSError, asyncio.IncompleteReadError):
            out["connection_errors"] += 1
            writer, attempt = None, attempt + 1
            await asyncio.sleep(0.05)
    if writer is not None:
        writer.close()


async def killer(servers: list[Server], after: float, out: dict) -> None:
    await asyncio.sleep(after)
    victim = servers[-1]
    victim.kill()
    out["killed_at"] = time.perf_counter()
    await asyncio.sleep(1)
    await asyncio.to_thread(victim.start)
    out["restarted_after"] = time.perf_counter() - out["killed_at"]


async def run(servers: list[Server], public: str, args) -> dict:
    out = {"participants": [], "latencies": [], "statuses": {}, "connection_errors": 0, "last_vote": 0.0}
    start = time.perf_counter()
    deadline = start + args.seconds
    tasks = [connection(i, servers, public, args, deadline, out) for i in range(args.connections)]
    if args.kill:
        tasks.append(killer(servers, args.seconds / 3, out))
    await asyncio.gather(*tasks)
    out["elapsed"] = time.perf_counter() - start
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samen", default=str(ROOT / ".build" / "release" / "samen"))
    parser.add_argument("--database-url", required=True, help="an empty PostgreSQL database (postgres://...)")
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--statements", type=int, default=300)
    parser.add_argument("--workload", choices=("first", "revote"), default="first")
    parser.add_argument("--wrk", action="store_true",
                        help="send the votes with wrk (one per server, re-votes by a few participants): the servers' ceiling, "
                             "with the Python client out of the way; checks the stored total instead of per participant")
    parser.add_argument("--kill", action="store_true", help="kill -9 one server a third into the run, restart it a second later")
    args = parser.parse_args()

    servers = [Server(args.samen, args.database_url, demo=True)]
    servers[0].start()  # loads the demo once, before the others start
    for _ in range(args.servers - 1):
        servers.append(Server(args.samen, args.database_url, demo=False))
        servers[-1].start()
    try:
        base = f"http://127.0.0.1:{servers[0].port}"
        question = f"Belastingtest {uuid.uuid4()}"
        public = setup(base, args.statements, question=question)
        conversation = psql(args.database_url, f"SELECT id FROM conversations WHERE question = '{question}'")[0][0]
        if args.wrk:
            wrk_run(servers, public, args, conversation)
            return
        out = asyncio.run(run(servers, public, args))
        stored = dict((row[0], int(row[1])) for row in psql(args.database_url, f"""
            SELECT p.token_hash, COUNT(*) FROM conversation_vote_events e
            JOIN conversation_participants p ON p.conversation_id = e.conversation_id AND p.number = e.participant
            WHERE e.conversation_id = '{conversation}' GROUP BY p.token_hash"""))
        # The opinion map: how long after the last acknowledged vote it holds every vote.
        total = sum(stored.values())
        caught_up = None
        while time.perf_counter() - out["last_vote"] < 30:
            rows = psql(args.database_url, f"SELECT vote_events FROM conversation_results WHERE conversation_id = '{conversation}'")
            if rows and int(rows[0][0]) >= total:
                caught_up = time.perf_counter() - out["last_vote"]
                break
            time.sleep(0.2)
    finally:
        for server in servers:
            if server.process and server.process.poll() is None:
                server.process.terminate()
                server.process.wait(timeout=30)

    missing = extra = 0
    for person in out["participants"]:
        token = person.jar.get("samen_participant")
        have = stored.get(hashlib.sha256(f"{conversation}:{token}".encode()).hexdigest(), 0) if token else 0
        missing += max(0, person.acknowledged - have)
        extra += max(0, have - person.acknowledged - person.lost)
    acknowledged = sum(p.acknowledged for p in out["participants"])
    lost = sum(p.lost for p in out["participants"])
    latencies = sorted(out["latencies"])
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0.0
    server_errors = sum(n for status, n in out["statuses"].items() if status >= 500)
    print(f"{args.servers} servers, {args.connections} connections, workload {args.workload}"
          + (f", one server killed with SIGKILL and back after {out.get('restarted_after', 0):.1f} s" if args.kill else ""))
    print(f"{acknowledged} votes acknowledged in {out['elapsed']:.1f} s: {acknowledged / out['elapsed']:.0f} votes/s; "
          f"latency p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms; statuses {out['statuses']}; "
          f"{len(out['participants'])} participants; {lost} requests lost with a connection, {out['connection_errors']} reconnects")
    print(f"stored: {total} vote events; acknowledged but missing: {missing}; stored beyond what was asked: {extra}")
    print("opinion map: " + (f"holds every vote {caught_up:.1f} s after the last one" if caught_up is not None else "not caught up within 30 s"))
    ok = missing == 0 and extra == 0 and server_errors == 0 and caught_up is not None
    print("vote cluster: " + ("ok" if ok else "FAILED"))
    raise SystemExit(0 if ok else 1)


def wrk_run(servers: list[Server], public: str, args, conversation: str) -> None:
    """wrk against every server at once; every vote wrk saw acknowledged must be stored."""
    per_server = max(2, args.connections // len(servers))
    with ThreadPoolExecutor(len(servers)) as pool:
        results = list(pool.map(lambda s: run_wrk(f"http://127.0.0.1:{s.port}", public, args.statements, per_server, args.seconds),
                                servers))
    acknowledged = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    elapsed = max(r[2] for r in results)
    stored = int(psql(args.database_url, f"SELECT COUNT(*) FROM conversation_vote_events WHERE conversation_id = '{conversation}'")[0][0])
    print(f"{args.servers} servers, {per_server * len(servers)} connections, wrk (re-votes)")
    print(f"{acknowledged} votes acknowledged in {elapsed:.1f} s: {acknowledged / elapsed:.0f} votes/s; "
          f"latency p50 {max(r[3] for r in results):.1f} ms, p99 {max(r[4] for r in results):.1f} ms (worst server); "
          f"{errors} answers not 2xx/3xx")
    # wrk stops without reading the answers still in flight (at most one per connection);
    # the servers store those votes too, so more may be stored, but never fewer.
    in_flight = per_server * len(servers)
    print(f"stored: {stored} vote events for {acknowledged} acknowledged (+ at most {in_flight} unanswered at the end)")
    ok = errors == 0 and acknowledged <= stored <= acknowledged + in_flight
    print("vote cluster: " + ("ok" if ok else "FAILED"))
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
