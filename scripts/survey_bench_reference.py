#!/usr/bin/env python3
"""The benchmark reference for `samen bench survey`: the same full analysis (every
dimension, every segment level: n, means, gap with t interval, paired t, Wilcoxon
signed-rank with the normal approximation, Cohen's d_z, Cronbach's alpha of need and
experience) computed with pandas and scipy on the same CSV.

    python3 -m venv .venv-bench && .venv-bench/bin/pip install pandas scipy
    .venv-bench/bin/python scripts/survey_bench_reference.py FILE.csv [--json OUT.json]

Prints one line: analysis_s=… read_s=… cells=… peak_mb=… (the analysis time excludes
reading the CSV, as Samen's analysis time excludes its import). With --json it also
writes the results in the `samen analyze --json` shape, to compare figures.
"""

from __future__ import annotations

import json
import resource
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats

SEGMENTS = ["channel", "persona", "district", "age_band", "wave"]


def main() -> None:
    path = sys.argv[1]
    out = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None
    started = time.perf_counter()
    frame = pd.read_csv(path, sep=None if path.endswith(".txt") else ";", engine="c", dtype={s: "category" for s in SEGMENTS})
    read = time.perf_counter() - started

    started = time.perf_counter()
    items: dict[str, list[int]] = {}
    for column in frame.columns:
        parts = column.split(".")
        if len(parts) == 3 and parts[0] == "need":
            items.setdefault(parts[1], []).append(int(parts[2]))
    segments = [s for s in SEGMENTS if s in frame.columns]
    results = []
    for code, numbers in items.items():
        need_items = frame[[f"need.{code}.{n}" for n in numbers]]
        experience_items = frame[[f"experience.{code}.{n}" for n in numbers]]
        table = pd.DataFrame({"need": need_items.mean(axis=1), "experience": experience_items.mean(axis=1)})
        table["gap"] = table["need"] - table["experience"]
        cells = [(None, np.ones(len(frame), dtype=bool))]
        for segment in segments:
            for level in frame[segment].cat.categories:
                cells.append(({"variable": segment, "level": str(level)}, (frame[segment] == level).to_numpy()))
        for segment, mask in cells:
            results.append(cell(code, segment, table[mask], need_items[mask], experience_items[mask]))
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"analysis_s={elapsed:.3f} read_s={read:.2f} cells={len(results)} peak_mb={peak:.0f}")
    if out:
        with open(out, "w") as f:
            json.dump({"results": results}, f)


def cell(code, segment, table, need_items, experience_items) -> dict:
    both = table.dropna(subset=["gap"])
    gap = both["gap"].to_numpy()
    n = len(gap)
    r = {"dimension": code, "segment": segment, "n": n, "need_mean": None, "experience_mean": None, "gap_mean": None,
         "gap_ci_low": None, "gap_ci_high": None, "t_p": None, "wilcoxon_p": None, "cohens_dz": None}
    if n > 0:
        r["need_mean"] = float(both["need"].mean())
        r["experience_mean"] = float(both["experience"].mean())
        r["gap_mean"] = float(gap.mean())
    if n >= 2 and gap.min() != gap.max():
        test = stats.ttest_1samp(gap, 0.0)
        ci = test.confidence_interval(0.95)
        r.update(gap_ci_low=float(ci.low), gap_ci_high=float(ci.high), t_p=float(test.pvalue),
                 cohens_dz=float(gap.mean() / gap.std(ddof=1)))
    if n >= 2 and np.any(gap != 0):
        r["wilcoxon_p"] = float(stats.wilcoxon(gap, zero_method="wilcox", correction=False, method="asymptotic").pvalue)
    r["alpha_need"] = alpha(need_items)
    r["alpha_experience"] = alpha(experience_items)
    return r


def alpha(items: pd.DataFrame):
    complete = items.dropna()
    k = complete.shape[1]
    if k < 2 or len(complete) < 2:
        return None
    total = complete.sum(axis=1)
    if total.min() == total.max():
        return None
    return float(k / (k - 1) * (1 - complete.var(ddof=1).sum() / total.var(ddof=1)))


if __name__ == "__main__":
    main()
