"""pandas peer of the ingest benchmark: the transactions table validated by the product's rules, then aggregated per customer
as CustomerAggregateQuery does (the same columns), from the CSV twin of the benchmark's Parquet file.

Debian's pandas 1.5.3 has no pyarrow here, so it cannot read Parquet: it reads the CSV of the same rows (every field as text,
so that type errors are found rather than raised) and reports the read apart.

Rules (DataModel.Transactions, ValidationQuery), rejects counted per rule:
  missing   a required value is empty (transaction_id, customer_id, timestamp, amount) -> row rejected
  type      timestamp not a date-time (ISO first, then any format pandas reads) or before 1900; amount not a number
  range     amount outside [-1e9, 1e9]
  future    timestamp after the as-of day
  duplicate a transaction_id already seen among valid rows (the first stays)
  optional columns: a cost outside [0, 1e9], a quantity that is not an integer in [-1e5, 1e5], an is_return that is not a
            boolean -> the field becomes missing, the row stays; channel / category / region outside their code list -> 'other'
  zero amounts are kept (the default policy); returns: is_return or a negative amount, the amount made negative.
Money is summed in cents (integers), as the engine sums DECIMAL(18, 2).

Usage: ingest_peer.py CSV AS_OF(yyyy-mm-dd) SNAPSHOT(yyyy-mm-dd) RUNS [RESULT.csv (the last run's table, to compare)]
"""
import sys
import time

import numpy as np
import pandas as pd

CHANNELS = ["web", "app", "store", "phone"]
ONLINE = ["web", "app"]
CATEGORIES = ["apparel", "beauty", "electronics", "grocery", "home", "sports"]
REGIONS = ["east", "north", "south", "central", "southwest", "northwest", "northeast"]
BOOLEANS = {"true": True, "false": False, "t": True, "f": False, "1": True, "0": False, "yes": True, "no": False, "y": True, "n": False}


def validate(df, as_of):
    n = len(df)
    rules = {}
    reject = np.zeros(n, dtype=bool)

    def mark(rule, mask):
        mask = np.asarray(mask, dtype=bool) & ~reject
        rules[rule] = rules.get(rule, 0) + int(mask.sum())
        reject[mask] = True

    for col in ["transaction_id", "customer_id", "timestamp", "amount"]:
        df[col] = df[col].str.strip()
        mark("missing", df[col].isna() | (df[col] == ""))
    ts = pd.to_datetime(df["timestamp"], format="%Y-%m-%d %H:%M:%S", errors="coerce")
    other = ts.isna() & df["timestamp"].notna()
    if other.any():
        ts[other] = pd.to_datetime(df.loc[other, "timestamp"], errors="coerce")
    mark("type", ts.isna() | (ts < pd.Timestamp("1900-01-01")))
    amount = pd.to_numeric(df["amount"], errors="coerce")
    mark("type", amount.isna())
    mark("range", (amount < -1e9) | (amount > 1e9))
    as_of_end = pd.Timestamp(as_of) + pd.Timedelta(days=1)
    mark("future_date", ts >= as_of_end)
    mark("duplicate", df["transaction_id"].where(~reject).duplicated(keep="first") & df["transaction_id"].notna() & ~reject)

    keep = ~reject
    out = pd.DataFrame({"transaction_id": df["transaction_id"][keep], "customer_id": df["customer_id"][keep], "timestamp": ts[keep]})
    cost = pd.to_numeric(df["cost"][keep], errors="coerce")
    out["cost"] = cost.where((cost >= 0) & (cost <= 1e9))
    quantity = pd.to_numeric(df["quantity"][keep], errors="coerce")
    out["quantity"] = quantity.where((quantity == np.floor(quantity)) & (quantity >= -1e5) & (quantity <= 1e5))
    for col, codes in [("channel", CHANNELS), ("category", CATEGORIES), ("region", REGIONS)]:
        value = df[col][keep].str.strip().str.lower()
        out[col] = value.where(value.isna() | value.isin(codes), "other")
    out["campaign_id"] = df["campaign_id"][keep]
    flag = df["is_return"][keep].str.strip().str.lower().map(BOOLEANS)
    amount = amount[keep]
    is_return = flag.fillna(False).astype(bool) | (amount < 0)
    out["amount"] = amount.where(~(is_return & (amount > 0)), -amount)
    out["is_return"] = is_return
    return out, rules


def aggregate(tx, snapshot):
    snap = pd.Timestamp(snapshot)
    tx = tx[tx["timestamp"] < snap + pd.Timedelta(days=1)]
    purchase = ~tx["is_return"]
    cents = (tx["amount"] * 100).round().astype("int64")
    cost_cents = (tx["cost"] * 100).round()
    day = tx["timestamp"].dt.normalize()
    work = pd.DataFrame({
        "customer_id": tx["customer_id"],
        "orders": purchase.astype("int64"),
        "returns": tx["is_return"].astype("int64"),
        "gross": cents.where(purchase, 0),
        "net": cents,
        "ret": (-cents).where(tx["is_return"], 0),
        "cost": cost_cents.where(purchase, 0),
        "first": tx["timestamp"].where(purchase),
        "online": (purchase & tx["channel"].isin(ONLINE)).astype("int64"),
        "channel": (purchase & tx["channel"].notna()).astype("int64"),
        "campaign": (purchase & tx["campaign_id"].notna()).astype("int64"),
    })
    g = work.groupby("customer_id", sort=True)
    agg = g.agg(orders=("orders", "sum"), returns=("returns", "sum"), gross=("gross", "sum"), net=("net", "sum"),
                ret=("ret", "sum"), cost=("cost", "sum"), first_purchase=("first", "min"), last_purchase=("first", "max"),
                online_orders=("online", "sum"), channel_orders=("channel", "sum"), campaign_orders=("campaign", "sum"))
    bought = pd.DataFrame({"customer_id": tx["customer_id"][purchase], "day": day[purchase]})
    days = bought.drop_duplicates().groupby("customer_id").size()
    cat = tx[purchase & tx["category"].notna()].groupby(["customer_id", "category"]).size()
    per = cat.groupby(level=0).agg(["count", "max", "sum"])
    result = pd.DataFrame(index=agg.index)
    result["orders"] = agg["orders"]
    result["purchase_days"] = days.reindex(agg.index, fill_value=0)
    result["returns"] = agg["returns"]
    result["gross_amount"] = agg["gross"] / 100
    result["net_amount"] = agg["net"] / 100
    result["return_amount"] = agg["ret"] / 100
    result["cost"] = agg["cost"] / 100
    result["first_purchase"] = agg["first_purchase"]
    result["last_purchase"] = agg["last_purchase"]
    result["recency_days"] = (snap - agg["last_purchase"].dt.normalize()).dt.days
    result["tenure_days"] = (snap - agg["first_purchase"].dt.normalize()).dt.days
    result["online_orders"] = agg["online_orders"]
    result["channel_orders"] = agg["channel_orders"]
    result["campaign_orders"] = agg["campaign_orders"]
    result["categories"] = per["count"].reindex(agg.index, fill_value=0)
    result["top_category_orders"] = per["max"].reindex(agg.index, fill_value=0)
    result["category_orders"] = per["sum"].reindex(agg.index, fill_value=0)
    return result.reset_index()


def main():
    csv, as_of, snapshot, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    for run in range(1, runs + 1):
        t0 = time.perf_counter()
        df = pd.read_csv(csv, dtype=str, keep_default_na=False, na_values=[""])
        t1 = time.perf_counter()
        tx, rules = validate(df, as_of)
        t2 = time.perf_counter()
        result = aggregate(tx, snapshot)
        t3 = time.perf_counter()
        rejected = sum(rules.values())
        assert len(tx) + rejected == len(df)
        print(f"   pandas run {run}: read CSV {t1 - t0:.2f} s + validate {t2 - t1:.2f} s ({len(tx):,} accepted, {rejected:,} rejected) "
              f"+ aggregate {t3 - t2:.2f} s = {t3 - t0:.2f} s ({t3 - t1:.2f} s without the read) -> {len(result):,} x {len(result.columns)}")
        print(f"PEER {t3 - t0:.4f} {t3 - t1:.4f}")
    if len(sys.argv) > 5:
        result.to_csv(sys.argv[5], index=False)


if __name__ == "__main__":
    main()
