#!/usr/bin/env python3
"""Reference statistics for the experience-versus-need survey (issue 5), computed with scipy.

Generates fixed, seeded data sets and writes, for each, the input columns and the
expected results to Tests/SamenAnalyticsTests/Fixtures/survey/:

    <name>.input.json      scale, dimensions (items with need/experience columns, null =
                           missing, reverse-coded flag), segment variables, population
                           margins, the waves to compare
    <name>.expected.json   per dimension x (all | segment level): n, means, gap, sd, 95 % t
                           interval, paired t-test, Wilcoxon signed-rank, Cohen's d_z,
                           Cronbach's alpha; wave differences (Welch); post-stratification
                           and raking weights with weighted means and Kish's n_eff;
                           importance-performance quadrants for both crosshairs
    distributions.json     Student t and normal tails and quantiles on a grid

The Swift tests (SurveyFixtureTests, SurveyDistributionTests) match these to 1e-9.

The edge-case rules of SurveyGapResult are applied here too (n < 2, zero variance,
no non-zero gaps), so both sides encode the same documented decisions. Per-respondent
dimension scores are summed item by item in order and divided by the count, exactly as
the Swift code does, so ties in |gap| (Wilcoxon) are the same floating-point values.

Usage: python3 scripts/survey_reference.py   (numpy and scipy only; scipy 1.17 used)
"""
import json
import math
import os

import numpy as np
import scipy
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "SamenAnalyticsTests", "Fixtures", "survey")
CONFIDENCE = 0.95
SUPPRESSION = 10


def clean(value):
    """JSON-safe: numpy scalars to Python, NaN to None."""
    if value is None:
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return None if math.isnan(value) else value
    return value


def column_json(column):
    return [None if math.isnan(v) else float(v) for v in column]


# ---------------------------------------------------------------- data generation

def generate(name, seed, n, scale, dimensions, segments, missing_rate):
    """dimensions: list of (code, items, reverse flags, need centre, experience centre, noise).

    Answers come from a per-respondent latent level plus item noise, rounded and clipped,
    so items correlate (sensible alphas) and answers tie a lot."""
    rng = np.random.default_rng(seed)
    lo, hi = scale
    dims = []
    for code, item_count, reverse, need_centre, exp_centre, noise in dimensions:
        need_latent = need_centre + rng.normal(0, 1.0, n)
        exp_latent = exp_centre + 0.4 * (need_latent - need_centre) + rng.normal(0, 1.2, n)
        items = []
        for j in range(item_count):
            cols = []
            for latent in (need_latent, exp_latent):
                true = np.clip(np.rint(latent + rng.normal(0, noise, n)), lo, hi)
                raw = (lo + hi) - true if reverse[j] else true
                raw = raw.astype(float)
                raw[rng.random(n) < missing_rate] = np.nan
                cols.append(raw)
            items.append({"reverse_coded": bool(reverse[j]), "need": cols[0], "experience": cols[1]})
        dims.append({"code": code, "items": items})
    segs = []
    for seg_name, levels, probabilities, missing in segments:
        idx = rng.choice(len(levels), size=n, p=probabilities).astype(np.int32)
        idx[rng.random(n) < missing] = -1
        segs.append({"name": seg_name, "levels": levels, "level_indices": idx})
    return {"name": name, "n": n, "scale": scale, "dimensions": dims, "segments": segs}


def force_level_size(data, segment, level, size, seed):
    """Make exactly `size` respondents have `level` (for tiny cells)."""
    rng = np.random.default_rng(seed)
    seg = next(s for s in data["segments"] if s["name"] == segment)
    idx = seg["level_indices"]
    li = seg["levels"].index(level)
    idx[idx == li] = 0 if li != 0 else 1
    chosen = rng.choice(np.where(idx != li)[0], size=size, replace=False)
    idx[chosen] = li


# ---------------------------------------------------------------- statistics

def scores(dim, scale):
    lo, hi = scale
    reverse_sum = float(lo) + float(hi)

    def means(key):
        n = len(dim["items"][0][key])
        s = np.zeros(n)
        k = np.zeros(n)
        for item in dim["items"]:
            col = item[key]
            v = reverse_sum - col if item["reverse_coded"] else col
            ok = ~np.isnan(v)
            s[ok] = s[ok] + v[ok]
            k[ok] = k[ok] + 1
        out = np.full(n, np.nan)
        out[k > 0] = s[k > 0] / k[k > 0]
        return out

    need = means("need")
    experience = means("experience")
    return need, experience, need - experience


def cronbach(dim, key, scale, mask):
    lo, hi = scale
    reverse_sum = float(lo) + float(hi)
    k = len(dim["items"])
    if k < 2:
        return None, 0
    cols = [reverse_sum - it[key] if it["reverse_coded"] else it[key] for it in dim["items"]]
    X = np.column_stack(cols)[mask]
    X = X[~np.isnan(X).any(axis=1)]
    m = X.shape[0]
    if m < 2:
        return None, m
    total = np.zeros(m)
    for j in range(k):
        total = total + X[:, j]
    if total.min() == total.max():
        return None, m
    item_var = X.var(axis=0, ddof=1).sum()
    return float(k / (k - 1) * (1 - item_var / total.var(ddof=1))), m


def gap_result(dim, scale, need, exp, gap, mask, segment):
    sel = mask & ~np.isnan(gap)
    g = gap[sel]
    n = int(sel.sum())
    r = {"dimension": dim["code"], "segment": segment, "n": n}
    keys = ["need_mean", "experience_mean", "gap_mean", "gap_sd", "gap_ci_low", "gap_ci_high",
            "t_statistic", "t_p", "wilcoxon_n", "wilcoxon_statistic", "wilcoxon_positive_rank_sum",
            "wilcoxon_z", "wilcoxon_p", "cohens_dz"]
    for key in keys:
        r[key] = None
    if n > 0:
        r["need_mean"] = float(need[sel].mean())
        r["experience_mean"] = float(exp[sel].mean())
        constant = g.min() == g.max()
        r["gap_mean"] = float(g[0]) if constant else float(g.mean())
        if n >= 2:
            if constant:
                r["gap_sd"] = 0.0
                r["gap_ci_low"] = r["gap_ci_high"] = r["gap_mean"]
            else:
                res = stats.ttest_1samp(g, 0.0)
                ci = res.confidence_interval(CONFIDENCE)
                r["gap_sd"] = float(g.std(ddof=1))
                r["gap_ci_low"], r["gap_ci_high"] = float(ci.low), float(ci.high)
                r["t_statistic"], r["t_p"] = float(res.statistic), float(res.pvalue)
                r["cohens_dz"] = float(g.mean() / g.std(ddof=1))
            nonzero = g[g != 0]
            if len(nonzero) > 0:
                w = stats.wilcoxon(g, zero_method="wilcox", correction=False, method="asymptotic")
                ranks = stats.rankdata(np.abs(nonzero))
                r["wilcoxon_n"] = int(len(nonzero))
                r["wilcoxon_statistic"] = float(w.statistic)
                r["wilcoxon_positive_rank_sum"] = float(ranks[nonzero > 0].sum())
                # scipy reports -|z| for two-sided tests; the Swift z keeps the sign of R+ - mean.
                centre = len(nonzero) * (len(nonzero) + 1) / 4
                r["wilcoxon_z"] = math.copysign(abs(float(w.zstatistic)), r["wilcoxon_positive_rank_sum"] - centre)
                r["wilcoxon_p"] = float(w.pvalue)
    a, m = cronbach(dim, "need", scale, mask)
    r["alpha_need"], r["alpha_need_complete"] = a, m
    a, m = cronbach(dim, "experience", scale, mask)
    r["alpha_experience"], r["alpha_experience_complete"] = a, m
    r["alpha_item_count"] = len(dim["items"])
    r["suppressed"] = n < SUPPRESSION
    return r


def groupings(data):
    n = data["n"]
    yield None, np.ones(n, dtype=bool)
    for seg in data["segments"]:
        for li, level in enumerate(seg["levels"]):
            yield {"variable": seg["name"], "level": level}, seg["level_indices"] == li


def all_results(data):
    results = []
    for dim in data["dimensions"]:
        need, exp, gap = scores(dim, data["scale"])
        for segment, mask in groupings(data):
            results.append(gap_result(dim, data["scale"], need, exp, gap, mask, segment))
    return results


def wave_differences(data, results, variable, from_level, to_level):
    out = []
    for dim in data["dimensions"]:
        need, exp, gap = scores(dim, data["scale"])
        seg = next(s for s in data["segments"] if s["name"] == variable)
        a = gap[(seg["level_indices"] == seg["levels"].index(from_level)) & ~np.isnan(gap)]
        b = gap[(seg["level_indices"] == seg["levels"].index(to_level)) & ~np.isnan(gap)]
        r = {"dimension": dim["code"], "from": from_level, "to": to_level,
             "from_n": int(len(a)), "to_n": int(len(b)), "difference": None, "standard_error": None,
             "degrees_of_freedom": None, "ci_low": None, "ci_high": None, "t_statistic": None, "p": None}
        if len(a) and len(b):
            mean_a = a[0] if a.min() == a.max() else a.mean()
            mean_b = b[0] if b.min() == b.max() else b.mean()
            r["difference"] = float(mean_b - mean_a)
        if len(a) >= 2 and len(b) >= 2 and not (a.min() == a.max() and b.min() == b.max()):
            res = stats.ttest_ind(b, a, equal_var=False)
            ci = res.confidence_interval(CONFIDENCE)
            r["standard_error"] = float(math.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b)))
            r["degrees_of_freedom"] = float(res.df)
            r["ci_low"], r["ci_high"] = float(ci.low), float(ci.high)
            r["t_statistic"], r["p"] = float(res.statistic), float(res.pvalue)
        out.append(r)
    return out


def normalised_shares(seg, shares):
    total = sum(shares.values())
    return np.array([shares.get(level, 0.0) / total for level in seg["levels"]])


def post_stratification(data, variable, shares):
    seg = next(s for s in data["segments"] if s["name"] == variable)
    p = normalised_shares(seg, shares)
    idx = seg["level_indices"]
    counts = np.array([(idx == li).sum() for li in range(len(seg["levels"]))], dtype=float)
    placed = counts.sum()
    level_weight = np.where(counts > 0, p * placed / np.where(counts > 0, counts, 1), 0.0)
    return np.where(idx >= 0, level_weight[np.maximum(idx, 0)], 0.0)


def raking(data, margins, tolerance=1e-12, max_iter=1000):
    segs = [next(s for s in data["segments"] if s["name"] == m["variable"]) for m in margins]
    targets = [normalised_shares(s, m["shares"]) for s, m in zip(segs, margins)]
    w = np.ones(data["n"])
    for s in segs:
        w[s["level_indices"] < 0] = 0.0
    total = w.sum()
    iterations = 0
    error = math.inf
    while iterations < max_iter:
        iterations += 1
        for s, p in zip(segs, targets):
            idx = s["level_indices"]
            totals = np.array([w[idx == li].sum() for li in range(len(p))])
            factors = np.where(totals > 0, p * total / np.where(totals > 0, totals, 1), 0.0)
            w = np.where(idx >= 0, w * factors[np.maximum(idx, 0)], w)
        error = 0.0
        for s, p in zip(segs, targets):
            idx = s["level_indices"]
            totals = np.array([w[idx == li].sum() for li in range(len(p))])
            error = max(error, float(np.max(np.abs(totals / totals.sum() - p))))
        if error <= tolerance:
            break
    return w, iterations, error


def weighted_summaries(data, weights):
    out = []
    for dim in data["dimensions"]:
        need, exp, gap = scores(dim, data["scale"])
        for segment, mask in groupings(data):
            sel = mask & ~np.isnan(gap) & (weights > 0)
            w = weights[sel]
            sw = w.sum()
            r = {"dimension": dim["code"], "segment": segment, "n": int(sel.sum()), "weight_sum": float(sw),
                 "effective_sample_size": float(sw * sw / (w * w).sum()) if sw > 0 else 0.0,
                 "need_mean": None, "experience_mean": None, "gap_mean": None}
            if sw > 0:
                r["need_mean"] = float((w * need[sel]).sum() / sw)
                r["experience_mean"] = float((w * exp[sel]).sum() / sw)
                r["gap_mean"] = float((w * gap[sel]).sum() / sw)
            out.append(r)
    return out


def kish(w):
    return float(w.sum() ** 2 / (w * w).sum())


def ipa(results, scale, crosshair):
    points = [r for r in results if r["segment"] is None and r["need_mean"] is not None]
    omitted = [r["dimension"] for r in results if r["segment"] is None and r["need_mean"] is None]
    mid = (scale[0] + scale[1]) / 2
    if crosshair == "data-means" and points:
        cn = sum(r["need_mean"] for r in points) / len(points)
        ce = sum(r["experience_mean"] for r in points) / len(points)
    else:
        cn = ce = mid
    out = []
    for r in points:
        high_need = r["need_mean"] >= cn
        high_exp = r["experience_mean"] >= ce
        quadrant = {(True, False): "concentrate-here", (True, True): "keep-up",
                    (False, False): "low-priority", (False, True): "possible-overkill"}[(high_need, high_exp)]
        g = r["need_mean"] - r["experience_mean"]
        out.append({"dimension": r["dimension"], "quadrant": quadrant,
                    "diagonal": "above" if g > 0 else ("below" if g < 0 else "on")})
    return {"crosshair": crosshair, "crosshair_need": cn, "crosshair_experience": ce,
            "points": out, "omitted": omitted}


# ---------------------------------------------------------------- data sets

DIMENSIONS = ["known", "tailored", "empathy", "proactive", "clarity", "control", "continuity", "trust"]


def dataset_mixed():
    dims = []
    for i, code in enumerate(DIMENSIONS):
        k = 3 if i in (2, 5) else 2
        reverse = [j == 1 and i in (1, 2, 6) for j in range(k)]
        dims.append((code, k, reverse, 5.6 + 0.15 * (i % 3), 4.2 + 0.3 * (i % 4), 0.8))
    segs = [("channel", ["balie", "telefoon", "online", "post"], [0.3, 0.3, 0.38, 0.02], 0.0),
            ("district", ["noord", "oost", "zuid", "west", "centrum"], [0.2] * 5, 0.02),
            ("age", ["18-34", "35-54", "55-74", "75+"], [0.35, 0.3, 0.25, 0.1], 0.03),
            ("wave", ["2025-voorjaar", "2025-najaar"], [0.5, 0.5], 0.0)]
    data = generate("mixed", 3, 400, (1, 7), dims, segs, 0.06)
    force_level_size(data, "channel", "post", 7, 31)
    data["post_stratification"] = {"variable": "age", "shares": {"18-34": 0.27, "35-54": 0.32,
                                                                  "55-74": 0.28, "75+": 0.13}}
    data["raking"] = [{"variable": "age", "shares": {"18-34": 27, "35-54": 32, "55-74": 28, "75+": 13}},
                      {"variable": "channel", "shares": {"balie": 0.25, "telefoon": 0.35, "online": 0.35,
                                                         "post": 0.05}}]
    data["waves"] = {"variable": "wave", "from": "2025-voorjaar", "to": "2025-najaar"}
    return data


def dataset_scale5_ties():
    dims = [(code, 3, [False, i % 2 == 0, False], 3.9, 3.1 + 0.1 * i, 0.6) for i, code in enumerate(DIMENSIONS)]
    segs = [("district", [f"wijk-{c}" for c in "abcdefghij"], [0.1] * 10, 0.01),
            ("wave", ["w1", "w2", "w3"], [0.3, 0.3, 0.4], 0.0)]
    data = generate("scale5_ties", 5, 3000, (1, 5), dims, segs, 0.10)
    force_level_size(data, "district", "wijk-i", 1, 51)
    force_level_size(data, "district", "wijk-j", 2, 52)
    data["post_stratification"] = {"variable": "district", "shares": {f"wijk-{c}": 0.1 for c in "abcdefghij"}}
    data["raking"] = [{"variable": "district", "shares": {f"wijk-{c}": 0.1 for c in "abcdefghij"}},
                      {"variable": "wave", "shares": {"w1": 1, "w2": 1, "w3": 1}}]
    data["waves"] = {"variable": "wave", "from": "w1", "to": "w3"}
    return data


def dataset_scale10_fractional():
    dims = [(code, 3, [i == 0, False, i == 3], 7.5, 5.5 + 0.2 * i, 1.5) for i, code in enumerate(DIMENSIONS[:5])]
    segs = [("persona", ["starter", "gezin", "ondernemer", "senior", "student"], [0.2] * 5, 0.05),
            ("wave", ["q1", "q2"], [0.45, 0.55], 0.0)]
    data = generate("scale10_fractional", 10, 250, (1, 10), dims, segs, 0.15)
    data["post_stratification"] = {"variable": "persona", "shares": {"starter": 1, "gezin": 2, "ondernemer": 1,
                                                                      "senior": 2, "student": 1}}
    data["raking"] = [{"variable": "persona", "shares": {"starter": 1, "gezin": 2, "ondernemer": 1,
                                                         "senior": 2, "student": 1}},
                      {"variable": "wave", "shares": {"q1": 0.5, "q2": 0.5}}]
    data["waves"] = {"variable": "wave", "from": "q1", "to": "q2"}
    return data


def dataset_edge():
    """Hand-made: n = 1, zero variance, all answers equal, one item, nothing answered, one non-zero gap."""
    n = 12
    nan = np.nan

    def col(values):
        return np.array(values, dtype=float)

    def dim(code, items):
        return {"code": code, "items": [{"reverse_coded": r, "need": col(a), "experience": col(b)} for a, b, r in items]}

    only_first = [5] + [nan] * (n - 1)
    dims = [
        dim("single", [(only_first, [3] + [nan] * (n - 1), False), ([6] + [nan] * (n - 1), [2] * n, False)]),
        dim("constant_gap", [([5] * n, [4] * n, False), ([3] * n, [4] * n, True)]),
        dim("all_equal", [([4] * n, [4] * n, False), ([4] * n, [4] * n, True)]),
        dim("one_item", [([7, 6, 5, 7, 6, 5, 4, 7, 6, 5, 7, 1], [3, 4, 5, 2, 6, 5, 4, 1, 2, 5, 7, 1], False)]),
        dim("empty", [([nan] * n, [nan] * n, False), ([nan] * n, [3] * n, False)]),
        dim("one_nonzero", [([4] * n, [4] * (n - 1) + [2], False), ([4] * n, [4] * (n - 1) + [nan], False)]),
        dim("negative_alpha", [([1, 7, 1, 7, 2, 6, 3, 5, 1, 7, 4, 4], [1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2], False),
                               ([7, 1, 6, 2, 7, 1, 5, 3, 6, 2, 4, 5], [2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1], False)]),
    ]
    group = np.array([0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2], dtype=np.int32)
    wave = np.array([0] * 6 + [1] * 6, dtype=np.int32)
    data = {"name": "edge", "n": n, "scale": (1, 7), "dimensions": dims,
            "segments": [{"name": "group", "levels": ["a", "b", "c", "d"], "level_indices": group},
                         {"name": "wave", "levels": ["w1", "w2"], "level_indices": wave}],
            "post_stratification": {"variable": "group", "shares": {"a": 0.2, "b": 0.3, "c": 0.5}},
            # Infeasible on purpose: wave w2 lies inside group c, so w2 = 60 % and c = 50 % cannot
            # both hold; raking must stop after its iteration limit and say it did not converge.
            "raking": [{"variable": "group", "shares": {"a": 0.2, "b": 0.3, "c": 0.5}},
                       {"variable": "wave", "shares": {"w1": 0.4, "w2": 0.6}}],
            "waves": {"variable": "wave", "from": "w1", "to": "w2"}}
    return data


# ---------------------------------------------------------------- output

def write(data):
    name = data["name"]
    input_json = {
        "name": name,
        "respondent_count": data["n"],
        "scale": {"min": float(data["scale"][0]), "max": float(data["scale"][1])},
        "dimensions": [{"code": d["code"], "items": [
            {"reverse_coded": it["reverse_coded"], "need": column_json(it["need"]),
             "experience": column_json(it["experience"])} for it in d["items"]]} for d in data["dimensions"]],
        "segments": [{"name": s["name"], "levels": s["levels"], "level_indices": [int(i) for i in s["level_indices"]]}
                     for s in data["segments"]],
        "post_stratification": data["post_stratification"],
        "raking": data["raking"],
        "waves": data["waves"],
    }
    results = all_results(data)
    ps = data["post_stratification"]
    ps_weights = post_stratification(data, ps["variable"], ps["shares"])
    rk_weights, rk_iterations, rk_error = raking(data, data["raking"])
    wv = data["waves"]
    expected = {
        "generator": f"scripts/survey_reference.py (scipy {scipy.__version__}, numpy {np.__version__})",
        "results": results,
        "wave_differences": wave_differences(data, results, wv["variable"], wv["from"], wv["to"]),
        "post_stratification": {"weights": [float(w) for w in ps_weights], "kish": kish(ps_weights),
                                "summaries": weighted_summaries(data, ps_weights)},
        "raking": {"weights": [float(w) for w in rk_weights], "iterations": rk_iterations,
                   "max_margin_error": rk_error, "converged": rk_error <= 1e-12, "kish": kish(rk_weights),
                   "summaries": weighted_summaries(data, rk_weights)},
        "ipa": [ipa(results, data["scale"], c) for c in ("data-means", "scale-midpoint")],
    }
    with open(os.path.join(OUT, f"{name}.input.json"), "w") as f:
        json.dump(input_json, f, allow_nan=False, separators=(",", ":"))
        f.write("\n")
    with open(os.path.join(OUT, f"{name}.expected.json"), "w") as f:
        json.dump(expected, f, allow_nan=False, indent=1, default=clean)
        f.write("\n")


def distributions():
    dfs = [1, 2, 3.5, 7, 10, 29, 100, 1000, 123456.5, 1e6]
    ts = [0, 0.05, 0.5, 1, 1.96, 2.5, 4, 10, 40]
    t_rows = [{"t": t, "df": df, "cdf": float(stats.t.cdf(t, df)), "sf": float(stats.t.sf(t, df)),
               "cdf_negative": float(stats.t.cdf(-t, df)), "two_sided_p": float(2 * stats.t.sf(abs(t), df))}
              for df in dfs for t in ts]
    ps = [0.5, 0.6, 0.9, 0.975, 0.995, 0.999999, 0.025, 1e-10]
    q_rows = [{"p": p, "df": df, "quantile": float(stats.t.ppf(p, df))} for df in dfs for p in ps]
    zs = [-30, -8, -3, -1.96, -0.5, 0, 0.3, 1, 2.5, 6]
    n_rows = [{"z": z, "cdf": float(stats.norm.cdf(z)), "sf": float(stats.norm.sf(z))} for z in zs]
    with open(os.path.join(OUT, "distributions.json"), "w") as f:
        json.dump({"generator": f"scripts/survey_reference.py (scipy {scipy.__version__})",
                   "student_t": t_rows, "student_t_quantiles": q_rows, "normal": n_rows}, f, indent=1)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    for make in (dataset_mixed, dataset_scale5_ties, dataset_scale10_fractional, dataset_edge):
        write(make())
    distributions()


if __name__ == "__main__":
    main()
