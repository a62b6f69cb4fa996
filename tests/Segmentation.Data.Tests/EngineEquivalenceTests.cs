using System.Globalization;
using Microsoft.Data.Analysis;
using Npgsql;
using Segmentation.Data;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Engines;
using Segmentation.Data.Postgres;
using Segmentation.Analytics.Features;

namespace Segmentation.Data.Tests;

public sealed class EngineEquivalenceTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);

    [Trait("Requires", "PostgreSQL")]
    [Fact]
    public void Duckdb_and_postgres_return_identical_customer_aggregates_and_rejects()
    {
        using var dir = new TempDirectory();
        var file = dir.File("transactions.csv");
        GeneratedTransactions.Write(file, customers: 400, rows: 12_000, seed: 7);

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

            Frames.AssertIdentical(fromDuck, fromPg);
            Assert.Equal(400, fromDuck.Rows.Count);
        }
        finally
        {
            PostgresServer.DropSchema(admin, schema);
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
        GeneratedTransactions.Write(csv, customers: 300, rows: 6_000, seed: 11);
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
        Frames.AssertIdentical(
            fromCsv.Query(CustomerAggregateQuery.Render(fromCsv.Dialect, asOf)),
            fromParquet.Query(CustomerAggregateQuery.Render(fromParquet.Dialect, asOf)));
        Frames.AssertIdentical(fromCsv.Table("transactions"), fromParquet.Table("transactions"));
    }
}
