"""Reference values for the per-segment effects of the Hillstrom e-mail experiment.

Run once with Debian's python (scipy 1.10.1, pandas 1.5.3, statsmodels from python3-statsmodels):
    /usr/bin/python3 tests/reference/experiments/hillstrom_segments.py
Writes hillstrom_segments.json next to this script: for every outcome x arm x history_segment the difference,
the raw two-sided p-value (scipy's Welch t-test for spend; the pooled two-proportion z-test for visit and conversion),
and the Holm and Benjamini-Hochberg adjusted p-values over each outcome's family (all arms x segments) from
statsmodels.stats.multitest.multipletests.
"""
import json
import os

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests
import statsmodels

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", ".."))
df = pd.read_csv(os.path.join(root, "data", "real", "hillstrom", "hillstrom.csv"))
control = "No E-Mail"
arms = ["Mens E-Mail", "Womens E-Mail"]
outcomes = [("spend", "continuous"), ("visit", "binary"), ("conversion", "binary")]
segments = sorted(df["history_segment"].unique())

rows = []
for outcome, kind in outcomes:
    family = []
    for arm in arms:
        for seg in segments:
            a = df.loc[(df.treatment == arm) & (df.history_segment == seg), outcome].to_numpy(float)
            c = df.loc[(df.treatment == control) & (df.history_segment == seg), outcome].to_numpy(float)
            diff = a.mean() - c.mean()
            if kind == "continuous":
                p = stats.ttest_ind(a, c, equal_var=False).pvalue
            else:
                pooled = (a.sum() + c.sum()) / (len(a) + len(c))
                z = diff / np.sqrt(pooled * (1 - pooled) * (1 / len(a) + 1 / len(c)))
                p = 2 * stats.norm.sf(abs(z))
            family.append(dict(outcome=outcome, arm=arm, segment=seg, n_arm=len(a), n_control=len(c), difference=diff, p_value=float(p)))
    ps = [r["p_value"] for r in family]
    holm = multipletests(ps, method="holm")[1]
    bh = multipletests(ps, method="fdr_bh")[1]
    for r, h, b in zip(family, holm, bh):
        r["holm"] = float(h)
        r["bh"] = float(b)
    rows.extend(family)

out = dict(source="data/real/hillstrom/hillstrom.csv", scipy=__import__("scipy").__version__, pandas=pd.__version__,
           statsmodels=statsmodels.__version__, rows=rows)
with open(os.path.join(here, "hillstrom_segments.json"), "w") as f:
    json.dump(out, f, indent=1)
print(f"{len(rows)} rows written")
