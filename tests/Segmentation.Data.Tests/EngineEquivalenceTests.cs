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

    [Trait("Requires", "PostgreSQL")]
    [Fact]
    public void Duckdb_and_postgres_read_us_dates_utc_offsets_missing_tokens_and_open_code_lists_alike()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("transactions.csv", "transaction_id,customer_id,timestamp,amount,quantity,channel\n" +
            "T1,C1,12/1/2010 8:26,10.5,2,web\nT2,C1,1/13/2011 17:05,3,1,fax\nT3,C2,6/9/2011 9:00,0,N/A,kiosk\nT4,C2,2011-06-10T10:00:00+08:00,4,x,store\n" +
            "T5,NA,2011-06-10T03:00:00Z,5,1,-\nT6,C3,26-01-05,6,1,web\n");
        var mapping = SchemaMapping.Parse("""{ "tables": { "transactions": { "timezone": "Asia/Shanghai" } } }""", "schema.json");
        using var duck = DataWorkspace.Create(new IngestOptions(AsOf, mapping));
        var fromDuck = duck.Ingest("transactions", file);

        using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        admin.Open();
        var schema = PostgresServer.CreateSchema(admin);
        try
        {
            PostgresServer.LoadCsv(admin, schema, "transactions", file);
            using var pg = PostgresWorkspace.Load(PostgresServer.ConnectionString, new IngestOptions(AsOf, mapping), schema);
            var fromPg = pg.Report.For("transactions")!;
            Assert.Equal(fromDuck.RejectsByRule, fromPg.RejectsByRule);
            Assert.Equal(fromDuck.Rejects.Select(r => (r.Column, r.Rule)), fromPg.Rejects.Select(r => (r.Column, r.Rule)));
            Assert.Equal(fromDuck.FieldRejects.Select(r => (r.Column, r.Rule, r.Value)), fromPg.FieldRejects.Select(r => (r.Column, r.Rule, r.Value)));
            Assert.Equal(fromDuck.Warnings.Select(w => (w.Column, w.Code, w.Rows)), fromPg.Warnings.Select(w => (w.Column, w.Code, w.Rows)));
            Frames.AssertIdentical(duck.Table("transactions"), pg.Table("transactions"));
            Assert.Equal(new DateTime(2011, 1, 13, 17, 5, 0), duck.Scalar<DateTime>("SELECT \"timestamp\" FROM transactions WHERE transaction_id = 'T2'"));
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
