#!/usr/bin/env python3
"""Memory under unauthenticated large uploads (issue 11, defect 1), on loopback only:
starts `samen serve --demo` on a fresh SQLite file, lets PARALLEL clients each post a
SIZE-MB multipart body to a Pol.is import route without logging in, and prints how much
the server's resident memory (VmRSS) grew. Target: 16 × 30 MB raise RSS by < 50 MB.

    swift build
    python3 scripts/upload_memory.py [--samen .build/debug/samen] [--parallel 16] [--size-mb 30]

Each client announces the whole body (Content-Length) and sends it in 64 KB chunks until
the server answers or closes; the answer must be a refusal (303 to the login page).
Bounded: a fixed number of clients, 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOUNDARY = "samen-grens"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def post(port: int, size: int, results: list, index: int) -> None:
    head = (
        f"POST /o/gemeente-voorbeeld/conversations/onbekend/import HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
    ).encode()
    chunk = b"A" * 65536
    sent = 0
    status = "no answer"
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(head)
        s.setblocking(False)
        answer = b""
        try:
            while sent < size:
                try:
                    answer += s.recv(4096)
                    if answer:
                        break
                except BlockingIOError:
                    pass
                try:
                    sent += s.send(chunk[: min(len(chunk), size - sent)])
                except BlockingIOError:
                    time.sleep(0.001)
        except (BrokenPipeError, ConnectionResetError):
            pass
        s.setblocking(True)
        s.settimeout(30)
        try:
            while b"\r\n" not in answer:
                data = s.recv(4096)
                if not data:
                    break
                answer += data
        except (socket.timeout, ConnectionResetError):
            pass
        if answer:
            status = answer.split(b"\r\n", 1)[0].decode(errors="replace")
    results[index] = (status, sent)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samen", default=str(ROOT / ".build/debug/samen"))
    parser.add_argument("--parallel", type=int, default=16)
    parser.add_argument("--size-mb", type=int, default=30)
    args = parser.parse_args()

    port = free_port()
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, SAMEN_DATA_DIR=data, SAMEN_PORT=str(port), SAMEN_BCRYPT_COST="4", SAMEN_LOG_LEVEL="error")
        server = subprocess.Popen([args.samen, "serve", "--demo"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            # Warm up: one ordinary page and one refused upload, so lazy start-up costs are not counted.
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5).read()
            post(port, 1_048_576, [None], 0)
            time.sleep(0.5)
            before = rss_kb(server.pid)
            peak = before
            results: list = [None] * args.parallel
            threads = [threading.Thread(target=post, args=(port, args.size_mb * 1_048_576, results, i)) for i in range(args.parallel)]
            start = time.time()
            for t in threads:
                t.start()
            while any(t.is_alive() for t in threads):
                peak = max(peak, rss_kb(server.pid))
                time.sleep(0.02)
            elapsed = time.time() - start
            after = rss_kb(server.pid)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    statuses = sorted({r[0] for r in results})
    sent_mb = sum(r[1] for r in results) / 1_048_576
    growth_mb = (peak - before) / 1024
    print(f"{args.parallel} parallel unauthenticated {args.size_mb} MB imports in {elapsed:.2f} s")
    print(f"answers: {', '.join(statuses)}; body sent before the answer: {sent_mb:.1f} MB in total (most of it sits in socket buffers)")
    print(f"RSS before {before / 1024:.1f} MB, peak {peak / 1024:.1f} MB, after {after / 1024:.1f} MB: growth {growth_mb:.1f} MB "
          f"(target < 50 MB)")
    return 0 if growth_mb < 50 and all(s.startswith("HTTP/1.1 303") for s in statuses) else 1


if __name__ == "__main__":
    sys.exit(main())
