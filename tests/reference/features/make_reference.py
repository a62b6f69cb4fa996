"""Reference outputs of scikit-learn's scalers and encoders on data/real/marketing_campaign/marketing.csv.

Run once from the repository root with Debian's python (sklearn 1.2.1, numpy 1.24.2, pandas 1.5.3):
    /usr/bin/python3 tests/reference/features/make_reference.py
Writes next to this script: scalers.csv, encoders.csv, reference.json. The C# tests
(tests/Segmentation.Analytics.Tests/Features/ScalerReferenceTests.cs, EncoderReferenceTests.cs) read them.
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, RobustScaler, StandardScaler

here = os.path.dirname(os.path.abspath(__file__))
data = pd.read_csv(os.path.join("data", "real", "marketing_campaign", "marketing.csv"))
numeric = ["birth_year", "income", "recency", "wines", "meat", "gold", "web", "store", "catalog", "visits"]
x = data[numeric].to_numpy(dtype=float)

standard = StandardScaler().fit(x)
robust = RobustScaler().fit(x)
out = pd.DataFrame({"customer_id": data["customer_id"]})
for j, c in enumerate(numeric):
    out["standard_" + c] = standard.transform(x)[:, j]
    out["robust_" + c] = robust.transform(x)[:, j]
    out["log1p_" + c] = np.log1p(x[:, j])
out.to_csv(os.path.join(here, "scalers.csv"), index=False, float_format="%.17g")

# One-hot of a text column and an integer column; ordinal with a declared order and with the learned order.
onehot = OneHotEncoder(sparse_output=False).fit(data[["education", "visits"]])
oh = onehot.transform(data[["education", "visits"]])
enc = pd.DataFrame(oh.astype(int), columns=[str(n) for n in onehot.get_feature_names_out()])
education_order = ["Basic", "2n Cycle", "Graduation", "Master", "PhD"]
declared = OrdinalEncoder(categories=[education_order]).fit(data[["education"]])
learned = OrdinalEncoder().fit(data[["visits"]])  # categories="auto": sorted unique values
enc["ordinal_education"] = declared.transform(data[["education"]])[:, 0]
enc["ordinal_visits"] = learned.transform(data[["visits"]])[:, 0]
enc.insert(0, "customer_id", data["customer_id"])
enc.to_csv(os.path.join(here, "encoders.csv"), index=False, float_format="%.17g")

# Small cases: a constant column, unknown categories, a missing value as its own category.
const = np.array([[1.0, 5.0], [1.0, 7.0], [1.0, 9.0], [1.0, 4.0]])
sc = StandardScaler().fit(const)
rc = RobustScaler().fit(const)
ignore = OneHotEncoder(sparse_output=False, handle_unknown="ignore").fit(data[["education"]])
unknown_rows = pd.DataFrame({"education": ["PhD", "Doctorate", "Basic"]})
missing_fit = pd.DataFrame({"channel": ["web", None, "app", "web"]})
missing = OneHotEncoder(sparse_output=False).fit(missing_fit)
ord_unknown = OrdinalEncoder(categories=[education_order], handle_unknown="use_encoded_value", unknown_value=np.nan).fit(data[["education"]])

ref = {
    "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__, "pandas": pd.__version__},
    "numeric_columns": numeric,
    "standard": {"mean": standard.mean_.tolist(), "var": standard.var_.tolist(), "scale": standard.scale_.tolist()},
    "robust": {"center": robust.center_.tolist(), "scale": robust.scale_.tolist()},
    "constant": {
        "x": const.tolist(),
        "standard_scale": sc.scale_.tolist(), "standard_transform": sc.transform(const).tolist(),
        "robust_scale": rc.scale_.tolist(), "robust_transform": rc.transform(const).tolist(),
    },
    "onehot_names": [str(n) for n in onehot.get_feature_names_out()],
    "onehot_ignore_unknown": {"rows": unknown_rows["education"].tolist(), "output": ignore.transform(unknown_rows).tolist(),
                              "names": [str(n) for n in ignore.get_feature_names_out()]},
    "onehot_missing": {"fit": missing_fit["channel"].tolist(),
                       "categories": [None if (isinstance(c, float) and np.isnan(c)) or c is None else c for c in missing.categories_[0].tolist()],
                       "output": missing.transform(missing_fit).tolist()},
    "ordinal_unknown_nan": {"rows": unknown_rows["education"].tolist(),
                            "output": [None if np.isnan(v) else v for v in ord_unknown.transform(unknown_rows)[:, 0].tolist()]},
}
with open(os.path.join(here, "reference.json"), "w") as f:
    json.dump(ref, f, indent=1)
