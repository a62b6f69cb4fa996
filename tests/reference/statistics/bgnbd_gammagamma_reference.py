"""Reference values for BG/NBD and Gamma-Gamma on the CDNOW sample, computed once with Debian's
/usr/bin/python3 (numpy, scipy, pandas). Independent of the C# code: scipy's hyp2f1/gammaln and
Nelder-Mead/BFGS, pandas group-bys mimicking lifetimes' summary_data_from_transaction_data.

Run from the repository root:  /usr/bin/python3 tests/reference/statistics/bgnbd_gammagamma_reference.py
Writes tests/reference/statistics/bgnbd_gammagamma_reference.json.
"""
import json
import numpy as np
import pandas as pd
from scipy.special import gammaln, hyp2f1, betaln, expit
from scipy.optimize import minimize

OUT = "tests/reference/statistics/bgnbd_gammagamma_reference.json"

# ---- customer summary from transactions (lifetimes' rules: purchase days, weeks = days / 7) ----
tx = pd.read_csv("data/real/cdnow/CDNOW_sample.txt", sep=r"\s+", header=None,
                 names=["master_id", "id", "date", "cds", "value"], dtype={"date": str})
tx["date"] = pd.to_datetime(tx["date"], format="%Y%m%d")
cal_end = pd.Timestamp("1997-09-30")
cal = tx[tx["date"] <= cal_end]
daily = cal.groupby(["id", "date"], as_index=False)["value"].sum()
first = daily.groupby("id")["date"].min()
last = daily.groupby("id")["date"].max()
count = daily.groupby("id")["date"].count()
freq = count - 1
recency = (last - first).dt.days / 7.0
T = (cal_end - first).dt.days / 7.0
# monetary value: mean of the repeat purchase days' amounts (first purchase day excluded)
daily = daily.merge(first.rename("first"), left_on="id", right_index=True)
repeat = daily[daily["date"] > daily["first"]]
monetary = repeat.groupby("id")["value"].mean().reindex(freq.index).fillna(0.0)
summary = pd.DataFrame({"frequency": freq, "recency": recency, "T": T, "monetary": monetary})

# holdout: distinct purchase days in (1997-09-30, 1998-06-30] per calibration customer (lifetimes'
# calibration_and_holdout_data counts purchase periods the same way)
hold = tx[(tx["date"] > cal_end) & (tx["date"] <= pd.Timestamp("1998-06-30"))]
hold_days = hold.groupby("id")["date"].nunique().reindex(freq.index).fillna(0).astype(int)
holdout_duration = (pd.Timestamp("1998-06-30") - cal_end).days / 7.0
bucket = np.minimum(freq.values, 7)
holdout_table = [dict(frequency=int(b), customers=int((bucket == b).sum()),
                      actualMean=float(hold_days.values[bucket == b].mean())) for b in range(8)]

published = pd.read_csv("data/real/cdnow/cdnow_customers_summary.csv", index_col=0)
assert (summary["frequency"].values == published["frequency"].values).all()
assert np.allclose(summary["recency"].round(2).values, published["recency"].values, atol=1e-9)
assert np.allclose(summary["T"].round(2).values, published["T"].values, atol=1e-9)
withtx = pd.read_csv("data/real/cdnow/cdnow_customers_summary_with_transactions.csv", index_col=0)
zbar_match = int(np.sum(np.abs(summary["monetary"].round(2).values - withtx["zbar"].values) < 1e-9))

# ---- BG/NBD on the published summary ----
x = published["frequency"].values.astype(float)
tx_ = published["recency"].values
TT = published["T"].values


def bg_ll(params, x, tx_, TT):
    r, alpha, a, b = params
    A1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    A2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    A3 = -(r + x) * np.log(alpha + TT)
    A4 = np.where(x > 0, np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * np.log(tx_ + alpha), -np.inf)
    return A1 + A2 + np.logaddexp(A3, A4)


res = minimize(lambda lp: -bg_ll(np.exp(lp), x, tx_, TT).sum(), np.zeros(4), method="Nelder-Mead",
               options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
res = minimize(lambda lp: -bg_ll(np.exp(lp), x, tx_, TT).sum(), res.x, method="BFGS", options={"gtol": 1e-9})
bg = np.exp(res.x)
bg_ll_value = -res.fun


def num_hessian(f, p, h=1e-4):
    k = len(p)
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            ei = np.zeros(k); ej = np.zeros(k)
            ei[i] = h * p[i]; ej[j] = h * p[j]
            H[i, j] = (f(p + ei + ej) - f(p + ei - ej) - f(p - ei + ej) + f(p - ei - ej)) / (4 * ei[i] * ej[j])
    return H


H = num_hessian(lambda p: bg_ll(p, x, tx_, TT).sum(), bg)
bg_se = np.sqrt(np.diag(np.linalg.inv(-H)))

# predictions at the published parameters (so the C# side evaluates the same formulas at the same point)
P = dict(r=0.243, alpha=4.414, a=0.793, b=2.426)


def cond_expected(t, x, tx_, TT, r, alpha, a, b):
    hyp = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + TT + t))
    num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + TT) / (alpha + TT + t)) ** (r + x) * hyp)
    den = 1 + (x > 0) * a / (b + np.maximum(x, 1) - 1) * ((alpha + TT) / (alpha + tx_)) ** (r + x)
    return num / den


def p_alive(x, tx_, TT, r, alpha, a, b):
    return np.where(x == 0, 1.0, 1.0 / (1 + a / (b + np.maximum(x, 1) - 1) * ((alpha + TT) / (alpha + tx_)) ** (r + x)))


def expected_new(t, r, alpha, a, b):
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))


def p_n(t, n, r, alpha, a, b):
    first = np.exp(betaln(a, b + n) - betaln(a, b) + gammaln(r + n) - gammaln(r) - gammaln(n + 1)
                   + r * np.log(alpha / (alpha + t)) + n * np.log(t / (alpha + t)))
    if n == 0:
        return first
    j = np.arange(n)
    s = np.sum(np.exp(gammaln(r + j) - gammaln(r) - gammaln(j + 1) + j * np.log(t / (alpha + t))))
    return first + np.exp(betaln(a + 1, b + n - 1) - betaln(a, b)) * (1 - (alpha / (alpha + t)) ** r * s)


cases = [(0, 0.0, 38.86), (1, 1.71, 38.86), (2, 30.43, 38.86), (7, 29.43, 38.86), (26, 30.86, 31.0),
         (5, 10.0, 38.0), (1, 35.0, 36.0), (40, 38.0, 38.5)]
cond = []
for (cx, ctx, cT) in cases:
    for t in (1.0, 10.0, 39.0, 52.0, 200.0):
        cond.append(dict(x=cx, tx=ctx, T=cT, t=t,
                         expected=float(cond_expected(t, cx, ctx, cT, **P)),
                         pAlive=float(p_alive(np.array(cx), ctx, cT, **P))))
uncond = [dict(t=t, expected=float(expected_new(t, **P))) for t in (1.0, 39.0, 78.0, 500.0)]
pmf = [dict(t=t, n=n, p=float(p_n(t, n, **P))) for t in (39.0, 78.0) for n in (0, 1, 2, 5, 10)]

# ---- Gamma-Gamma on the 946 repeat customers ----
rep = withtx[withtx["x"] > 0]
gx = rep["x"].values.astype(float)
gm = rep["zbar"].values


def gg_ll(params, x, m):
    p, q, v = params
    return (gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(v) + (p * x - 1) * np.log(m)
            + (p * x) * np.log(x) - (p * x + q) * np.log(x * m + v))


def fit_gg(x, m):
    r1 = minimize(lambda lp: -gg_ll(np.exp(lp), x, m).sum(), np.zeros(3), method="Nelder-Mead",
                  options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
    r1 = minimize(lambda lp: -gg_ll(np.exp(lp), x, m).sum(), r1.x, method="BFGS", options={"gtol": 1e-9})
    return np.exp(r1.x), -r1.fun


gg, gg_llv = fit_gg(gx, gm)
Hg = num_hessian(lambda p: gg_ll(p, gx, gm).sum(), gg)
gg_se = np.sqrt(np.diag(np.linalg.inv(-Hg)))
# the same fit on monetary values computed from the transactions (unrounded)
rep_exact = summary[summary["frequency"] > 0]
gg_exact, gg_exact_ll = fit_gg(rep_exact["frequency"].values.astype(float), rep_exact["monetary"].values)


def cond_spend(x, m, p, q, v):
    w = p * x / (p * x + q - 1)
    return (1 - w) * v * p / (q - 1) + w * m


first10 = withtx.iloc[:10]
spend10 = [float(cond_spend(xx, mm, *gg)) for xx, mm in zip(first10["x"], first10["zbar"])]

# CLV as lifetimes' customer_lifetime_value: Σ_m spend × (E[Y(m·f)] − E[Y((m−1)·f)]) / 1.01^m, 12 months, with the
# BG/NBD fit above. lifetimes' default freq="D" uses f = 30 time units per month even on weekly data; its Quickstart
# numbers (140.096211, 18.943467, 38.180574, …) are reproduced with f = 30. f = 4.345 is a real month in weeks.
def clv(f, x, tx_, TT, m):
    spend = np.array([cond_spend(xx, mm, *gg) for xx, mm in zip(x, m)])
    total = np.zeros(len(x))
    for i in np.arange(1, 13) * f:
        total += spend * (cond_expected(i, x, tx_, TT, *bg) - cond_expected(i - f, x, tx_, TT, *bg)) / 1.01 ** (i / f)
    return total


clv30 = clv(30.0, first10["x"].values.astype(float), first10["t_x"].values, first10["T"].values, first10["zbar"].values)
clv_month = clv(4.345, first10["x"].values.astype(float), first10["t_x"].values, first10["T"].values, first10["zbar"].values)

out = dict(
    source="scipy %s / numpy %s / pandas %s" % (__import__("scipy").__version__, np.__version__, pd.__version__),
    summary=dict(customers=int(len(summary)), zbarMatchesRounded=zbar_match,
                 holdoutDuration=holdout_duration, holdoutTotal=int(hold_days.sum()),
                 holdoutFirst20=[int(v) for v in hold_days.values[:20]], holdoutByFrequency=holdout_table,
                 monetaryFirst10=[float(v) for v in summary["monetary"].values[:10]]),
    bgnbd=dict(r=bg[0], alpha=bg[1], a=bg[2], b=bg[3], logLikelihood=bg_ll_value,
               se=dict(r=bg_se[0], alpha=bg_se[1], a=bg_se[2], b=bg_se[3]),
               atPublished=P, conditional=cond, unconditional=uncond, pmf=pmf),
    gammaGamma=dict(p=gg[0], q=gg[1], gamma=gg[2], logLikelihood=gg_llv, n=int(len(gx)),
                    se=dict(p=gg_se[0], q=gg_se[1], gamma=gg_se[2]),
                    expectedSpendFirst10=spend10, clvFirst10Thirty=clv30.tolist(), clvFirst10Monthly=clv_month.tolist(),
                    fromTransactions=dict(p=gg_exact[0], q=gg_exact[1], gamma=gg_exact[2], logLikelihood=gg_exact_ll)),
)
with open(OUT, "w") as f:
    json.dump(out, f, indent=1)
print(json.dumps({k: v for k, v in out["bgnbd"].items() if k not in ("conditional", "unconditional", "pmf")}, indent=1))
print(json.dumps(out["gammaGamma"], indent=1))
print(out["summary"])
