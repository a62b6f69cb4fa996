"""Independent ABC and quantile value tiers of CDNOW customers (total dollars per customer), with pandas.

Run once from the repository root: /usr/bin/python3 tests/reference/features/cdnow_value_tiers.py
Writes cdnow_value_tiers.json next to this script (read by Segmenting/ValueTierTests.cs).
Rule: sort totals descending, cumulative sum; the customer whose cumulative sum first reaches 80 % of the total of
positive values is the last A boundary; every customer with a total >= that customer's total is A (ties share the tier).
"""
import json
import os

import numpy as np
import pandas as pd

here = os.path.dirname(os.path.abspath(__file__))
tx = pd.read_csv(os.path.join("data", "real", "cdnow", "CDNOW_master.txt"), sep=r"\s+", header=None, skiprows=1,
                 names=["id", "date", "cds", "dollars"], dtype={"id": str})
total = tx.groupby("id")["dollars"].sum().round(2)  # whole cents, so summation order cannot move a tie
positive = total[total > 0].sort_values(ascending=False)
cum = positive.cumsum()
s = positive.sum()
a_cross = positive.iloc[int(np.argmax(cum.to_numpy() >= 0.80 * s))]
b_cross = positive.iloc[int(np.argmax(cum.to_numpy() >= 0.95 * s))]
a = int((total >= a_cross).sum())
b = int(((total >= b_cross) & (total < a_cross)).sum())
q80, q50 = np.quantile(total.to_numpy(), [0.8, 0.5])
out = {
    "customers": int(total.size),
    "zero_or_negative": int((total <= 0).sum()),
    "abc": {"top_threshold": float(a_cross), "middle_threshold": float(b_cross), "a": a, "b": b, "c": int(total.size - a - b),
            "a_customer_share": a / total.size, "a_value_share": float(total[total >= a_cross].sum() / s)},
    "quantiles": {"q80": float(q80), "q50": float(q50), "high": int((total >= q80).sum()),
                  "mid": int(((total >= q50) & (total < q80)).sum())},
}
with open(os.path.join(here, "cdnow_value_tiers.json"), "w") as f:
    json.dump(out, f, indent=1)
print(out)
