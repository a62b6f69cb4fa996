using Segmentation.Data;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Tests;

/// <summary>The "query" of an import spec: a read-only SELECT joining the files of a multi-table export, confined to its directory.</summary>
public sealed class QueryTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);

    private static TempDirectory Export()
    {
        var dir = new TempDirectory();
        dir.Write("orders.csv", "order_id,buyer,placed_at\nO1,B1,2026-01-05 10:00:00\nO2,B2,2026-01-06 11:00:00\nO3,B1,2026-02-01 09:30:00\n");
        dir.Write("items.csv", "order_id,sku,qty,price\nO1,S1,2,2.50\nO1,S2,1,10\nO2,S1,1,2.50\nO3,S3,3,1\n");
        dir.Write("buyers.csv", "buyer,country\nB1,north\nB2,south\n");
        return dir;
    }

    private const string Join = """
        { "tables": {
            "transactions": { "query": "SELECT o.order_id AS transaction_id, o.buyer AS customer_id, o.placed_at AS \"timestamp\", sum(i.qty * i.price) AS amount, sum(i.qty) AS quantity, b.country AS region FROM 'orders.csv' o JOIN 'items.csv' i USING (order_id) JOIN 'buyers.csv' b ON b.buyer = o.buyer GROUP BY ALL ORDER BY 1" },
            "customers": { "query": "SELECT buyer AS customer_id, country AS region FROM read_csv('buyers.csv') ORDER BY 1" } } }
        """;

    [Fact]
    public void A_three_table_export_is_joined_by_a_query_when_the_schema_is_passed_explicitly()
    {
        using var dir = Export();
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf, SchemaMapping.Parse(Join, "schema.json")));
        var tx = ws.Report.For("transactions")!;
        Assert.Equal("query:transactions", tx.File);
        Assert.Equal(3, tx.RowsAccepted);
        Assert.True(ws.Report.Reconciles);
        var rows = ws.Table("transactions");
        Assert.Equal(["O1", "O2", "O3"], rows["transaction_id"].Cast<string>());
        Assert.Equal([15.0, 2.5, 3.0], rows["amount"].Cast<double?>().Select(a => a!.Value));
        Assert.Equal(["north", "south", "north"], rows["region"].Cast<string>());
        Assert.Equal(["north", "south"], ws.Table("customers")["region"].Cast<string>());
    }

    [Fact]
    public void A_query_in_the_data_directorys_own_schema_runs_only_when_allowed()
    {
        using var dir = Export();
        dir.Write("schema.json", Join);
        var e = Assert.Throws<DataFileException>(() => DataWorkspace.Load(dir.Path, new IngestOptions(AsOf)));
        Assert.Contains("--allow-queries", e.Message);
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf, AllowQueries: true));
        Assert.Equal(3, ws.Report.For("transactions")!.RowsAccepted);
    }

    [Theory]
    [InlineData("SELECT * FROM read_csv('/etc/hostname')")]
    [InlineData("SELECT * FROM read_csv('../outside.csv')")]
    [InlineData("SELECT * FROM read_text('/etc/passwd')")]
    public void A_query_that_reads_outside_the_data_directory_is_refused(string query)
    {
        using var outer = new TempDirectory();
        outer.Write("outside.csv", "transaction_id,customer_id,timestamp,amount\nT1,C1,2026-01-05,1\n");
        var inner = Directory.CreateDirectory(Path.Combine(outer.Path, "export")).FullName;
        var mapping = SchemaMapping.Default.With("transactions", new TableMapping { Query = query });
        var e = Assert.Throws<DataFileException>(() => DataWorkspace.Load(inner, new IngestOptions(AsOf, mapping)));
        Assert.Contains("the query of table 'transactions' cannot run", e.Message);
        Assert.Contains("outside the data directory", e.Message);
    }

    [Theory]
    [InlineData("COPY (SELECT 1) TO 'x.csv'")]
    [InlineData("SELECT 1; SELECT 2")]
    [InlineData("ATTACH 'x.db'")]
    [InlineData("SET enable_external_access = true")]
    public void Anything_but_one_select_is_refused(string query)
    {
        using var dir = Export();
        var mapping = SchemaMapping.Default.With("transactions", new TableMapping { Query = query });
        var e = Assert.Throws<DataFileException>(() => DataWorkspace.Load(dir.Path, new IngestOptions(AsOf, mapping)));
        Assert.Contains("the query of table 'transactions'", e.Message);
    }

    [Fact]
    public void A_schema_found_in_the_data_directory_cannot_name_a_file_outside_it()
    {
        using var outer = new TempDirectory();
        outer.Write("secret.csv", "transaction_id,customer_id,timestamp,amount\nT1,C1,2026-01-05,1\n");
        var inner = Directory.CreateDirectory(Path.Combine(outer.Path, "export")).FullName;
        File.WriteAllText(Path.Combine(inner, "schema.json"), """{ "tables": { "transactions": { "file": "../secret.csv" } } }""");
        var e = Assert.Throws<DataFileException>(() => DataWorkspace.Load(inner, new IngestOptions(AsOf)));
        Assert.Contains("outside it", e.Message);
    }
}
