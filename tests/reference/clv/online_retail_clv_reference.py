"""CLV reference figures of the UCI Online Retail sample, computed independently with pandas and scipy.

Run once from the repository root: /usr/bin/python3 tests/reference/clv/online_retail_clv_reference.py
Writes online_retail_clv_reference.json next to this script (read by tests/Segmentation.Cli.Tests/ClvCliTests.cs).

Definitions (Fader, Hardie & Lee 2005; the import spec data/real/online_retail/schema.json sums an invoice's lines):
- rows: "NA"/empty CustomerID dropped, exact duplicate rows dropped (first kept), as the ingest does;
- a transaction is an invoice: amount = sum of Quantity * UnitPrice over its lines, time = its InvoiceDate;
  an invoice with a negative sum is a return and is not a purchase (zero-sum invoices are purchases of value 0);
- calibration end = the day of the last invoice (returns included), inclusive;
- per customer: purchase days = distinct calendar days with a purchase; x = days - 1; t_x = (last - first day) / 7;
  T = (calibration end - first day) / 7 (weeks); monetary = mean of the day sums of the repeat days (first day excluded);
- customers with T = 0 (first purchase on the calibration end day) are skipped and counted.
BG/NBD: log-likelihood of Fader, Hardie & Lee (2005, eq. 6) maximised with scipy over log-parameters from several starts.
On this sample the supremum is at the boundary (a -> 0, b -> infinity: no drop-out identified), which the profile shows:
the log-likelihood keeps rising as a/(a+b) -> 0 with r and alpha re-optimised.
Gamma-Gamma (Fader & Hardie 2013) on the repeat customers with positive mean spend.
"""
import json
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import gammaln

root = Path(__file__).resolve().parents[3]
df = pd.read_csv(root / "data/real/online_retail/online_retail_sample.csv", dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str})
df = df.drop_duplicates()
df = df[df.CustomerID.notna()].copy()
df["amount"] = df.Quantity * df.UnitPrice
inv = df.groupby(["InvoiceNo", "CustomerID"], as_index=False).agg(amount=("amount", "sum"), ts=("InvoiceDate", "first"))
inv["day"] = pd.to_datetime(inv.ts).dt.normalize()
end = inv.day.max()
purchases = inv[inv.amount >= 0]
days = purchases.groupby(["CustomerID", "day"], as_index=False).amount.sum().sort_values(["CustomerID", "day"])
g = days.groupby("CustomerID")
first = g.day.min()
last = g.day.max()
count = g.day.count()
first_amount = g.amount.first()
total = g.amount.sum()
summary = pd.DataFrame({
    "x": count - 1,
    "tx": (last - first).dt.days / 7.0,
    "T": (end - first).dt.days / 7.0,
    "monetary": np.where(count > 1, (total - first_amount) / np.maximum(count - 1, 1), 0.0),
})
zero_age = int((summary["T"] == 0).sum())
summary = summary[summary["T"] > 0]
x = summary.x.values.astype(float)
tx = summary.tx.values
T = summary["T"].values


def bg_ll(params):
    r, alpha, a, b = params
    A1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    A2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    A3 = -(r + x) * np.log(alpha + T)
    A4 = np.where(x > 0, np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * np.log(tx + alpha), -np.inf)
    return (A1 + A2 + np.logaddexp(A3, A4)).sum()


# The supremum of the BG/NBD likelihood as the drop-out probability p ~ Beta(a, b) -> 0 (b -> infinity): A2 -> 0 and
# e^A4 -> 0, leaving the NBD log-likelihood A1 + A3 (no drop-out), maximised over r and alpha.
def nbd_ll(params):
    r, alpha = params
    return (gammaln(r + x) - gammaln(r) + r * np.log(alpha) - (r + x) * np.log(alpha + T)).sum()


nbd = minimize(lambda lp: -nbd_ll(np.exp(lp)), np.zeros(2), method="Nelder-Mead",
               options={"xatol": 1e-12, "fatol": 1e-12, "maxiter": 20000})
nbd = minimize(lambda lp: -nbd_ll(np.exp(lp)), nbd.x, method="BFGS", options={"gtol": 1e-9})
bg = np.exp(nbd.x)

# A bounded BG/NBD fit (log-parameters in [-20, 20]) from several starts: the best drives the mean drop-out a/(a+b) to ~0.
bounded = None
for start in ([0, 0, 0, 0], [-1, 1, -1, 1], [0, 2, 0, 0], [-1, 2, 1, 2]):
    res = minimize(lambda lp: -bg_ll(np.exp(lp)), np.array(start, float), method="L-BFGS-B", bounds=[(-20, 20)] * 4,
                   options={"maxiter": 20000, "ftol": 1e-15, "gtol": 1e-10})
    if np.isfinite(res.fun) and (bounded is None or res.fun < bounded.fun):
        bounded = res
bb = np.exp(bounded.x)

# Profile along the drop-out direction: fix a = 1 and b = 10^k (mean drop-out 1/(1 + 10^k)), re-optimise r and alpha.
profile = []
for k in (0, 1, 2, 3, 4, 6):
    res = minimize(lambda lp: -bg_ll([np.exp(lp[0]), np.exp(lp[1]), 1.0, 10.0 ** k]), np.log(bg[:2]), method="Nelder-Mead",
                   options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000})
    profile.append({"b": 10.0 ** k, "logLikelihood": float(-res.fun)})

rep = summary[(summary.x > 0) & (summary.monetary > 0)]
gx, gm = rep.x.values.astype(float), rep.monetary.values


def gg_ll(params):
    p, q, v = params
    return (gammaln(p * gx + q) - gammaln(p * gx) - gammaln(q) + q * np.log(v) + (p * gx - 1) * np.log(gm)
            + (p * gx) * np.log(gx) - (p * gx + q) * np.log(gx * gm + v)).sum()


r1 = minimize(lambda lp: -gg_ll(np.exp(lp)), np.zeros(3), method="Nelder-Mead",
              options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
r1 = minimize(lambda lp: -gg_ll(np.exp(lp)), r1.x, method="BFGS", options={"gtol": 1e-9})
gg = np.exp(r1.x)

out = {
    "calibrationEnd": end.strftime("%Y-%m-%d"),
    "customers": int(len(summary)),
    "zeroAgeSkipped": zero_age,
    "repeatCustomers": int((summary.x > 0).sum()),
    "sumX": int(summary.x.sum()),
    "sumRecency": float(summary.tx.sum()),
    "sumAge": float(summary["T"].sum()),
    "sumMonetary": float(summary.monetary.sum()),
    "nbdLimit": {"r": float(bg[0]), "alpha": float(bg[1]), "logLikelihood": float(-nbd.fun)},
    "boundedBgnbd": {"r": float(bb[0]), "alpha": float(bb[1]), "a": float(bb[2]), "b": float(bb[3]),
                     "meanDropout": float(bb[2] / (bb[2] + bb[3])), "logLikelihood": float(-bounded.fun)},
    "dropoutProfile": profile,
    "gammaGamma": {"p": float(gg[0]), "q": float(gg[1]), "gamma": float(gg[2]), "logLikelihood": float(-r1.fun), "customers": int(len(rep))},
}
with open(Path(__file__).with_name("online_retail_clv_reference.json"), "w") as fh:
    json.dump(out, fh, indent=2)
    fh.write("\n")
print(json.dumps(out, indent=2))
