using Segmentation.Data;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Tests;

/// <summary>Computed columns and line items of the import spec.</summary>
public sealed class LineItemTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);

    private static readonly SchemaMapping Invoices = SchemaMapping.Parse("""
        { "tables": { "transactions": {
            "file": "lines.csv", "lines": "sum",
            "columns": { "transaction_id": "Invoice", "customer_id": "Customer", "timestamp": "Date",
                         "amount": "= Qty * \"Unit Price\"", "quantity": "Qty" } } } }
        """, "schema.json");

    [Fact]
    public void Lines_sharing_an_invoice_are_summed_into_one_transaction_and_only_exact_copies_are_duplicates()
    {
        using var dir = new TempDirectory();
        dir.Write("lines.csv", "Invoice,Stock,Customer,Date,Qty,Unit Price\n" +
            "A1,S1,C1,2026-01-05 10:00:00,2,2.95\n" +   // row 2
            "A1,S2,C1,2026-01-05 10:00:00,3,1.10\n" +   // row 3: second line of A1
            "A1,S2,C1,2026-01-05 10:00:00,3,1.10\n" +   // row 4: exact copy of row 3
            "A2,S1,C2,2026-01-06 11:00:00,1,10\n" +     // row 5
            "A2,S3,C9,2026-01-06 11:00:00,-1,4\n" +     // row 6: disagrees in customer
            "C3,S1,NA,2026-01-07 12:00:00,5,1\n" +      // row 7: anonymous
            "A4,S1,C1,2026-01-08 12:00:00,x,1\n");      // row 8: quantity is no number
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf, Invoices));
        var tx = ws.Report.For("transactions")!;
        Assert.Equal(7, tx.RowsRead);
        Assert.Equal(4, tx.RowsAccepted);
        Assert.Equal(2, tx.Records);
        Assert.True(tx.Reconciles);
        Assert.Equal([(4L, RejectRules.Duplicate, "*"), (7L, RejectRules.Missing, "customer_id"), (8L, RejectRules.Type, "amount")],
            tx.Rejects.Select(r => (r.Row, r.Rule, r.Column)));
        Assert.Contains("every column equals row 3", tx.Rejects[0].Reason);
        Assert.Contains("cannot compute 'amount' (= Qty * \"Unit Price\")", tx.Rejects[2].Reason);
        Assert.Equal("Qty=x; Unit Price=1", tx.Rejects[2].Value);
        var disagree = Assert.Single(tx.Warnings, w => w.Code == IngestWarningCodes.LinesDisagree);
        Assert.Equal(("customer_id", 1L), (disagree.Column, disagree.Rows));

        var rows = ws.Table("transactions");
        Assert.Equal(["A1", "A2"], rows["transaction_id"].Cast<string>());
        Assert.Equal(["C1", "C2"], rows["customer_id"].Cast<string>());
        Assert.Equal(2 * 2.95 + 3 * 1.10, (double)rows["amount"][0]!, 9);
        Assert.Equal(6.0, (double)rows["amount"][1]!, 9);
        Assert.Equal([5L, 0L], rows["quantity"].Cast<long?>().Select(q => q!.Value));
        Assert.Equal([false, false], rows["is_return"].Cast<bool?>().Select(b => b!.Value));
    }

    [Fact]
    public void An_expression_naming_a_header_the_file_lacks_is_a_file_error_naming_the_column()
    {
        using var dir = new TempDirectory();
        dir.Write("lines.csv", "Invoice,Customer,Date,Quantity,Unit Price\nA1,C1,2026-01-05,2,2.95\n");
        var e = Assert.Throws<DataFileException>(() => DataWorkspace.Load(dir.Path, new IngestOptions(AsOf, Invoices)));
        Assert.Equal(("amount", 1L), (e.Column, e.Row));
        Assert.Contains("reads 'Qty', but the header has no such column", e.Message);
    }

    [Fact]
    public void A_transaction_id_joined_from_two_headers_identifies_a_marketplace_sale()
    {
        using var dir = new TempDirectory();
        dir.Write("transactions.csv", "order_id,seller_id,order_date,price,freight\nO1,S1,2026-01-05,10,1.5\nO1,S2,2026-01-05,20,2\nO2,S1,2026-01-06,5,0\n");
        var mapping = SchemaMapping.Parse("""
            { "tables": { "transactions": { "columns": { "transaction_id": "= order_id || '/' || seller_id", "customer_id": "seller_id",
                "timestamp": "order_date", "amount": "= price + coalesce(freight, 0)" } } } }
            """, "schema.json");
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf, mapping));
        Assert.Empty(ws.Report.Rejects);
        var rows = ws.Table("transactions");
        Assert.Equal(["O1/S1", "O1/S2", "O2/S1"], rows["transaction_id"].Cast<string>());
        Assert.Equal([11.5, 22.0, 5.0], rows["amount"].Cast<double?>().Select(a => a!.Value));
    }
}
