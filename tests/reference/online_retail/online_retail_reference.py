"""Reference figures of the UCI Online Retail sample, computed independently with pandas.

Run once from the repository root: /usr/bin/python3 tests/reference/online_retail/online_retail_reference.py
Writes online_retail_reference.json next to this script (read by tests/Segmentation.Data.Tests/OnlineRetailTests.cs).
Definitions (the import spec data/real/online_retail/schema.json asks for exactly this):
- "NA" and empty cells are missing (pandas' default missing-value tokens include both);
- exact duplicate rows (every column equal) are dropped, the first kept;
- revenue = sum of Quantity * UnitPrice over the distinct rows with a customer id (returns/cancellations are negative);
- an invoice is a transaction; its lines are summed.
"""
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd

root = Path(__file__).resolve().parents[3]
df = pd.read_csv(root / "data/real/online_retail/online_retail_sample.csv", dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str})
rows = len(df)
distinct = df.drop_duplicates()
known = distinct[distinct.CustomerID.notna()]
anonymous = distinct[distinct.CustomerID.isna()]
line_amount = known.Quantity * known.UnitPrice
# The same sum exactly, in decimal arithmetic (prices have at most 3 decimals), to check the float sum to the cent.
exact = sum(Decimal(str(q)) * Decimal(str(p)) for q, p in zip(known.Quantity, known.UnitPrice))
invoices = known.groupby("InvoiceNo").apply(lambda g: (g.Quantity * g.UnitPrice).sum())
out = {
    "rows": rows,
    "exact_duplicate_rows": int(rows - len(distinct)),
    "rows_without_customer": int(df.CustomerID.isna().sum()),
    "distinct_rows_without_customer": int(len(anonymous)),
    "accepted_rows": int(len(known)),
    "revenue": round(float(line_amount.sum()), 2),
    "revenue_exact": str(exact.quantize(Decimal("0.01"))),
    "anonymous_amount": round(float((anonymous.Quantity * anonymous.UnitPrice).sum()), 2),
    "all_rows_amount": round(float((df.Quantity * df.UnitPrice).sum()), 2),
    "invoices": int(known.InvoiceNo.nunique()),
    "customers": int(known.CustomerID.nunique()),
    "return_invoices": int((invoices < 0).sum()),
    "return_amount": round(float(invoices[invoices < 0].sum()), 2),
    "purchase_amount": round(float(invoices[invoices > 0].sum()), 2),
    "zero_invoices": int((invoices == 0).sum()),
    "countries": sorted(df.Country.dropna().unique().tolist()),
}
with open(Path(__file__).with_name("online_retail_reference.json"), "w") as fh:
    json.dump(out, fh, indent=2, ensure_ascii=False)
    fh.write("\n")
print(json.dumps({k: v for k, v in out.items() if k != "countries"}, indent=2))
