"""Reference assignments for LinearAssignment (the Hungarian algorithm of segment lineage).

Run once with Debian's python (scipy 1.10.1, numpy):
    cd tests/reference/lineage && /usr/bin/python3 make_reference.py
Writes assignments.json: random cost matrices (square and rectangular, continuous and integer with ties),
each with scipy.optimize.linear_sum_assignment's row -> column assignment and total cost. The C# tests read
this file; they never call Python. Continuous matrices have a unique optimum (with probability 1), so the
assignment itself is compared there; integer matrices have ties, so only the total cost is.
"""
import json
import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment

rng = np.random.default_rng(20261)
shapes = [(1, 1), (2, 2), (3, 3), (1, 4), (4, 1), (3, 5), (5, 3), (6, 6), (7, 10), (10, 7),
          (8, 8), (12, 12), (9, 15), (15, 9), (20, 20), (25, 30), (30, 25), (40, 40), (50, 60), (64, 64)]
cases = []
for i, (n, m) in enumerate(shapes):
    kind = "uniform" if i % 2 == 0 else "normal"
    a = rng.uniform(0, 10, size=(n, m)) if kind == "uniform" else np.abs(rng.normal(0, 3, size=(n, m)))
    cases.append(("continuous", kind, a))
for n, m in [(4, 4), (6, 9), (9, 6), (10, 10), (16, 16), (20, 13)]:
    cases.append(("integer", "ties", rng.integers(0, 5, size=(n, m)).astype(float)))
# Negative and large-scale costs: the algorithm must not assume costs in [0, 1].
cases.append(("continuous", "negative", rng.normal(0, 100, size=(11, 11))))
cases.append(("continuous", "scaled", rng.uniform(0, 1e6, size=(13, 17))))

out = {"generator": f"numpy {np.__version__}, scipy {scipy.__version__}, default_rng(20261)", "cases": []}
for unique, kind, a in cases:
    rows, cols = linear_sum_assignment(a)
    assignment = [-1] * a.shape[0]
    for r, c in zip(rows, cols):
        assignment[int(r)] = int(c)
    out["cases"].append({
        "kind": kind,
        "uniqueOptimum": unique == "continuous",
        "rows": a.shape[0], "columns": a.shape[1],
        "cost": [[float(v) for v in row] for row in a],
        "assignment": assignment,
        "totalCost": float(a[rows, cols].sum()),
    })
with open("assignments.json", "w") as f:
    json.dump(out, f, indent=1)
print(len(out["cases"]), "cases")
