"""Reference values for SegmentationValidator's internal indices: scikit-learn 1.2.1 on real data.

Run once with Debian's python: /usr/bin/python3 tests/reference/profiling/validation_indices.py
Data: wholesale customers, X = ln(1 + spend) of the 6 spending columns (unscaled), labels = (Channel-1)*3 + (Region-1).
Writes validation_indices.json: inertia (sum of squared distances to the label means), silhouette, Calinski-Harabasz,
Davies-Bouldin.
"""
import json, os
import numpy as np, pandas as pd, sklearn
from sklearn.metrics import silhouette_score, calinski_harabasz_score, davies_bouldin_score

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", ".."))
w = pd.read_csv(os.path.join(root, "data/real/wholesale_customers/Wholesale_customers_data.csv"), sep=";")
spend = ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"]
X = np.log1p(w[spend].to_numpy(dtype=float))
labels = ((w["Channel"] - 1) * 3 + (w["Region"] - 1)).to_numpy()
inertia = sum(((X[labels == g] - X[labels == g].mean(axis=0)) ** 2).sum() for g in np.unique(labels))
out = dict(sklearn=sklearn.__version__, rows=int(len(X)), inertia=float(inertia),
           silhouette=float(silhouette_score(X, labels)), calinski_harabasz=float(calinski_harabasz_score(X, labels)),
           davies_bouldin=float(davies_bouldin_score(X, labels)))
with open(os.path.join(here, "validation_indices.json"), "w") as fh:
    json.dump(out, fh, indent=1)
print(out)
