#!/usr/bin/env python3
"""Reference figures for the opinion map, computed with red-dwarf (PyPI `red-dwarf`).

For each Pol.is openData conversation: red-dwarf's adjusted Rand index against Pol.is's
own `group-id`, and its wall time (imports excluded). Also its time on the same seeded
synthetic 10,000 x 1,000 conversation that `samen bench opinion` generates. With
`--samen PATH` it runs Samen's release binary on the same data and prints the ratios.

    python3 scripts/opinion_reference.py [--data ../shared/data/polis/openData] \
        [--out reference.json] [--samen .build/release/samen] [--skip-synthetic]

red-dwarf is installed into a venv (.venv/reddwarf) on first use, never into the system
Python. The JSON written to --out is what `samen bench opinion --polis --reference` reads.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "reddwarf"
REQUIREMENT = "red-dwarf==0.4.0"


def ensure_venv() -> None:
    """Re-run this script inside the red-dwarf venv, creating it when missing."""
    if os.environ.get("SAMEN_REFERENCE_VENV_ACTIVE") == "1":
        return
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    try:
        subprocess.check_call([str(python), "-c", "import reddwarf, sklearn"], stderr=subprocess.DEVNULL)
    except subprocess.CalledProcessError:
        subprocess.check_call([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", REQUIREMENT])
    env = dict(os.environ, SAMEN_REFERENCE_VENV_ACTIVE="1")
    os.execve(str(python), [str(python), __file__, *sys.argv[1:]], env)


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def latest_votes(rows: list[dict]) -> list[dict]:
    """One vote per participant and statement, the latest (red-dwarf's matrix needs unique cells)."""
    latest: dict[tuple[int, int], dict] = {}
    for row in rows:
        key = (row["participant_id"], row["statement_id"])
        if key not in latest or row["modified"] >= latest[key]["modified"]:
            latest[key] = row
    return list(latest.values())


def run_red_dwarf(votes: list[dict], mod_out: list[int], meta: list[int]):
    from reddwarf.implementations.polis import run_pipeline

    start = time.perf_counter()
    result = run_pipeline(votes=votes, mod_out_statement_ids=mod_out, meta_statement_ids=meta, random_state=42)
    return result, time.perf_counter() - start


def open_data(directory: Path) -> dict:
    from sklearn.metrics import adjusted_rand_score

    figures = {}
    for conversation in sorted(p for p in directory.iterdir() if (p / "votes.csv").exists()):
        comments = read_csv(conversation / "comments.csv")
        rejected = [int(c["comment-id"]) for c in comments if int(c.get("moderated") or 0) < 0]
        meta = [int(c["comment-id"]) for c in comments if (c.get("is-meta") or "").lower() == "true"]
        votes = latest_votes([
            {"participant_id": int(v["voter-id"]), "statement_id": int(v["comment-id"]), "vote": int(v["vote"]),
             "modified": int(v["timestamp"])}
            for v in read_csv(conversation / "votes.csv")
        ])
        result, seconds = run_red_dwarf(votes, sorted(set(rejected + meta)), meta)
        ours = result.participants_df["cluster_id"].dropna()
        polis = {int(p["participant"]): int(p["group-id"]) for p in read_csv(conversation / "participants-votes.csv")
                 if p.get("group-id", "") != ""}
        shared = [pid for pid in ours.index if int(pid) in polis]
        ari = adjusted_rand_score([polis[int(pid)] for pid in shared], [int(ours[pid]) for pid in shared])
        figures[conversation.name] = {"ari": ari, "seconds": seconds, "participants": len(result.participants_df)}
        print(f"{conversation.name:30s} red-dwarf ARI {ari:6.3f} on {len(shared)} shared, {seconds:7.3f} s")
    return figures


class SplitMix64:
    """The same generator as SyntheticConversation.Generator in Swift."""

    MASK = (1 << 64) - 1

    def __init__(self, seed: int):
        self.state = seed

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def unit(self) -> float:
        return (self.next() >> 11) / float(1 << 53)

    def below(self, n: int) -> int:
        return self.next() % n


def synthetic_votes(participants: int, statements: int, per_participant: int, groups: int = 4, seed: int = 42) -> list[dict]:
    """Exactly the events of SyntheticConversation.events (same seed, same order)."""
    rnd = SplitMix64(seed)
    lean = [[rnd.below(3) - 1 for _ in range(statements)] for _ in range(groups)]
    votes = []
    t = 0
    for participant in range(participants):
        group = rnd.below(groups)
        count = max(1, min(statements, per_participant // 2 + rnd.below(per_participant + 1)))
        chosen: set[int] = set()
        while len(chosen) < count:
            chosen.add(rnd.below(statements))
        for statement in sorted(chosen):
            roll = rnd.unit()
            l = lean[group][statement]
            if l == 0:
                vote = 1 if roll < 0.35 else (-1 if roll < 0.7 else 0)
            else:
                vote = l if roll < 0.75 else (-l if roll < 0.9 else 0)
            t += 1
            votes.append({"participant_id": participant, "statement_id": statement, "vote": vote, "modified": t})
    return votes


def samen_seconds(binary: str, args: list[str]) -> str:
    return subprocess.run([binary, *args], check=True, capture_output=True, text=True).stdout


def main() -> None:
    ensure_venv()
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "polis" / "openData"))
    parser.add_argument("--out", default=None, help="write the per-conversation figures as JSON here")
    parser.add_argument("--samen", default=None, help="Samen's release binary, to print the speed ratios")
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args()

    figures = open_data(Path(args.data))
    print(f"median red-dwarf ARI {statistics.median(f['ari'] for f in figures.values()):.3f}")
    if args.out:
        Path(args.out).write_text(json.dumps(figures, indent=2))

    if args.samen:
        out = samen_seconds(args.samen, ["bench", "opinion", "--polis", "--data", args.data])
        for line in out.splitlines():
            name = line.split(" ")[0]
            if name in figures:
                ours = float(re.search(r"([0-9.]+) s", line).group(1))
                print(f"{name}: Samen {ours:.3f} s, red-dwarf {figures[name]['seconds']:.3f} s, "
                      f"ratio {figures[name]['seconds'] / max(ours, 1e-6):.1f}x")

    if not args.skip_synthetic:
        votes = synthetic_votes(10_000, 1_000, 50)
        _, seconds = run_red_dwarf(votes, [], [])
        print(f"synthetic 10000 x 1000 ({len(votes)} votes): red-dwarf {seconds:.2f} s")
        if args.samen:
            out = samen_seconds(args.samen, ["bench", "opinion", "--only", "10000x1000"])
            ours = float(re.search(r"([0-9.]+) s wall", out).group(1))
            print(f"synthetic 10000 x 1000: Samen {ours:.2f} s, ratio {seconds / ours:.1f}x")


if __name__ == "__main__":
    main()
