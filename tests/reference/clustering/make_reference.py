"""Reference values for the clustering tests (Segmenting + Validation).

Run once with Debian's python (scikit-learn 1.2.1, scipy 1.10.1, numpy, pandas 1.5.3):
    cd tests/reference/clustering && /usr/bin/python3 make_reference.py
Writes the input matrices (full-precision CSV, so C# and Python see the same doubles) and
reference.json. The C# tests read these files; they never call Python.
"""
import json
import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy.cluster.hierarchy import linkage, fcluster
from sklearn.cluster import KMeans, AgglomerativeClustering, kmeans_plusplus
from sklearn.metrics import (silhouette_score, silhouette_samples, calinski_harabasz_score,
                             davies_bouldin_score, adjusted_rand_score)

ROOT = "../../../data/real/"

# Marketing campaign: the ten numeric columns, z-scored (population sd, as StandardScaler).
m = pd.read_csv(ROOT + "marketing_campaign/marketing.csv")
mcols = ["birth_year", "income", "recency", "wines", "meat", "gold", "web", "store", "catalog", "visits"]
X = m[mcols].to_numpy(dtype=float)
X = (X - X.mean(axis=0)) / X.std(axis=0)
# Wholesale customers: log of the six annual spends.
w = pd.read_csv(ROOT + "wholesale_customers/Wholesale_customers_data.csv", sep=";")
wcols = ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"]
W = np.log(w[wcols].to_numpy(dtype=float))


def save_matrix(name, A, cols):
    with open(name, "w") as f:
        f.write(",".join(cols) + "\n")
        for row in A:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


save_matrix("marketing_z.csv", X, mcols)
save_matrix("wholesale_log.csv", W, wcols)

out = {"versions": {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__}}

# --- k-means ---------------------------------------------------------------------------------
km = {}
for name, A in [("marketing_z", X), ("wholesale_log", W)]:
    for k in (3, 5, 8):
        init, _ = kmeans_plusplus(A, k, random_state=42)
        single = KMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd", tol=1e-4, max_iter=300).fit(A)
        best = KMeans(n_clusters=k, init="k-means++", n_init=10, algorithm="lloyd", random_state=0).fit(A)
        km[f"{name}_k{k}"] = {
            "init": init.tolist(), "inertia": float(single.inertia_), "n_iter": int(single.n_iter_),
            "labels": single.labels_.tolist(), "centers": single.cluster_centers_.tolist(),
            "best_of_10_inertia": float(best.inertia_), "best_of_10_labels": best.labels_.tolist(),
            # one best-of-10 is luck (k = 8: sklearn's own spread over seeds is ~1.5 %): keep ten seeds
            "best_of_10_inertia_seeds": [float(KMeans(n_clusters=k, n_init=10, algorithm="lloyd", random_state=s).fit(A).inertia_)
                                         for s in range(10)],
        }
# weighted k-means from given centres
rng = np.random.default_rng(7)
sw = rng.uniform(0.5, 3.0, size=X.shape[0])
init, _ = kmeans_plusplus(X, 4, random_state=3)
wk = KMeans(n_clusters=4, init=init, n_init=1, algorithm="lloyd").fit(X, sample_weight=sw)
km["marketing_z_weighted_k4"] = {"init": init.tolist(), "weights": sw.tolist(), "inertia": float(wk.inertia_),
                                 "n_iter": int(wk.n_iter_), "labels": wk.labels_.tolist()}
out["kmeans"] = km

# --- Ward --------------------------------------------------------------------------------------
ward = {}
for name, A in [("wholesale_log", W), ("marketing_z", X)]:
    Z = linkage(A, method="ward")
    entry = {"linkage": Z.tolist(), "fcluster": {}, "sklearn": {}}
    for k in range(2, 9):
        entry["fcluster"][str(k)] = fcluster(Z, k, criterion="maxclust").tolist()
        entry["sklearn"][str(k)] = AgglomerativeClustering(n_clusters=k, linkage="ward").fit(A).labels_.tolist()
    ward[name] = entry
out["ward"] = ward

# --- validation indices ------------------------------------------------------------------------
idx = {}
for name, A in [("marketing_z", X), ("wholesale_log", W)]:
    for k in (2, 4, 6):
        labels = KMeans(n_clusters=k, n_init=10, random_state=1).fit(A).labels_
        idx[f"{name}_k{k}"] = {
            "labels": labels.tolist(),
            "silhouette": float(silhouette_score(A, labels)),
            "silhouette_samples": silhouette_samples(A, labels).tolist(),
            "calinski_harabasz": float(calinski_harabasz_score(A, labels)),
            "davies_bouldin": float(davies_bouldin_score(A, labels)),
        }
# a labelling with a singleton cluster (silhouette of singletons is 0)
lab = np.array(idx["wholesale_log_k4"]["labels"])
lab[0] = 4
idx["wholesale_log_singleton"] = {
    "labels": lab.tolist(), "silhouette": float(silhouette_score(W, lab)),
    "silhouette_samples": silhouette_samples(W, lab).tolist(),
    "calinski_harabasz": float(calinski_harabasz_score(W, lab)),
    "davies_bouldin": float(davies_bouldin_score(W, lab)),
}
out["indices"] = idx

ari = []
a = np.array(idx["marketing_z_k4"]["labels"]); b = np.array(idx["marketing_z_k6"]["labels"])
ari.append({"a": a.tolist(), "b": b.tolist(), "ari": float(adjusted_rand_score(a, b))})
r = np.random.default_rng(11)
for n, ka, kb in [(500, 3, 5), (1000, 7, 2), (50, 10, 10)]:
    a = r.integers(0, ka, n); b = np.where(r.uniform(size=n) < 0.7, a % kb, r.integers(0, kb, n))
    ari.append({"a": a.tolist(), "b": b.tolist(), "ari": float(adjusted_rand_score(a, b))})
out["ari"] = ari

with open("reference.json", "w") as f:
    json.dump(out, f)
print("ok", {k: len(v) for k, v in out.items()})

# --- Mall customers: the model builder's Ward partition (written to its own file) ----------------
# age, income, spending z-scored (population sd, as StandardScaler); the partition is scikit-learn's labels_; the
# nearest-centroid rule of a frozen model would move `nearest_centroid_moves` of these training rows.
mall = pd.read_csv(ROOT + "mall_customers/mall.csv")
M = mall[["age", "income", "spending"]].to_numpy(dtype=float)
M = (M - M.mean(axis=0)) / M.std(axis=0)
mall_ward = {"versions": out["versions"], "features": ["age", "income", "spending"], "k": {}}
for k in (4, 5, 6):
    lab = AgglomerativeClustering(n_clusters=k, linkage="ward").fit(M).labels_
    cent = np.array([M[lab == j].mean(axis=0) for j in range(k)])
    nearest = ((M[:, None, :] - cent[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    mall_ward["k"][str(k)] = {"labels": lab.tolist(), "sizes": np.bincount(lab).tolist(),
                             "nearest_centroid_moves": int((nearest != lab).sum())}
with open("mall_ward.json", "w") as f:
    json.dump(mall_ward, f)
print("mall", {k: (v["sizes"], v["nearest_centroid_moves"]) for k, v in mall_ward["k"].items()})
