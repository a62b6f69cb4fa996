"""Holdout reference of the BG/NBD model on the CDNOW sample, computed independently with pandas and scipy.

Run once from the repository root: /usr/bin/python3 tests/reference/clv/cdnow_holdout_reference.py
Writes cdnow_holdout_reference.json next to this script (read by
tests/Segmentation.Analytics.Tests/Statistics/ClvScorecardTests.cs).

Data: data/real/cdnow/CDNOW_sample.txt (2,357 customers; columns master id, sample id, yyyymmdd, CDs, dollars).
Split (Fader, Hardie & Lee 2005): calibration 1997-01-01..1997-09-30, holdout 1997-10-01..1998-06-30 (273 days = 39 weeks).
Per customer, purchase occasions = distinct days with a purchase (all CDNOW amounts are purchases):
  x = calibration days - 1, t_x = (last - first calibration day) / 7, T = (1997-09-30 - first day) / 7 (weeks),
  holdout = distinct holdout days.
BG/NBD: the log-likelihood (eq. 6) maximised with scipy (L-BFGS-B over log-parameters, several starts).
Conditional expectation (eq. 10), written directly with scipy.special.hyp2f1 (no Euler transformation, unlike the library):
  E[Y(t) | x, t_x, T] = (a+b+x-1)/(a-1) * [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]
                        / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)).
P(purchase in the holdout) = P(alive) * (1 - ((alpha+T)/(alpha+T+t))^(r+x)).
"""
import json
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import gammaln, hyp2f1

root = Path(__file__).resolve().parents[3]
d = pd.read_csv(root / "data/real/cdnow/CDNOW_sample.txt", sep=r"\s+", header=None, names=["master", "id", "date", "cds", "value"])
d["day"] = pd.to_datetime(d.date.astype(str), format="%Y%m%d")
cal_end = pd.Timestamp("1997-09-30")
hold_end = pd.Timestamp("1998-06-30")
days = d[["id", "day"]].drop_duplicates()
cal = days[days.day <= cal_end]
hold = days[(days.day > cal_end) & (days.day <= hold_end)]
g = cal.groupby("id")
first, last, n = g.day.min(), g.day.max(), g.day.count()
ids = np.array(sorted(first.index))
x = (n[ids] - 1).to_numpy().astype(float)
tx = ((last[ids] - first[ids]).dt.days / 7).to_numpy()
T = ((cal_end - first[ids]).dt.days / 7).to_numpy()
h = hold.groupby("id").day.count().reindex(ids, fill_value=0).to_numpy()
t = (hold_end - cal_end).days / 7


def loglik(r, alpha, a, b):
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return np.sum(a1 + a2 + np.logaddexp(a3, a4))


best = None
for start in ([0, 0, 0, 0], [-1, 1, -0.5, 0.5], [0.5, 2, 0, 1]):
    res = minimize(lambda p: -loglik(*np.exp(p)), np.array(start, float), method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 10000})
    if best is None or res.fun < best.fun:
        best = res
r, alpha, a, b = np.exp(best.x)


def conditional(r, alpha, a, b):
    z = t / (alpha + T + t)
    bracket = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z)
    alive = 1 / (1 + np.where(x > 0, a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x), 0))
    return (a + b + x - 1) / (a - 1) * bracket * alive, alive


expected, alive = conditional(r, alpha, a, b)
p_buy = alive * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x))
out = {
    "source": "data/real/cdnow/CDNOW_sample.txt; calibration to 1997-09-30, holdout to 1998-06-30, weeks",
    "holdout_weeks": t,
    "parameters": {"r": r, "alpha": alpha, "a": a, "b": b, "log_likelihood": loglik(r, alpha, a, b)},
    "customers": [
        {"id": str(int(i)), "x": int(xi), "t_x": float(txi), "T": float(Ti), "holdout": int(hi),
         "expected": float(e), "p_alive": float(pa), "p_purchase": float(pb)}
        for i, xi, txi, Ti, hi, e, pa, pb in zip(ids, x, tx, T, h, expected, alive, p_buy)
    ],
    "total_holdout": int(h.sum()),
    "total_expected": float(expected.sum()),
}
(Path(__file__).parent / "cdnow_holdout_reference.json").write_text(json.dumps(out, indent=1) + "\n")
print(f"r={r:.6f} alpha={alpha:.6f} a={a:.6f} b={b:.6f}; holdout actual {h.sum()}, expected {expected.sum():.2f}")
