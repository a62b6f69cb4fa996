"""Reference values for OneWayAnova and KruskalWallis: scipy.stats.f_oneway / kruskal on real data.

Run once with Debian's python (scipy 1.10.1): /usr/bin/python3 tests/reference/profiling/anova_kruskal.py
Writes anova_kruskal.json next to this script. Groupings:
  wholesale/region          Region (1..3)                      on the 6 spending columns (440 rows, many ties in none)
  wholesale/channel_region  (Channel-1)*3 + (Region-1), 6 groups
  mall/gender               Male = 0, Female = 1               on age, income, spending (200 rows, many ties)
  mall/age_band             age < 35 -> 0, 35..55 -> 1, > 55 -> 2 on income, spending
eta^2 = SS_between / SS_total; epsilon^2 = H / (n - 1) (Tomczak & Tomczak 2014).
"""
import json, os
import numpy as np, pandas as pd, scipy, scipy.stats as st

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", ".."))
w = pd.read_csv(os.path.join(root, "data/real/wholesale_customers/Wholesale_customers_data.csv"), sep=";")
m = pd.read_csv(os.path.join(root, "data/real/mall_customers/mall.csv"))

def case(dataset, grouping, labels, frame, features):
    out = []
    for f in features:
        x = frame[f].to_numpy(dtype=float)
        groups = [x[labels == g] for g in sorted(set(labels))]
        F, pF = st.f_oneway(*groups)
        H, pH = st.kruskal(*groups)
        grand = x.mean()
        ssb = sum(len(g) * (g.mean() - grand) ** 2 for g in groups)
        sst = ((x - grand) ** 2).sum()
        out.append(dict(dataset=dataset, grouping=grouping, feature=f, n=int(len(x)), k=len(groups),
                        F=float(F), anova_p=float(pF), eta_squared=float(ssb / sst),
                        H=float(H), kruskal_p=float(pH), epsilon_squared=float(H / (len(x) - 1))))
    return out

spend = ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"]
cases = []
cases += case("wholesale", "region", w["Region"].to_numpy(), w, spend)
cases += case("wholesale", "channel_region", ((w["Channel"] - 1) * 3 + (w["Region"] - 1)).to_numpy(), w, spend)
cases += case("mall", "gender", (m["gender"] == "Female").astype(int).to_numpy(), m, ["age", "income", "spending"])
band = np.where(m["age"] < 35, 0, np.where(m["age"] <= 55, 1, 2))
cases += case("mall", "age_band", band, m, ["income", "spending"])
with open(os.path.join(here, "anova_kruskal.json"), "w") as fh:
    json.dump(dict(scipy=scipy.__version__, numpy=np.__version__, cases=cases), fh, indent=1)
print(len(cases), "cases")
