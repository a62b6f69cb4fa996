"""Reference for the drift check's window feature on data/sample (pandas 1.5.3 / numpy 1.24.2, Debian's /usr/bin/python3).
orders_12m = purchase occasions (distinct calendar days with a purchase, returns excluded) with timestamps in
[snapshot + 1 day - 12 months, snapshot + 1 day), over the customers with at least one purchase in that window.
PSI: bins from the training sample's deciles (numpy's default linear quantiles at 10 %..90 %, duplicates merged),
bin i = (edge[i-1], edge[i]], shares floored at 1e-4, PSI = sum (a - e) ln(a / e).
Run: /usr/bin/python3 tests/reference/evaluation/orders_12m_psi.py > tests/reference/evaluation/orders_12m_psi.json"""
import json
import numpy as np
import pandas as pd

tx = pd.read_csv("data/sample/transactions.csv", parse_dates=["timestamp"], low_memory=False)
purchases = tx[tx["is_return"] == 0]


def orders_12m(snapshot):
    end = pd.Timestamp(snapshot) + pd.Timedelta(days=1)
    start = end - pd.DateOffset(months=12)
    w = purchases[(purchases["timestamp"] >= start) & (purchases["timestamp"] < end)]
    return w.groupby("customer_id")["timestamp"].apply(lambda t: t.dt.normalize().nunique()).sort_index()


def psi(expected, actual, bins=10):
    q = np.quantile(expected, [k / bins for k in range(1, bins)])
    edges = []
    for v in q:
        if not edges or v > edges[-1]:
            edges.append(float(v))
    e = np.bincount(np.searchsorted(edges, expected, side="left"), minlength=len(edges) + 1) / len(expected)
    a = np.bincount(np.searchsorted(edges, actual, side="left"), minlength=len(edges) + 1) / len(actual)
    e, a = np.maximum(e, 1e-4), np.maximum(a, 1e-4)
    return float(np.sum((a - e) * np.log(a / e))), edges


training, current = orders_12m("2025-10-31"), orders_12m("2026-10-31")
index, edges = psi(training.to_numpy(float), current.to_numpy(float))
print(json.dumps({
    "training_snapshot": "2025-10-31", "current_snapshot": "2026-10-31",
    "training": {"customers": int(len(training)), "sum": int(training.sum()), "histogram": {str(k): int(v) for k, v in training.value_counts().sort_index().items()}},
    "current": {"customers": int(len(current)), "sum": int(current.sum()), "histogram": {str(k): int(v) for k, v in current.value_counts().sort_index().items()}},
    "edges": edges, "psi": index,
}, indent=1))
