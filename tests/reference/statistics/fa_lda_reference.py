"""Reference values for factor analysis (principal components + Kaiser's varimax, regression scores,
KMO and Bartlett) and linear discriminant analysis on data/real/marketing_campaign/marketing.csv,
computed once with Debian's /usr/bin/python3 (numpy, scipy, scikit-learn).

Run from the repository root:  /usr/bin/python3 tests/reference/statistics/fa_lda_reference.py
Writes tests/reference/statistics/fa_lda_reference.json.
"""
import json
import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy.stats import chi2
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

OUT = "tests/reference/statistics/fa_lda_reference.json"
df = pd.read_csv("data/real/marketing_campaign/marketing.csv")
FA_COLS = ["birth_year", "income", "wines", "meat", "gold", "web", "store", "catalog", "visits"]
X = df[FA_COLS].values.astype(float)
n, p = X.shape

# ---- principal-component factor analysis on the correlation matrix ----
Z = (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
R = np.corrcoef(X, rowvar=False)
evals, evecs = np.linalg.eigh(R)
order = np.argsort(evals)[::-1]
evals, evecs = evals[order], evecs[:, order]
k = int(np.sum(evals > 1.0))  # Kaiser criterion
L = evecs[:, :k] * np.sqrt(evals[:k])


def varimax(L, normalize=True, eps=1e-12, maxit=1000):
    """Kaiser's varimax as in R's stats::varimax (SVD iteration), optionally with Kaiser row normalisation."""
    x = L.copy()
    nr, nc = x.shape
    if normalize:
        sc = np.sqrt((x ** 2).sum(axis=1))
        x = x / sc[:, None]
    TT = np.eye(nc)
    d = 0.0
    for _ in range(maxit):
        z = x @ TT
        B = x.T @ (z ** 3 - z @ np.diag((z ** 2).sum(axis=0)) / nr)
        u, s, vt = np.linalg.svd(B)
        TT = u @ vt
        dpast = d
        d = s.sum()
        if d < dpast * (1 + eps):
            break
    z = x @ TT
    if normalize:
        z = z * sc[:, None]
    return z


Lr = varimax(L)
scores_none = Z @ np.linalg.solve(R, L)
scores_varimax = Z @ np.linalg.solve(R, Lr)
# a fixed three-factor solution (varimax has more to do with three columns)
L3 = evecs[:, :3] * np.sqrt(evals[:3])
L3r = varimax(L3)
scores3 = Z @ np.linalg.solve(R, L3r)

# ---- KMO and Bartlett ----
S = np.linalg.inv(R)
P = -S / np.sqrt(np.outer(np.diag(S), np.diag(S)))
off = ~np.eye(p, dtype=bool)
r2 = np.where(off, R ** 2, 0.0)
p2 = np.where(off, P ** 2, 0.0)
kmo = r2.sum() / (r2.sum() + p2.sum())
kmo_var = r2.sum(axis=0) / (r2.sum(axis=0) + p2.sum(axis=0))
bart = -(n - 1 - (2 * p + 5) / 6.0) * np.log(np.linalg.det(R))
bdf = p * (p - 1) // 2
bpv = chi2.sf(bart, bdf)

# a small sample where Bartlett's p-value is not zero: first 30 rows of four columns
SMALL_COLS = ["birth_year", "recency", "web", "visits"]
Xs = df[SMALL_COLS].values[:30].astype(float)
Rs = np.corrcoef(Xs, rowvar=False)
ps = Rs.shape[0]
bart_s = -(30 - 1 - (2 * ps + 5) / 6.0) * np.log(np.linalg.det(Rs))
small = dict(columns=SMALL_COLS, rows=30, chiSquare=bart_s, df=ps * (ps - 1) // 2, pValue=chi2.sf(bart_s, ps * (ps - 1) // 2))

fa = dict(columns=FA_COLS, bartlettSmall=small, n=n, eigenvalues=evals.tolist(), factors=k,
          loadingsNone=L.tolist(), loadingsVarimax=Lr.tolist(),
          communalities=(L ** 2).sum(axis=1).tolist(),
          explainedVarianceNone=(L ** 2).sum(axis=0).tolist(),
          explainedVarianceVarimax=(Lr ** 2).sum(axis=0).tolist(),
          scoresNoneFirst5=scores_none[:5].tolist(), scoresVarimaxFirst5=scores_varimax[:5].tolist(),
          loadingsVarimax3=L3r.tolist(), scoresVarimax3First5=scores3[:5].tolist(),
          explainedVarianceVarimax3=(L3r ** 2).sum(axis=0).tolist(),
          scoresVarimaxStd=scores_varimax.std(axis=0, ddof=1).tolist(),
          kmo=kmo, kmoPerVariable=kmo_var.tolist(), bartlettChiSquare=bart, bartlettDf=bdf,
          bartlettPValue=bpv)

# ---- linear discriminant analysis: education from spend, channels, income, recency, birth year ----
LDA_COLS = ["birth_year", "income", "recency", "wines", "meat", "gold", "web", "store", "catalog", "visits"]
classes = ["2n Cycle", "Basic", "Graduation", "Master", "PhD"]
y = df["education"].map({c: i for i, c in enumerate(classes)}).values
Xl = df[LDA_COLS].values.astype(float)
lda = LinearDiscriminantAnalysis()  # solver='svd', priors = class frequencies, pooled covariance / (n - K)
lda.fit(Xl, y)
pred = lda.predict(Xl)
proba = lda.predict_proba(Xl)
acc = float((pred == y).mean())

# textbook canonical discriminant functions: eigenvectors of W^-1 B, scaled so a' (W/(n-K)) a = 1
K = len(classes)
mu = Xl.mean(axis=0)
W = np.zeros((Xl.shape[1], Xl.shape[1]))
B = np.zeros_like(W)
for c in range(K):
    Xc = Xl[y == c]
    d = Xc - Xc.mean(axis=0)
    W += d.T @ d
    m = (Xc.mean(axis=0) - mu)[:, None]
    B += len(Xc) * (m @ m.T)
Wp = W / (len(y) - K)
ev, A = scipy.linalg.eigh(B, Wp)  # generalized symmetric problem: B a = lambda Wp a, a' Wp a = 1
o = np.argsort(ev)[::-1][:min(K - 1, Xl.shape[1])]
ev, A = ev[o], A[:, o]
std_coef = A * np.sqrt(np.diag(Wp))[:, None]

# cross-validation with deterministic stratified folds: fold = (index of the row within its class) mod 5
folds = np.zeros(len(y), dtype=int)
for c in range(K):
    idx = np.where(y == c)[0]
    folds[idx] = np.arange(len(idx)) % 5
cv_pred = np.zeros(len(y), dtype=int)
for f in range(5):
    tr, te = folds != f, folds == f
    cv_pred[te] = LinearDiscriminantAnalysis().fit(Xl[tr], y[tr]).predict(Xl[te])
conf = np.zeros((K, K), dtype=int)
for t, pr in zip(y, cv_pred):
    conf[t, pr] += 1

lda_out = dict(columns=LDA_COLS, classes=classes, n=int(len(y)), priors=lda.priors_.tolist(),
               predictions=pred.tolist(), probaFirst20=proba[:20].tolist(),
               probaMaxAbsRowSumError=float(np.abs(proba.sum(axis=1) - 1).max()),
               trainingAccuracy=acc, explainedVarianceRatio=lda.explained_variance_ratio_.tolist(),
               eigenvalues=ev.tolist(), standardizedCoefficients=std_coef.tolist(),
               cvAccuracy=float((cv_pred == y).mean()), cvConfusion=conf.tolist())

# posterior check: every probability row, compactly (mean absolute posterior per class and a checksum)
lda_out["probaColumnMeans"] = proba.mean(axis=0).tolist()

with open(OUT, "w") as f:
    json.dump(dict(source="numpy %s / scipy %s / scikit-learn %s" % (np.__version__, scipy.__version__, sklearn.__version__),
                   factorAnalysis=fa, lda=lda_out), f, indent=1)
print("FA k", k, "eig", np.round(evals, 4), "KMO", kmo, "Bartlett", bart, bdf, bpv)
print("LDA acc", acc, "cv", lda_out["cvAccuracy"], "evr", lda.explained_variance_ratio_)
print(conf)
