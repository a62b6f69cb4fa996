"""Reference intervals for Segmentation.Analytics.Statistics.Intervals, computed once with Debian's /usr/bin/python3
(statsmodels, scipy): Wilson and Clopper-Pearson ("beta") binomial intervals from statsmodels' proportion_confint, and the
Student t interval of a mean from scipy.stats.t on a fixed data set (CSAT-like answers 1-5).

Run from the repository root:  /usr/bin/python3 tests/reference/statistics/proportion_intervals.py
Writes tests/reference/statistics/proportion_intervals.json.
"""
import json
import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

OUT = "tests/reference/statistics/proportion_intervals.json"
# Edge cases (0, n), tiny groups, the report's typical cells (migration counts, segment shares of ~5 000 customers), large n.
CASES = [(0, 1), (1, 1), (0, 10), (1, 10), (3, 10), (9, 10), (10, 10), (2, 37), (5, 12), (17, 40), (247, 4997), (1178, 4997),
         (0, 4997), (959, 1178), (228, 579), (1, 2000), (499, 1000), (12345, 1000000), (3, 7), (60, 61)]
LEVELS = [0.95, 0.90, 0.80, 0.99]
proportions = []
for x, n in CASES:
    for level in LEVELS:
        alpha = 1 - level
        wl, wu = proportion_confint(x, n, alpha=alpha, method="wilson")
        cl, cu = proportion_confint(x, n, alpha=alpha, method="beta")
        proportions.append({"x": x, "n": n, "confidence": level, "wilson": [float(wl), float(wu)], "clopper_pearson": [float(cl), float(cu)]})

rng = np.random.default_rng(20261202)
answers = rng.choice([1, 2, 3, 4, 5], size=57, p=[0.05, 0.1, 0.2, 0.35, 0.3]).astype(float)
means = []
for level in LEVELS:
    m, se = answers.mean(), stats.sem(answers)
    lo, hi = stats.t.interval(level, len(answers) - 1, loc=m, scale=se)
    means.append({"confidence": level, "lower": float(lo), "upper": float(hi)})

json.dump({"generator": f"statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}",
           "proportions": proportions,
           "mean": {"values": answers.tolist(), "intervals": means}}, open(OUT, "w"), indent=1)
print(OUT, len(proportions), "proportion cases")
