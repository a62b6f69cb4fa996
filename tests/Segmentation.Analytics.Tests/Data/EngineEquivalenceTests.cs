using System.Globalization;
using Microsoft.Data.Analysis;
using Npgsql;
using Segmentation.Data;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Engines;
using Segmentation.Data.Postgres;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Tests.Data;

public sealed class EngineEquivalenceTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);

    /// <summary>A small, seeded transaction file with returns, online/offline channels, campaigns and a few bad rows.</summary>
    internal static void WriteTransactions(string path, int customers, int rows, int seed)
    {
        var rng = new Random(seed);
        string[] channels = ["web", "app", "store", "phone"], categories = ["apparel", "beauty", "home", "sports"];
        using var w = new StreamWriter(path) { NewLine = "\n" };
        w.WriteLine("transaction_id,customer_id,timestamp,amount,cost,quantity,channel,category,region,campaign_id,is_return");
        for (int i = 0; i < rows; i++)
        {
            var c = $"C{rng.Next(customers):D5}";
            var ts = new DateTime(2025, 1, 1).AddMinutes(rng.Next(0, 660 * 24 * 60));
            bool ret = rng.NextDouble() < 0.04;
            double amount = Math.Round(5 + rng.NextDouble() * 300, 2) * (ret ? -1 : 1);
            string amountText = amount.ToString("F2", CultureInfo.InvariantCulture);
            if (i % 997 == 5) amountText = "n/a";            // type error
            if (i % 1499 == 7) amountText = "0";              // zero amount
            string cost = ret ? "" : (Math.Abs(amount) * 0.6).ToString("F2", CultureInfo.InvariantCulture);
            string campaign = rng.NextDouble() < 0.1 ? "K1" : "";
            w.WriteLine($"T{i:D7},{c},{ts:yyyy-MM-dd HH:mm:ss},{amountText},{cost},{rng.Next(1, 4)},{channels[rng.Next(4)]},{categories[rng.Next(4)]},east,{campaign},{(ret ? 1 : 0)}");
            if (i % 1777 == 3) w.WriteLine($"T{i:D7},{c},{ts:yyyy-MM-dd HH:mm:ss},{amountText},,,,,,,0"); // duplicate id
        }
    }

    [Fact]
    public void Duckdb_and_postgres_return_identical_customer_aggregates_and_rejects()
    {
        using var dir = new TempDirectory();
        var file = dir.File("transactions.csv");
        WriteTransactions(file, customers: 400, rows: 12_000, seed: 7);

        using var duck = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        var fromDuck = duck.Query(CustomerAggregateQuery.Render(duck.Dialect, AsOf));

        using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        admin.Open();
        var schema = PostgresServer.CreateSchema(admin);
        try
        {
            PostgresServer.LoadCsv(admin, schema, "transactions", file);
            using var pg = PostgresWorkspace.Load(PostgresServer.ConnectionString, new IngestOptions(AsOf), schema);
            var fromPg = pg.Query(CustomerAggregateQuery.Render(pg.Dialect, AsOf));

            var duckTx = duck.Report.For("transactions")!;
            var pgTx = pg.Report.For("transactions")!;
            Assert.True(duckTx.Reconciles);
            Assert.True(pgTx.Reconciles);
            Assert.Equal(duckTx.RowsRead, pgTx.RowsRead);
            Assert.Equal(duckTx.RowsAccepted, pgTx.RowsAccepted);
            Assert.Equal(duckTx.RejectsByRule, pgTx.RejectsByRule);
            Assert.Contains(duckTx.RejectsByRule, kv => kv.Key == RejectRules.Duplicate);
            // A server table has no row order of its own (COPY may fill earlier pages later), so rows are compared by content.
            static string[] Keyed(IEnumerable<Reject> rejects) => rejects.Select(r => $"{r.Column}|{r.Rule}|{r.Value}").Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(Keyed(duckTx.Rejects), Keyed(pgTx.Rejects));

            AssertFramesIdentical(fromDuck, fromPg);
            Assert.Equal(400, fromDuck.Rows.Count);
        }
        finally
        {
            PostgresServer.DropSchema(admin, schema);
        }
    }

    internal static void AssertFramesIdentical(DataFrame expected, DataFrame actual)
    {
        Assert.Equal(expected.Columns.Select(c => c.Name), actual.Columns.Select(c => c.Name));
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        foreach (var column in expected.Columns)
        {
            var other = actual.Columns[column.Name];
            Assert.Equal(column.DataType, other.DataType);
            for (long i = 0; i < column.Length; i++)
                Assert.True(Equals(column[i], other[i]), $"column {column.Name}, row {i}: {column[i]} vs {other[i]}");
        }
    }
}

public sealed class ParquetSourceTests
{
    [Fact]
    public void Parquet_read_in_place_gives_the_same_rows_rejects_and_aggregates_as_csv()
    {
        using var dir = new TempDirectory();
        var csv = dir.File("transactions.csv");
        EngineEquivalenceTests.WriteTransactions(csv, customers: 300, rows: 6_000, seed: 11);
        var asOf = new DateTime(2026, 10, 31);
        using var fromCsv = DataWorkspace.Create(new IngestOptions(asOf));
        var a = fromCsv.Ingest("transactions", csv);

        // The same rows as Parquet, typed where the CSV is clean (amount stays text: it holds "n/a").
        var parquet = dir.File("transactions.parquet");
        fromCsv.Execute($"COPY (SELECT * REPLACE (CAST(\"timestamp\" AS TIMESTAMP) AS \"timestamp\", CAST(quantity AS BIGINT) AS quantity) FROM read_csv('{csv}', header = true, all_varchar = true)) TO '{parquet}' (FORMAT parquet)");
        using var fromParquet = DataWorkspace.Create(new IngestOptions(asOf));
        var b = fromParquet.Ingest("transactions", parquet);

        Assert.Equal(a.RowsRead, b.RowsRead);
        Assert.Equal(a.RowsAccepted, b.RowsAccepted);
        Assert.True(b.Reconciles);
        // CSV rows count the header line; Parquet records do not.
        Assert.Equal(a.Rejects.Select(r => (r.Row - 1, r.Column, r.Rule)), b.Rejects.Select(r => (r.Row, r.Column, r.Rule)));
        EngineEquivalenceTests.AssertFramesIdentical(
            fromCsv.Query(CustomerAggregateQuery.Render(fromCsv.Dialect, asOf)),
            fromParquet.Query(CustomerAggregateQuery.Render(fromParquet.Dialect, asOf)));
        EngineEquivalenceTests.AssertFramesIdentical(fromCsv.Table("transactions"), fromParquet.Table("transactions"));
    }
}
