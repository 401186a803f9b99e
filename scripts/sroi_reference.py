#!/usr/bin/env python3
"""Reference SROI figures (issue 14, domain.md section 6), computed with NumPy and SciPy.

An implementation written apart from the Swift one (SamenAnalytics/SROI), from the formulas:

    impact(year 1)   = quantity x proxy x (1 - deadweight) x (1 - displacement) x (1 - attribution)
    impact(year k+1) = impact(year k) x (1 - drop-off)          (drop-off from the second year on)
    present value    = sum_t impact(t) / (1 + r)^t             (year 1 discounted once)

Conventions: percentages 0-100; an outcome starting after the activity has its first year
in year 2; a fractional duration counts its last year for its fraction; the default rate is
the Green Book schedule (3.5 % for years 1-30, 3.0 % after); the ratio is PV / inputs.

Sensitivity: one at a time (each ranged assumption to its low and high, the discount rate
to constant low/high rates); switching values (the value at which the ratio is 1: closed
forms scaled from the row's own present value for quantity, proxy and the deflators,
cumulative year sums for duration, scipy.optimize.brentq for drop-off and discount rate);
Monte Carlo with triangular distributions, drawn from SplitMix64 vectorised (output k is
mix(seed + (k+1) * gamma) mod 2^64), one uniform per draw x row x assumption in the order
quantity, proxy, duration, deadweight, displacement, attribution, drop_off.

Usage:
    python3 scripts/sroi_reference.py               writes Tests/SamenAnalyticsTests/Fixtures/sroi/
    python3 scripts/sroi_reference.py --evaluate F  prints the expected JSON for input file F
"""
import json
import math
import os
import sys

import numpy as np
from scipy.optimize import brentq

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "SamenAnalyticsTests", "Fixtures", "sroi")
ASSUMPTIONS = ["quantity", "proxy", "duration", "deadweight", "displacement", "attribution", "drop_off"]
MASK = np.uint64(0xFFFFFFFFFFFFFFFF)
GAMMA = np.uint64(0x9E3779B97F4A7C15)
MAX_DURATION = 50.0
BINS = 20


def discount_factors(rate, years):
    """Factor of each year in `years` (NumPy array); rate None = Green Book schedule."""
    t = np.asarray(years, dtype=np.float64)
    if rate is None:
        return np.where(t <= 30, 1.0 / 1.035 ** t, 1.0 / (1.035 ** 30 * 1.03 ** (t - 30)))
    return 1.0 / (1.0 + rate / 100.0) ** t


def row_year_values(row, rate, duration=None):
    """(years, present values by year) of one row."""
    d = row["duration"] if duration is None else duration
    n = int(math.ceil(d))
    k = np.arange(n, dtype=np.float64)
    first = (row["quantity"] * row["proxy"] * (1 - row["deadweight"] / 100)
             * (1 - row["displacement"] / 100) * (1 - row["attribution"] / 100))
    share = np.minimum(1.0, d - k)
    impacts = first * (1 - row["drop_off"] / 100) ** k * share
    years = row["start"] + np.arange(n)
    return years, impacts, impacts * discount_factors(rate, years)


def row_pv(row, rate):
    return float(np.sum(row_year_values(row, rate)[2]))


def map_pv(rows, rate):
    return float(sum(row_pv(r, rate) for r in rows))


def moved(row, name, value):
    copy = dict(row)
    copy[name] = value
    return copy


def deterministic(spec):
    rows, rate, inputs = spec["rows"], spec["discount_rate"], spec["inputs"]
    last = max(r["start"] + int(math.ceil(r["duration"])) - 1 for r in rows)
    impact_by_year = np.zeros(last)
    pv_by_year = np.zeros(last)
    stakeholders = {}
    by_row = []
    for r in rows:
        years, impacts, pvs = row_year_values(r, rate)
        impact_by_year[years - 1] += impacts
        pv_by_year[years - 1] += pvs
        entry = stakeholders.setdefault(r["stakeholder"], np.zeros(last))
        entry[years - 1] += pvs
        by_row.append(float(np.sum(pvs)))
    total = float(np.sum(by_row))
    return {
        "impact_by_year": impact_by_year.tolist(),
        "present_value_by_year": pv_by_year.tolist(),
        "present_value_by_row": by_row,
        "present_value_by_stakeholder": [
            {"stakeholder": name, "present_value": float(values.sum()), "present_value_by_year": values.tolist()}
            for name, values in stakeholders.items()],
        "total_present_value": total,
        "net_present_value": total - inputs,
        "ratio": total / inputs,
        "net_ratio": (total - inputs) / inputs,
    }


def one_at_a_time(spec):
    rows, rate, inputs = spec["rows"], spec["discount_rate"], spec["inputs"]
    entries = []
    for i, r in enumerate(rows):
        for name in ASSUMPTIONS:
            if name not in r.get("ranges", {}):
                continue
            low, high = r["ranges"][name]
            at = lambda v: map_pv(rows[:i] + [moved(r, name, v)] + rows[i + 1:], rate) / inputs
            entries.append({"row": i + 1, "assumption": name, "value": r[name], "low": low, "high": high,
                            "ratio_at_low": at(low), "ratio_at_high": at(high)})
    low, high = spec["discount_low"], spec["discount_high"]
    entries.append({"row": None, "assumption": "discount_rate", "value": 3.5 if rate is None else rate,
                    "low": low, "high": high,
                    "ratio_at_low": map_pv(rows, low) / inputs, "ratio_at_high": map_pv(rows, high) / inputs})
    return entries


def root(f, low, high):
    a, b = f(low), f(high)
    if a == 0:
        return low
    if b == 0:
        return high
    if (a < 0) == (b < 0):
        return None
    return brentq(f, low, high, xtol=1e-15, rtol=1e-15, maxiter=500)


def switching_value(rows, i, name, spec):
    rate, inputs = spec["discount_rate"], spec["inputs"]
    r = rows[i]
    needed = inputs - map_pv(rows[:i] + rows[i + 1:], rate)
    if name in ("quantity", "proxy"):
        per_unit = row_pv(moved(r, name, 1.0), rate)
        if per_unit <= 0:
            return None
        value = r[name] * needed / row_pv(r, rate) if r[name] > 0 and row_pv(r, rate) > 0 else needed / per_unit
        return value if value >= 0 else None
    if name in ("deadweight", "displacement", "attribution"):
        full = row_pv(moved(r, name, 0.0), rate)
        if full <= 0:
            return None
        value = 100 * (1 - needed / full)
        return value if 0 <= value <= 100 else None
    if name == "duration":
        if needed <= 0:
            return None
        _, _, pvs = row_year_values(r, rate, duration=MAX_DURATION)
        before = np.concatenate([[0.0], np.cumsum(pvs)[:-1]])
        reached = np.nonzero((pvs > 0) & (before + pvs >= needed))[0]
        if len(reached) == 0:
            return None
        k = int(reached[0])
        return k + (needed - before[k]) / pvs[k]
    return root(lambda d: row_pv(moved(r, "drop_off", d), rate) - needed, 0.0, 100.0)


def switching_values(spec):
    rows = spec["rows"]
    entries = []
    for i, r in enumerate(rows):
        for name in ASSUMPTIONS:
            entries.append({"row": i + 1, "assumption": name, "value": r[name],
                            "switching_value": switching_value(rows, i, name, spec)})
    rate = root(lambda x: map_pv(rows, x) - spec["inputs"], 0.0, 20.0)
    entries.append({"row": None, "assumption": "discount_rate",
                    "value": 3.5 if spec["discount_rate"] is None else spec["discount_rate"], "switching_value": rate})
    return entries


def splitmix_uniforms(seed, count):
    with np.errstate(over="ignore"):
        k = np.arange(1, count + 1, dtype=np.uint64)
        z = (np.uint64(seed) + k * GAMMA) & MASK
        z = ((z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)) & MASK
        z = ((z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)) & MASK
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def triangular(low, mode, high, u):
    if high - low <= 0:
        return np.full_like(u, mode)
    width = high - low
    left = low + np.sqrt(u * width * (mode - low))
    right = high - np.sqrt((1 - u) * width * (high - mode))
    return np.where(u < (mode - low) / width, left, right)


def monte_carlo(spec):
    rows, rate, inputs = spec["rows"], spec["discount_rate"], spec["inputs"]
    draws, seed = spec["draws"], spec["seed"]
    u = splitmix_uniforms(seed, draws * len(rows) * 7).reshape(draws, len(rows), 7)
    total = np.zeros(draws)
    for j, r in enumerate(rows):
        v = {}
        for s, name in enumerate(ASSUMPTIONS):
            if name in r.get("ranges", {}):
                low, high = r["ranges"][name]
                v[name] = triangular(low, r[name], high, u[:, j, s])
            else:
                v[name] = np.full(draws, float(r[name]))
        first = (v["quantity"] * v["proxy"] * (1 - v["deadweight"] / 100)
                 * (1 - v["displacement"] / 100) * (1 - v["attribution"] / 100))
        remaining = 1 - v["drop_off"] / 100
        for k in range(int(math.ceil(v["duration"].max()))):
            share = np.clip(v["duration"] - k, 0.0, 1.0)
            total += first * remaining ** k * share * discount_factors(rate, r["start"] + k)
    ratios = total / inputs
    lowest, highest = float(ratios.min()), float(ratios.max())
    if highest > lowest:
        width = (highest - lowest) / BINS
        index = np.minimum(((ratios - lowest) / width).astype(np.int64), BINS - 1)
        counts = np.bincount(index, minlength=BINS)
        histogram = [{"lower": lowest + b * width, "upper": highest if b == BINS - 1 else lowest + (b + 1) * width,
                      "count": int(counts[b])} for b in range(BINS)]
    else:
        histogram = [{"lower": lowest, "upper": highest, "count": draws}]
    return {"draws": draws, "seed": seed,
            "p5": float(np.percentile(ratios, 5)), "p50": float(np.percentile(ratios, 50)),
            "p95": float(np.percentile(ratios, 95)), "mean": float(ratios.mean()),
            "probability_above_one": float(np.mean(ratios > 1)), "histogram": histogram}


def evaluate(spec):
    result = deterministic(spec)
    result["one_at_a_time"] = one_at_a_time(spec)
    result["switching_values"] = switching_values(spec)
    result["monte_carlo"] = monte_carlo(spec)
    return result


def random_map(seed, rows, long=False, rate=None, ranged=True, ratio=None):
    rng = np.random.default_rng(seed)
    out = []
    for i in range(rows):
        duration = float(rng.integers(31, 48)) if long else float(rng.choice([1, 2, 3, 5, 7, 2.5, 4.25]))
        row = {"stakeholder": f"S{int(rng.integers(1, 4))}", "outcome": f"outcome {i + 1}",
               "quantity": float(rng.integers(5, 400)), "proxy": round(float(rng.uniform(50, 4000)), 2),
               "duration": duration, "start": int(rng.integers(1, 3)),
               "deadweight": round(float(rng.uniform(0, 60)), 1), "displacement": round(float(rng.uniform(0, 30)), 1),
               "attribution": round(float(rng.uniform(0, 50)), 1), "drop_off": round(float(rng.uniform(0, 40)), 1),
               "ranges": {}}
        if ranged:
            for name in ASSUMPTIONS:
                if rng.uniform() < 0.6:
                    value = row[name]
                    if name in ("quantity", "proxy"):
                        low, high = value * rng.uniform(0.5, 1.0), value * rng.uniform(1.0, 1.6)
                    elif name == "duration":
                        low, high = max(0.5, value - rng.uniform(0, 2)), min(MAX_DURATION, value + rng.uniform(0, 3))
                    else:
                        low, high = max(0.0, value - rng.uniform(0, 20)), min(100.0, value + rng.uniform(0, 20))
                    row["ranges"][name] = [round(low, 3), round(high, 3)]
        out.append(row)
    pv = map_pv(out, rate)
    inputs = round(pv / (ratio or float(rng.uniform(0.6, 4.0))), 2)
    return {"inputs": inputs, "discount_rate": rate, "discount_low": 1.5, "discount_high": 5.5,
            "draws": 10000, "seed": int(rng.integers(1, 2 ** 63)), "rows": out}


def fixtures():
    check = {"inputs": 2000.0, "discount_rate": None, "discount_low": 1.5, "discount_high": 5.5, "draws": 10000,
             "seed": 7, "rows": [{"stakeholder": "Residents", "outcome": "check figure", "quantity": 1.0,
                                  "proxy": 1000.0, "duration": 3.0, "start": 1, "deadweight": 0.0,
                                  "displacement": 0.0, "attribution": 0.0, "drop_off": 10.0,
                                  "ranges": {"drop_off": [0.0, 30.0], "proxy": [800.0, 1100.0]}}]}
    return {
        "check_figure": check,
        "mixed": random_map(14, 6),
        "many_rows": random_map(2026, 12),
        "constant_rate": random_map(5, 4, rate=6.0),
        "long_durations": random_map(31, 3, long=True),
        "no_ranges": random_map(99, 3, ranged=False),
        "two_rows_near_one": random_map(3, 2, ratio=1.3),
        "below_one": random_map(8, 3, ratio=0.8),
    }


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--evaluate":
        with open(sys.argv[2]) as handle:
            spec = json.load(handle)
        json.dump(evaluate(spec), sys.stdout, indent=1)
        return
    os.makedirs(OUT, exist_ok=True)
    for name, spec in fixtures().items():
        with open(os.path.join(OUT, f"{name}.input.json"), "w") as handle:
            json.dump(spec, handle, indent=1)
        with open(os.path.join(OUT, f"{name}.expected.json"), "w") as handle:
            json.dump(evaluate(spec), handle, indent=1)
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
