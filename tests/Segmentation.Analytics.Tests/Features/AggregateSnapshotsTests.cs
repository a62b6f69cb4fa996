using Microsoft.Data.Analysis;
using Npgsql;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Statistics;
using Segmentation.Data;
using Segmentation.Data.Postgres;
using Segmentation.Data.Sql;
using Segmentation.Testing;

namespace Segmentation.Analytics.Tests.Features;

/// <summary>
/// Issue 18: the per-customer aggregates of several snapshots computed in one pass (<see cref="CustomerAggregateQuery.RenderSnapshots"/>,
/// <see cref="CustomerAggregateSnapshots"/>) are the one-snapshot query's rows, bit for bit, and feature tables built from them are
/// the same tables — on hand-made tables, the bundled sample, Online Retail line items (returns, many lines a day) and CDNOW.
/// </summary>
public sealed class AggregateSnapshotsTests
{
    public static TheoryData<string> DataSets => ["hand-made", "sample", "online-retail", "cdnow"];

    private static (DataWorkspace Workspace, DateTime[] Snapshots, IDisposable? Owned) Open(string name)
    {
        switch (name)
        {
            case "hand-made":
            {
                var dir = new TempDirectory();
                HandMadeTables.Write(dir);
                // Before any data, mid-month, a month end, after every transaction.
                return (DataWorkspace.Load(dir.Path, new IngestOptions(new DateTime(2026, 12, 31))),
                    [new(2025, 12, 31), new(2026, 3, 15), new(2026, 7, 1), new(2026, 10, 31), new(2026, 12, 31)], dir);
            }
            case "sample":
                return (Load(RepoPaths.Data("sample"), new DateTime(2026, 10, 31)), [new(2025, 10, 31), new(2026, 9, 30), new(2026, 10, 31)], null);
            case "online-retail":
                return (Load(RepoPaths.Data("real", "online_retail"), new DateTime(2011, 12, 9)), [new(2010, 12, 31), new(2011, 8, 31), new(2011, 9, 30)], null);
            case "cdnow":
                return (Load(RealData.CdnowMasterDirectory, RealData.CdnowEnd), [new(1997, 3, 31), new(1997, 9, 30), new(1998, 6, 30)], null);
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    private static DataWorkspace Load(string directory, DateTime asOf)
    {
        var spec = Path.Combine(directory, "schema.json");
        return DataWorkspace.Load(directory, new IngestOptions(asOf, File.Exists(spec) ? SchemaMapping.Load(spec) : null));
    }

    private static DataFrame Ordered(ISqlEngine engine, string sql)
    {
        var f = engine.Query(sql);
        return f.Rows.Count == 0 ? f : Frames.SortedById(f);
    }

    /// <summary>Runs the one-pass statements into a table, reads it, drops it; the helper tables are gone too.</summary>
    private static DataFrame AllSnapshots(ISqlEngine engine, DateTime[] snapshots)
    {
        foreach (var statement in CustomerAggregateQuery.RenderSnapshots(engine.Dialect, snapshots, "test_aggregates")) engine.Execute(statement);
        var all = engine.Query("SELECT * FROM test_aggregates");
        engine.Execute("DROP TABLE test_aggregates");
        Assert.Equal(0, TablesNamed(engine, "test_aggregates"));
        return all;
    }

    /// <summary>Engine tables whose name starts with <paramref name="prefix"/> (the result table and its helpers).</summary>
    private static long TablesNamed(ISqlEngine engine, string prefix) =>
        engine.Read($"SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '{prefix}%'", r => { r.Read(); return r.GetInt64(0); });

    /// <summary>The rows of <paramref name="all"/> at snapshot <paramref name="k"/> without the snap column.</summary>
    private static DataFrame At(DataFrame all, int k)
    {
        var snap = all.Columns["snap"];
        var rows = Enumerable.Range(0, (int)all.Rows.Count).Where(i => (long)snap[i] == k).Select(i => (long)i).ToArray();
        var columns = all.Columns.Where(c => c.Name != "snap");
        return Frames.SortedById(new DataFrame(columns.Select(c => c.Clone(new Int64DataFrameColumn("__rows", rows)))));
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void One_pass_over_several_snapshots_gives_each_snapshots_aggregates(string name)
    {
        var (ws, snapshots, owned) = Open(name);
        using (owned)
        using (ws)
        {
            var all = AllSnapshots(ws, snapshots);
            Assert.Equal(["snap", .. CustomerAggregateQuery.Columns], all.Columns.Select(c => c.Name));
            long total = 0;
            for (int k = 0; k < snapshots.Length; k++)
            {
                var expected = Ordered(ws, CustomerAggregateQuery.Render(ws.Dialect, snapshots[k]));
                total += expected.Rows.Count;
                if (expected.Rows.Count == 0)
                    Assert.DoesNotContain(k, all.Columns["snap"].Cast<long>()); // e.g. a snapshot before any data
                else
                    Frames.AssertIdentical(expected, At(all, k));
            }
            Assert.Equal(total, all.Rows.Count);
            // The data sets exercise growth between snapshots (otherwise the test would compare one table with itself).
            if (name != "hand-made")
                Assert.True(At(all, 0).Rows.Count < At(all, snapshots.Length - 1).Rows.Count);
        }
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void Feature_tables_from_prepared_aggregates_are_the_same_tables(string name)
    {
        var (ws, snapshots, owned) = Open(name);
        using (owned)
        using (ws)
        {
            // Unordered and with a repeat: Prepare sorts and de-duplicates.
            using var prepared = CustomerAggregateSnapshots.Prepare(ws, [.. snapshots.Reverse(), snapshots[0]]);
            Assert.Equal(snapshots, prepared.Snapshots);
            var slim = new FeatureTableOptions { Columns = ["recency_days", "frequency", "monetary", "orders", "avg_order_value"] };
            foreach (var snapshot in snapshots)
            {
                Frames.AssertIdentical(CustomerFeatureTable.Build(ws, snapshot), CustomerFeatureTable.Build(ws, snapshot, FeatureTableOptions.Default with { Aggregates = prepared }));
                Frames.AssertIdentical(CustomerFeatureTable.Build(ws, snapshot, slim), CustomerFeatureTable.Build(ws, snapshot, slim with { Aggregates = prepared }));
            }
            // A day that was not prepared is aggregated from the transactions.
            var other = snapshots[0].AddDays(1);
            Assert.Null(prepared.Source(ws.Dialect, other));
            Frames.AssertIdentical(CustomerFeatureTable.Build(ws, other), CustomerFeatureTable.Build(ws, other, FeatureTableOptions.Default with { Aggregates = prepared }));
            prepared.Dispose();
            Assert.Equal(0, TablesNamed(ws, CustomerAggregateSnapshots.TableName));
            Assert.Empty(prepared.Snapshots);
        }
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void Windows_and_customer_summaries_from_the_purchase_day_pass_are_those_of_their_own_queries(string name)
    {
        var (ws, snapshots, owned) = Open(name);
        using (owned)
        using (ws)
        {
            // The windows of the first and the last snapshot (as the monthly job asks), and one ending on a middle snapshot; the
            // customer summaries at the last snapshot and the end of the month before it.
            DateTime[] ends = [snapshots[0], snapshots[^1], snapshots[1]];
            var later = DateOnly.FromDateTime(snapshots[^1]);
            var earlier = new DateOnly(later.Year, later.Month, 1).AddDays(-1);
            var pass = new PurchaseDayPass([.. ends.Select(e => (WindowFeatures.WindowStart(e), e.AddDays(1)))],
                CustomerSummaryQuery.DayAggregatesAtTwoEnds(ws.Dialect, earlier));
            using var prepared = CustomerAggregateSnapshots.Prepare(ws, snapshots, pass);
            Assert.NotNull(prepared.PurchaseDaysInWindows);
            Assert.Equal(ends.Length, prepared.PurchaseDaysInWindows.Count);
            for (int j = 0; j < ends.Length; j++)
                Assert.Equal(WindowFeatures.Orders12MonthsAt(ws, ends[j]).Order(), prepared.PurchaseDaysInWindows[j].Order());
            if (name != "hand-made") Assert.NotEmpty(prepared.PurchaseDaysInWindows[1]);

            // The summaries read from the pass's table are the rows of the query over the transactions, at both ends.
            Assert.NotNull(prepared.DaysTable);
            ws.Execute(ws.Dialect.CreateTempTableAs("test_summaries", CustomerSummaryQuery.RenderAtTwoEndsFromDays(ws.Dialect, earlier, later, prepared.DaysTable)));
            var fromPass = CustomerSummaryAtTwoEnds.ReadTable(ws, later, earlier, "test_summaries");
            var fromTransactions = CustomerSummaryAtTwoEnds.Read(ws, later, earlier);
            Assert.Equal(fromTransactions.Later, fromPass.Later);
            Assert.Equal(fromTransactions.Earlier, fromPass.Earlier);
            Assert.NotEmpty(fromPass.Later);
            Assert.Equal(fromTransactions.Later, CustomerSummaryAtTwoEnds.ReadTable(ws, later, null, "test_summaries").Later);
            ws.Execute("DROP TABLE test_summaries");

            // The aggregates are those of the plain pass; the pass's table goes when asked or at the end.
            foreach (var snapshot in snapshots)
                Frames.AssertIdentical(CustomerFeatureTable.Build(ws, snapshot), CustomerFeatureTable.Build(ws, snapshot, FeatureTableOptions.Default with { Aggregates = prepared }));
            prepared.DropDaysTable();
            Assert.Null(prepared.DaysTable);
            Assert.Equal(0, TablesNamed(ws, CustomerAggregateSnapshots.TableName + "_days"));
            // Windows alone: counted, and the table is not kept.
            using var windowsOnly = CustomerAggregateSnapshots.Prepare(ws, snapshots, pass with { Aggregates = [] });
            Assert.Null(windowsOnly.DaysTable);
            Assert.Equal(prepared.PurchaseDaysInWindows[1].Order(), windowsOnly.PurchaseDaysInWindows![1].Order());
        }
    }

    [Fact]
    public void Day_windows_must_be_whole_days_ending_by_the_last_snapshot()
    {
        var d = DuckDbDialect.Instance;
        DateTime[] snapshots = [new(2026, 1, 31), new(2026, 2, 28)];
        static PurchaseDayPass Window(DateTime start, DateTime end) => new([(start, end)], []);
        Assert.Throws<ArgumentException>(() => CustomerAggregateQuery.RenderSnapshots(d, snapshots, "t", Window(new DateTime(2026, 1, 1), new DateTime(2026, 3, 2))));
        Assert.Throws<ArgumentException>(() => CustomerAggregateQuery.RenderSnapshots(d, snapshots, "t", Window(new DateTime(2026, 1, 1, 6, 0, 0), new DateTime(2026, 2, 1))));
        Assert.Throws<ArgumentException>(() => CustomerAggregateQuery.RenderSnapshots(d, snapshots, "t", Window(new DateTime(2026, 2, 1), new DateTime(2026, 2, 1))));
        Assert.NotEmpty(CustomerAggregateQuery.RenderSnapshots(d, snapshots, "t", Window(new DateTime(2025, 3, 1), new DateTime(2026, 3, 1))));
    }

    [Fact]
    public void Snapshots_must_be_ascending_distinct_days()
    {
        var d = DuckDbDialect.Instance;
        Assert.Throws<ArgumentException>(() => CustomerAggregateQuery.RenderSnapshots(d, [], "t"));
        Assert.Throws<ArgumentException>(() => CustomerAggregateQuery.RenderSnapshots(d, [new(2026, 2, 1), new(2026, 1, 1)], "t"));
        Assert.Throws<ArgumentException>(() => CustomerAggregateQuery.RenderSnapshots(d, [new(2026, 1, 1), new(2026, 1, 1, 12, 0, 0)], "t"));
    }

    [Fact]
    public void Feature_table_rows_are_in_ordinal_order_even_where_the_engine_sorts_differently()
    {
        // DuckDB sorts text by UTF-8 bytes: U+E000 (EE 80 80) before U+1F600 (F0 9F 98 80). .NET's ordinal order compares UTF-16
        // code units: the surrogate D83D of U+1F600 comes before E000. The table must follow the ordinal order.
        using var dir = new TempDirectory();
        dir.Write("transactions.csv", "transaction_id,customer_id,timestamp,amount\n" +
            "T1,K\uE000,2026-01-10 09:00:00,10.00\nT2,K\U0001F600,2026-01-11 09:00:00,20.00\n" +
            "T3,A1,2026-01-12 09:00:00,30.00\nT4,Z9,2026-01-13 09:00:00,40.00\n");
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(new DateTime(2026, 12, 31)));
        var ids = CustomerFeatureTable.Build(ws, new DateTime(2026, 10, 31)).Columns["customer_id"].Cast<string>().ToArray();
        Assert.Equal(["A1", "K\U0001F600", "K\uE000", "Z9"], ids);
        Assert.True(string.CompareOrdinal("K\U0001F600", "K\uE000") < 0);
        // The engine's own order differs: the check-and-sort is what makes the table ordinal.
        var engineOrder = ws.Query("SELECT customer_id FROM transactions ORDER BY customer_id").Columns["customer_id"].Cast<string>().ToArray();
        Assert.Equal(["A1", "K\uE000", "K\U0001F600", "Z9"], engineOrder);
    }

    [Fact]
    [Trait("Requires", "PostgreSQL")]
    public void Postgres_gives_the_same_aggregates_in_one_pass()
    {
        using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        admin.Open();
        string schema = PostgresServer.CreateSchema(admin);
        try
        {
            var directory = RepoPaths.Data("sample");
            foreach (var table in DataModel.All)
            {
                var csv = Path.Combine(directory, table.Name + ".csv");
                if (File.Exists(csv)) PostgresServer.LoadCsv(admin, schema, table.Name, csv);
            }
            var asOf = new DateTime(2026, 10, 31);
            var spec = Path.Combine(directory, "schema.json");
            using var pg = PostgresWorkspace.Load(PostgresServer.ConnectionString, new IngestOptions(asOf, SchemaMapping.Load(spec)), schema);
            DateTime[] snapshots = [new(2025, 10, 31), new(2026, 9, 30), asOf];
            var all = AllSnapshots(pg, snapshots);
            for (int k = 0; k < snapshots.Length; k++)
                Frames.AssertIdentical(Ordered(pg, CustomerAggregateQuery.Render(pg.Dialect, snapshots[k])), At(all, k));
            var earlier = new DateOnly(2026, 9, 30);
            using var prepared = CustomerAggregateSnapshots.Prepare(pg, snapshots,
                new PurchaseDayPass([(WindowFeatures.WindowStart(asOf), asOf.AddDays(1))], CustomerSummaryQuery.DayAggregatesAtTwoEnds(pg.Dialect, earlier)));
            Assert.Equal(snapshots, prepared.Snapshots);
            Assert.Equal(WindowFeatures.Orders12MonthsAt(pg, asOf).Order(), prepared.PurchaseDaysInWindows![0].Order());
            pg.Execute(pg.Dialect.CreateTempTableAs("test_summaries", CustomerSummaryQuery.RenderAtTwoEndsFromDays(pg.Dialect, earlier, DateOnly.FromDateTime(asOf), prepared.DaysTable!)));
            var fromPass = CustomerSummaryAtTwoEnds.ReadTable(pg, DateOnly.FromDateTime(asOf), earlier, "test_summaries");
            var fromTransactions = CustomerSummaryAtTwoEnds.Read(pg, DateOnly.FromDateTime(asOf), earlier);
            Assert.Equal(fromTransactions.Later, fromPass.Later);
            Assert.Equal(fromTransactions.Earlier, fromPass.Earlier);
            foreach (var snapshot in snapshots)
                Frames.AssertIdentical(CustomerFeatureTable.Build(pg, snapshot), CustomerFeatureTable.Build(pg, snapshot, FeatureTableOptions.Default with { Aggregates = prepared }));
        }
        finally
        {
            PostgresServer.DropSchema(admin, schema);
        }
    }
}
