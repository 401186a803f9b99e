#!/usr/bin/env python3
"""The NumPy reference for `samen bench sroi`: times the vectorised Monte Carlo of
scripts/sroi_reference.py (the same SplitMix64 draws as Samen) on the map the bench wrote.

Usage: python3 scripts/sroi_bench_reference.py SPEC.json   (prints monte_carlo_s=... p50=...)
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sroi_reference import monte_carlo  # noqa: E402

with open(sys.argv[1]) as handle:
    spec = json.load(handle)
start = time.perf_counter()
result = monte_carlo(spec)
elapsed = time.perf_counter() - start
print(f"monte_carlo_s={elapsed:.4f} p50={result['p50']:.12f}")
