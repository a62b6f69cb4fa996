"""Reference values for the evaluation's two-sample tests (scipy 1.10.1, Debian's /usr/bin/python3).
Run: /usr/bin/python3 tests/reference/evaluation/two_sample.py > tests/reference/evaluation/two_sample.json"""
import json
import numpy as np
from scipy import stats

rng = np.random.default_rng(7)
a = np.round(rng.gamma(2.0, 60.0, 40), 2)
b = np.round(rng.gamma(2.0, 45.0, 55), 2)
t = stats.ttest_ind(a, b, equal_var=False)
va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
se = np.sqrt(va + vb)
q = stats.t.ppf(0.975, df)
diff = a.mean() - b.mean()

# Two-proportion z-test: pooled SE for the test, unpooled (Wald) for the interval.
xa, na, xb, nb = 187, 240, 41, 60
pa, pb = xa / na, xb / nb
pp = (xa + xb) / (na + nb)
z = (pa - pb) / np.sqrt(pp * (1 - pp) * (1 / na + 1 / nb))
sew = np.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
zq = stats.norm.ppf(0.975)

print(json.dumps({
    "welch": {"a": a.tolist(), "b": b.tolist(), "t": float(t.statistic), "p": float(t.pvalue), "df": float(df),
              "diff": float(diff), "lower": float(diff - q * se), "upper": float(diff + q * se)},
    "two_proportion": {"xa": xa, "na": na, "xb": xb, "nb": nb, "z": float(z), "p": float(2 * stats.norm.sf(abs(z))),
                       "lower": float(pa - pb - zq * sew), "upper": float(pa - pb + zq * sew)},
    "psi_example": {"expected": [0.25, 0.25, 0.25, 0.25], "actual": [0.1, 0.2, 0.3, 0.4],
                    "psi": float(sum((x - e) * np.log(x / e) for x, e in zip([0.1, 0.2, 0.3, 0.4], [0.25] * 4)))},
}, indent=1))
