using System.Text.Json;
using Segmentation.Data;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Tests;

/// <summary>
/// The UCI Online Retail export read with only data/real/online_retail/schema.json: line items summed into invoices,
/// amount computed from Quantity × UnitPrice, "NA" customer ids missing. Reference: pandas
/// (tests/reference/online_retail/online_retail_reference.py).
/// </summary>
public sealed class OnlineRetailTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(RepoPaths.Reference("online_retail", "online_retail_reference.json"))).RootElement;

    [Fact]
    public void Accepted_revenue_equals_the_pandas_sum_over_distinct_rows_with_a_customer_id_to_the_cent()
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("real", "online_retail"), new IngestOptions(new DateTime(2011, 12, 31)));
        var tx = ws.Report.For("transactions")!;
        Assert.True(tx.Reconciles);
        Assert.Equal(Reference.GetProperty("rows").GetInt64(), tx.RowsRead);
        Assert.Equal(Reference.GetProperty("accepted_rows").GetInt64(), tx.RowsAccepted);
        // Every invoice with a customer is kept: its lines are one transaction.
        Assert.Equal(Reference.GetProperty("invoices").GetInt64(), tx.Records);
        Assert.Equal(Reference.GetProperty("invoices").GetInt64(), ws.Scalar<long>("SELECT count(*) FROM transactions"));
        Assert.Equal(Reference.GetProperty("customers").GetInt64(), ws.Scalar<long>("SELECT count(DISTINCT customer_id) FROM transactions"));
        double revenue = Reference.GetProperty("revenue").GetDouble();
        Assert.Equal(revenue, Math.Round(ws.Scalar<double>("SELECT sum(amount) FROM transactions"), 2));
        Assert.Equal(revenue, Math.Round(tx.Amounts!.Accepted.Amount, 2));
        // "NA" ids are missing, not a customer called NA; exact copies are the only duplicates.
        var byRule = tx.RejectsByRule.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(Reference.GetProperty("distinct_rows_without_customer").GetInt32(), byRule[RejectRules.Missing]);
        Assert.Equal(Reference.GetProperty("exact_duplicate_rows").GetInt32(), byRule[RejectRules.Duplicate]);
        Assert.Equal(0, ws.Scalar<long>("SELECT count(*) FROM transactions WHERE customer_id = 'NA'"));
        Assert.Equal(Reference.GetProperty("anonymous_amount").GetDouble(), Math.Round(tx.Amounts.Anonymous.Amount, 2));
        Assert.Equal(Reference.GetProperty("all_rows_amount").GetDouble(), Math.Round(tx.Amounts.Read.Amount, 2));
        Assert.Equal(Reference.GetProperty("return_amount").GetDouble(), Math.Round(ws.Scalar<double>("SELECT sum(amount) FROM transactions WHERE amount < 0"), 2));
        Assert.Equal(Reference.GetProperty("return_invoices").GetInt64(), ws.Scalar<long>("SELECT count(*) FROM transactions WHERE is_return"));
    }
}
