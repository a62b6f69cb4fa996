"""scikit-learn check that the planted segments of data/sample are recoverable by k-means.

Run once with Debian's python (sklearn 1.2.1, pandas 1.5.3):
    /usr/bin/python3 tests/reference/synthetic/sample_kmeans_ari.py data/sample > tests/reference/synthetic/sample_kmeans_ari.json
Features per customer as of 2026-11-01 from non-return transactions: recency (days since last purchase; 731 if none),
frequency (purchases), monetary (sum), aov (mean amount), online (web/app share), freq_pm (purchases per month of tenure
in the horizon); StandardScaler, KMeans(6, n_init=10, random_state=0); ARI against ground_truth.json.
"""
import json, sys
import numpy as np, pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import StandardScaler

d = sys.argv[1]
t = pd.read_csv(d + '/transactions.csv', parse_dates=['timestamp'], dtype={'campaign_id': str})
gt = json.load(open(d + '/ground_truth.json', encoding='utf-8'))
cust = pd.read_csv(d + '/customers.csv', parse_dates=['signup_date'])
p = t[t.is_return == 0].copy()
p['online'] = p.channel.isin(['web', 'app'])
asof, start = pd.Timestamp('2026-11-01'), pd.Timestamp('2024-11-01')
g = p.groupby('customer_id')
f = pd.DataFrame({'recency': (asof - g.timestamp.max()).dt.days, 'frequency': g.size(), 'monetary': g.amount.sum(),
                  'aov': g.amount.mean(), 'online': g.online.mean()})
f = cust[['customer_id', 'signup_date']].set_index('customer_id').join(f)
f['recency'] = f.recency.fillna(731)
f = f.fillna(0)
f['freq_pm'] = f.frequency / ((asof - f.signup_date.clip(lower=start)).dt.days / 30.44)
y = np.array([gt['customerSegments'][c] for c in f.index])
out = {}
for name, cols, logs in [
    ('recency, frequency, aov, online (raw)', ['recency', 'frequency', 'aov', 'online'], []),
    ('recency, frequency, log1p aov, online', ['recency', 'frequency', 'aov', 'online'], ['aov']),
    ('recency, log1p frequency, log1p aov, online', ['recency', 'frequency', 'aov', 'online'], ['frequency', 'aov']),
    ('recency, log1p frequency/monetary/aov, online', ['recency', 'frequency', 'monetary', 'aov', 'online'], ['frequency', 'aov', 'monetary']),
    ('recency, frequency, monetary, online (raw)', ['recency', 'frequency', 'monetary', 'online'], []),
    ('recency, log1p frequency, log1p monetary, online', ['recency', 'frequency', 'monetary', 'online'], ['frequency', 'monetary']),
    ('recency, purchases per tenure month, log1p aov, online', ['recency', 'freq_pm', 'aov', 'online'], ['aov']),
]:
    X = f[cols].copy()
    for c in logs:
        X[c] = np.log1p(X[c])
    labels = KMeans(6, n_init=10, random_state=0).fit_predict(StandardScaler().fit_transform(X))
    out[name] = round(float(adjusted_rand_score(y, labels)), 4)
out['segment_means'] = {k: {c: round(float(v), 3) for c, v in row.items()}
                        for k, row in f.assign(seg=y).groupby('seg')[['recency', 'frequency', 'aov', 'online', 'freq_pm']].mean().iterrows()}
print(json.dumps(out, indent=2, ensure_ascii=False))
