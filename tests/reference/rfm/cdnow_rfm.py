"""Reference RFM table for CDNOW_master.txt, computed independently with pandas/numpy.

Run once with Debian's python (pandas 1.5.3, numpy): /usr/bin/python3 tests/reference/rfm/cdnow_rfm.py
Definitions (as documented in the C# library):
- rows with dollar value 0 are dropped (the data layer rejects them as zero amounts);
- snapshot = 1998-06-30 (last day of the data); recency = days from the last purchase day to the snapshot;
- frequency = distinct purchase days; monetary = sum of dollar values;
- cut points = numpy.quantile(values, [.2, .4, .6, .8]) (linear interpolation);
- F, M score = 1 + number of cut points strictly below the value; R score = 1 + number strictly above.
"""
import numpy as np
import pandas as pd
from pathlib import Path

root = Path(__file__).resolve().parents[3]
df = pd.read_csv(root / "data/real/cdnow/CDNOW_master.txt", sep=r"\s+", header=0,
                 names=["customer_id", "date", "cds", "dollars"], dtype={"customer_id": str, "date": str})
df = df[df.dollars != 0]
df["day"] = pd.to_datetime(df.date, format="%Y%m%d")
snapshot = pd.Timestamp("1998-06-30")
g = df.groupby("customer_id")
rfm = pd.DataFrame({
    "recency_days": (snapshot - g.day.max()).dt.days,
    "frequency": g.day.nunique(),
    "monetary": g.dollars.sum().round(2),
})
q = {c: np.quantile(rfm[c].to_numpy(dtype=float), [0.2, 0.4, 0.6, 0.8]) for c in rfm.columns}
rfm["r"] = [1 + int((q["recency_days"] > v).sum()) for v in rfm.recency_days]
rfm["f"] = [1 + int((q["frequency"] < v).sum()) for v in rfm.frequency]
rfm["m"] = [1 + int((q["monetary"] < v).sum()) for v in rfm.monetary]
rfm = rfm.reset_index().sort_values("customer_id")
rfm.to_csv(Path(__file__).with_name("cdnow_rfm.csv"), index=False, float_format="%.2f")
with open(Path(__file__).with_name("cdnow_rfm_thresholds.txt"), "w") as fh:
    for c in ["recency_days", "frequency", "monetary"]:
        fh.write(c + "," + ",".join(repr(float(x)) for x in q[c]) + "\n")
print(len(rfm), {c: list(q[c]) for c in q})
