using System.Globalization;
using CsCheck;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Statistics;

namespace Segmentation.Data.Tests;

/// <summary>
/// The in-process snapshot aggregates (<see cref="CustomerAggregatePass.TryPrepareSnapshots"/>, reached through
/// <see cref="CustomerAggregateSnapshots.Prepare(Segmentation.Analytics.Engines.ISqlEngine, IEnumerable{DateTime}, PurchaseDayPass, bool)"/>)
/// leave exactly the tables of the SQL definition (<see cref="CustomerAggregateQuery.RenderSnapshots(Segmentation.Analytics.Engines.SqlDialect, IReadOnlyList{DateTime}, string, PurchaseDayPass, string)"/>):
/// same columns and types, rows, NULLs, doubles bit for bit; the same purchase days in the windows; and what the monthly job derives from
/// them (the customer summaries at two ends, the feature tables at each snapshot) is the same. Outside what the pass does exactly it
/// leaves the work to the SQL: the same tables, or the SQL's own exception.
/// </summary>
public sealed class SnapshotAggregatePassTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);

    private const string CanonicalColumns = "transaction_id, customer_id, \"timestamp\", amount, cost, quantity, channel, category, region, campaign_id, is_return";

    private const string TxHeader = "transaction_id,customer_id,timestamp,amount,cost,quantity,channel,category,region,campaign_id,is_return";

    /// <summary>Everything one <see cref="CustomerAggregateSnapshots.Prepare(Segmentation.Analytics.Engines.ISqlEngine, IEnumerable{DateTime}, PurchaseDayPass, bool)"/>
    /// leaves, read before it is disposed.</summary>
    private sealed record Prepared(bool InProcess, IReadOnlyList<DateTime> Snapshots, DataFrame Aggregates, DataFrame AggregateColumns,
        string? DaysTable, DataFrame? Days, DataFrame? DaysColumns, double[][]? Windows, DataFrame? Summaries, DataFrame[] Features,
        CustomerSummaryAtTwoEnds? HeldSummaries, (DataFrame Buyers, long Customers)[] BuyerTables, (int[] Rows, DataFrame Buyers)[] DrawnTables);

    private static DataFrame Columns(DataWorkspace ws, string table) =>
        ws.Query($"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position");

    private static Prepared Run(DataWorkspace ws, IEnumerable<DateTime> snapshots, PurchaseDayPass dayPass, bool inProcess, bool features)
    {
        using var prepared = CustomerAggregateSnapshots.Prepare(ws, snapshots, dayPass, inProcess);
        // The summaries held in process first, before anything asks for the days table.
        var heldSummaries = (prepared.Held as IHeldForEvaluation)?.Summaries?.Read(withEarlier: true);
        // The feature tables first: from the held aggregates, before anything asks for their table.
        var tables = features
            ? prepared.Snapshots.Select(day => CustomerFeatureTable.Build(ws, day, FeatureTableOptions.Default with { Aggregates = prepared })).ToArray()
            : [];
        // The buyers' rows alone: from the held aggregates exactly when the whole table is. Then some of those rows, drawn as a
        // training sample is (a third of the buyers, seeded by the day): right after the buyers' table of the same day (as the
        // monthly job does, reusing its numbering), and again after another table (numbering them afresh): the same table.
        var buyerTables = new (DataFrame Buyers, long Customers)[features ? prepared.Snapshots.Count : 0];
        var drawnTables = new (int[] Rows, DataFrame Buyers)[buyerTables.Length];
        for (int k = 0; k < buyerTables.Length; k++)
        {
            var day = prepared.Snapshots[k];
            var options = FeatureTableOptions.Default with { Aggregates = prepared };
            buyerTables[k] = CustomerFeatureTable.BuildBuyers(ws, day, options);
            int buyers = (int)buyerTables[k].Buyers.Rows.Count;
            var rows = buyers == 0 ? [] : SegmentationModelBuilder.SampleRows(buyers, Math.Max(1, buyers / 3), day.DayOfYear);
            var (drawn, customers) = CustomerFeatureTable.BuildBuyers(ws, day, options, rows);
            drawnTables[k] = (rows, drawn);
            CustomerFeatureTable.Build(ws, day, options with { Columns = ["recency_days"] });
            var afresh = CustomerFeatureTable.BuildBuyers(ws, day, options, rows);
            Frames.AssertSame(drawn, afresh.Buyers);
            Assert.Equal(buyerTables[k].Customers, customers);
            Assert.Equal(buyerTables[k].Customers, afresh.Customers);
        }
        for (int k = 0; k < buyerTables.Length; k++)
        {
            var day = prepared.Snapshots[k];
            var options = FeatureTableOptions.Default with { Aggregates = prepared };
            var sources = FeatureSources.Detect(ws);
            bool held = prepared.TryFeatureTable(ws.Dialect, day, options, sources) is not null;
            Assert.Equal(held, prepared.TryBuyersTable(ws.Dialect, day, options, sources, null, out _) is not null);
            // Drawn rows are positions in the ordinal order of the ids, which the held rows keep only without supplementary characters.
            var ids = (StringDataFrameColumn)buyerTables[k].Buyers["customer_id"];
            bool supplementary = Enumerable.Range(0, (int)ids.Length).Any(i => ids[i]!.Any(char.IsSurrogate));
            if (buyerTables[k].Buyers.Rows.Count > 0)
                Assert.Equal(held && !supplementary, prepared.TryBuyersTable(ws.Dialect, day, options, sources, [0], out _) is not null);
        }
        prepared.EnsureTable();
        var aggregates = ws.Query($"SELECT * FROM {CustomerAggregateSnapshots.TableName} ORDER BY snap, customer_id");
        var aggregateColumns = Columns(ws, CustomerAggregateSnapshots.TableName);
        DataFrame? days = null, daysColumns = null, summaries = null;
        if (prepared.DaysTable is { } daysTable)
        {
            days = ws.Query($"SELECT * FROM {daysTable} ORDER BY customer_id");
            daysColumns = Columns(ws, daysTable);
            if (dayPass.SummariesEarlierEnd is { } earlier && dayPass.Aggregates.SequenceEqual(CustomerSummaryQuery.DayAggregatesAtTwoEnds(ws.Dialect, earlier)))
            {
                var later = DateOnly.FromDateTime(prepared.Snapshots[^1]);
                summaries = ws.Query(CustomerSummaryQuery.RenderAtTwoEndsFromDays(ws.Dialect, earlier, later, daysTable) + " ORDER BY customer_id");
            }
        }
        var windows = prepared.PurchaseDaysInWindows?.Select(w => w.Order().ToArray()).ToArray();
        return new Prepared(prepared.InProcess, [.. prepared.Snapshots], aggregates, aggregateColumns, prepared.DaysTable, days, daysColumns, windows, summaries, tables,
            heldSummaries, buyerTables, drawnTables);
    }

    /// <summary>
    /// The SQL's tables, then the workspace's own (in process when <paramref name="inProcess"/> is true, by the SQL when false, either
    /// when null): the same in every respect; afterwards no table is left. Returns the SQL's.
    /// </summary>
    private static Prepared AssertPassEqualsSql(DataWorkspace ws, IEnumerable<DateTime> snapshots, PurchaseDayPass dayPass, bool? inProcess = true,
        bool features = true)
    {
        var given = snapshots.ToArray();
        var sql = Run(ws, given, dayPass, inProcess: false, features);
        Assert.False(sql.InProcess);
        var pass = Run(ws, given, dayPass, inProcess: true, features);
        if (inProcess is { } expected) Assert.Equal(expected, pass.InProcess);
        Assert.Equal(sql.Snapshots, pass.Snapshots);
        Frames.AssertSame(sql.AggregateColumns, pass.AggregateColumns);
        Frames.AssertSame(sql.Aggregates, pass.Aggregates);
        Assert.Equal(sql.DaysTable, pass.DaysTable);
        if (sql.Days is not null)
        {
            Frames.AssertSame(sql.DaysColumns!, pass.DaysColumns!);
            Frames.AssertSame(sql.Days, pass.Days!);
        }
        Assert.Equal(sql.Windows is null, pass.Windows is null);
        if (sql.Windows is not null)
        {
            Assert.Equal(sql.Windows.Length, pass.Windows!.Length);
            for (int j = 0; j < sql.Windows.Length; j++)
                Assert.True(sql.Windows[j].SequenceEqual(pass.Windows[j]), $"window {j}: {sql.Windows[j].Length} customers vs {pass.Windows[j].Length}");
        }
        Assert.Equal(sql.Summaries is null, pass.Summaries is null);
        if (sql.Summaries is not null) Frames.AssertSame(sql.Summaries, pass.Summaries!);
        if (pass.InProcess && dayPass.SummariesEarlierEnd is { } earlierEnd && sql.Summaries is not null)
        {
            // The summaries held in process are the rows the churn section reads by SQL from the transactions.
            Assert.NotNull(pass.HeldSummaries);
            var laterEnd = DateOnly.FromDateTime(sql.Snapshots[^1]);
            AssertSameSummaries(CustomerSummaryAtTwoEnds.Read(ws, laterEnd, earlierEnd), pass.HeldSummaries);
        }
        Assert.Equal(sql.Features.Length, pass.Features.Length);
        for (int k = 0; k < sql.Features.Length; k++) Frames.AssertSame(sql.Features[k], pass.Features[k]);
        // The buyers' tables: the whole table's rows with a recency, and its row count, both ways.
        Assert.Equal(sql.Features.Length, pass.BuyerTables.Length);
        for (int k = 0; k < sql.Features.Length; k++)
        {
            Assert.Equal(sql.Features[k].Rows.Count, sql.BuyerTables[k].Customers);
            Assert.Equal(sql.Features[k].Rows.Count, pass.BuyerTables[k].Customers);
            var buyers = CustomerFeatureTable.Buyers(sql.Features[k]);
            Frames.AssertSame(buyers, sql.BuyerTables[k].Buyers);
            Frames.AssertSame(buyers, pass.BuyerTables[k].Buyers);
            // The drawn rows: the whole buyers' table's rows, cloned as the training sample is, both ways.
            Assert.Equal(sql.DrawnTables[k].Rows, pass.DrawnTables[k].Rows);
            var drawn = FrameColumns.CloneRows(buyers, sql.DrawnTables[k].Rows);
            Frames.AssertSame(drawn, sql.DrawnTables[k].Buyers);
            Frames.AssertSame(drawn, pass.DrawnTables[k].Buyers);
        }
        // No uploaded table of drawn customers is left.
        Assert.Equal(0L, ws.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '%drawn%'"));
        // Dispose dropped the tables of both.
        Assert.Equal(0L, ws.Scalar<long>($"SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '{CustomerAggregateSnapshots.TableName}%'"));
        return sql;
    }

    /// <summary>Both ends' rows alike: ids in the same order, every figure equal (the amounts bit for bit).</summary>
    private static void AssertSameSummaries(CustomerSummaryAtTwoEnds expected, CustomerSummaryAtTwoEnds actual)
    {
        Assert.Equal(expected.LaterEnd, actual.LaterEnd);
        Assert.Equal(expected.EarlierEnd, actual.EarlierEnd);
        static void Same(string end, IReadOnlyList<CustomerSummaryRow> e, IReadOnlyList<CustomerSummaryRow> a)
        {
            Assert.True(e.Count == a.Count, $"{end}: {e.Count} customers by SQL, {a.Count} held");
            for (int i = 0; i < e.Count; i++)
                Assert.True(e[i] == a[i] && BitConverter.DoubleToInt64Bits(e[i].Monetary) == BitConverter.DoubleToInt64Bits(a[i].Monetary),
                    $"{end}, row {i}: SQL {e[i]}, held {a[i]}");
        }
        Same("later end", expected.Later, actual.Later);
        Same("earlier end", expected.Earlier!, actual.Earlier!);
    }

    /// <summary>The pass of the monthly job (MonthlyEvaluation.Run before its feature tables): its snapshots, windows and summaries.</summary>
    private static (DateTime[] Snapshots, PurchaseDayPass DayPass) MonthlyPass(DataWorkspace ws, MonthlyRunOptions options)
    {
        var asOf = options.MonthEnd.ToDateTime(TimeOnly.MinValue);
        var trainingDay = options.EffectiveTrainingSnapshot.ToDateTime(TimeOnly.MinValue);
        var previousEnd = new DateTime(asOf.Year, asOf.Month, 1).AddDays(-1);
        DateTime[] snapshots = [trainingDay, asOf, previousEnd];
        var summaryEarlier = NextPeriodForecast.PreviousEndOf(options.MonthEnd);
        bool summariesInPass = snapshots.Max() == asOf;
        (DateTime, DateTime)[] windows = trainingDay == asOf ? []
            : [(WindowFeatures.WindowStart(trainingDay), trainingDay.AddDays(1)), (WindowFeatures.WindowStart(asOf), asOf.AddDays(1))];
        return (snapshots, new PurchaseDayPass(windows, summariesInPass ? CustomerSummaryQuery.DayAggregatesAtTwoEnds(ws.Dialect, summaryEarlier) : [])
        {
            SummariesEarlierEnd = summariesInPass ? summaryEarlier : null,
        });
    }

    private static PurchaseDayPass Summaries(DataWorkspace ws, DateOnly earlierEnd, params (DateTime, DateTime)[] windows) =>
        new(windows, CustomerSummaryQuery.DayAggregatesAtTwoEnds(ws.Dialect, earlierEnd)) { SummariesEarlierEnd = earlierEnd };

    // ---- 1. data/sample, the monthly job's passes ----

    public static TheoryData<string, string?> SampleMonths => new()
    {
        { "2026-10-01", "2025-11-01" },
        { "2026-09-01", "2025-11-01" },
        // No management start: the training snapshot is the month end (a duplicated snapshot, no windows).
        { "2026-06-01", null },
    };

    [Theory]
    [MemberData(nameof(SampleMonths))]
    public void The_pass_equals_the_sql_on_the_sample_data_with_the_monthly_jobs_snapshots(string month, string? managementStart)
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(AsOf));
        var options = new MonthlyRunOptions(DateOnly.Parse(month, CultureInfo.InvariantCulture),
            ManagementStart: managementStart is null ? null : DateOnly.Parse(managementStart, CultureInfo.InvariantCulture));
        var (snapshots, dayPass) = MonthlyPass(ws, options);
        var sql = AssertPassEqualsSql(ws, snapshots, dayPass);
        Assert.True(sql.Aggregates.Rows.Count > 300, $"{sql.Aggregates.Rows.Count} rows");
        Assert.NotNull(sql.Summaries);
        Assert.True(sql.Summaries.Rows.Count > 100);
        Assert.Equal(dayPass.Windows.Count, sql.Windows?.Length ?? 0);
    }

    // ---- 2. Real exports ----

    [Fact]
    public void The_pass_equals_the_sql_on_online_retail_at_three_months()
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("real", "online_retail"), new IngestOptions(new DateTime(2011, 12, 31)));
        var (snapshots, dayPass) = MonthlyPass(ws, new MonthlyRunOptions(new DateOnly(2011, 9, 1), ManagementStart: new DateOnly(2011, 6, 1)));
        var sql = AssertPassEqualsSql(ws, snapshots, dayPass);
        Assert.Contains(sql.Aggregates["orders"].Cast<long>(), n => n == 0);
        // Three snapshots given out of order, the windows of the drift check alone.
        AssertPassEqualsSql(ws, [new(2011, 12, 9), new(2010, 12, 31), new(2011, 6, 30)],
            new PurchaseDayPass([(new DateTime(2010, 12, 1), new DateTime(2011, 12, 10)), (new DateTime(2011, 6, 1), new DateTime(2011, 7, 1))], []), features: false);
    }

    [Fact]
    public void The_pass_equals_the_sql_on_cdnow_at_three_months()
    {
        using var ws = DataWorkspace.Load(RealData.CdnowRawDirectory, new IngestOptions(RealData.CdnowEnd));
        var (snapshots, dayPass) = MonthlyPass(ws, new MonthlyRunOptions(new DateOnly(1998, 6, 1), ManagementStart: new DateOnly(1997, 7, 1)));
        AssertPassEqualsSql(ws, snapshots, dayPass);
        AssertPassEqualsSql(ws, [new(1997, 1, 31), new(1997, 3, 31)], Summaries(ws, new DateOnly(1997, 2, 28)), features: false);
    }

    // ---- 3. A hand-made table of edge cases ----

    /// <summary>The earlier and later ends of the hand-made table's snapshots.</summary>
    private static readonly DateTime Early = new(2026, 5, 31), Late = new(2026, 6, 15);

    /// <summary>
    /// Rows (canonical columns) around the snapshots <see cref="Early"/> and <see cref="Late"/>: returns-only customers, NULL return flags,
    /// NULL cost/channel/category/campaign, half cents and their negatives, the last microsecond of a snapshot day and the next midnight,
    /// days before 1970, several purchases a day, a customer buying only after the earlier end, ids that sort differently in UTF-16 and bytes.
    /// </summary>
    private const string EdgeRows = """
        ('E01', 'a', TIMESTAMP '2026-06-15 23:59:59.999999', 0.125, 0.005, NULL, 'web', 'apparel', NULL, 'K1', false),
        ('E02', 'a', TIMESTAMP '2026-06-16 00:00:00', 100, NULL, NULL, 'web', 'apparel', NULL, NULL, false),
        ('E03', 'a', TIMESTAMP '2026-06-15 08:00:00', 2.675, 1.005, NULL, 'app', 'apparel', NULL, NULL, false),
        ('E04', 'a', TIMESTAMP '2026-06-15 12:00:00', 1.005, NULL, NULL, 'store', 'home', NULL, 'K2', false),
        ('E05', 'a', TIMESTAMP '2026-05-31 23:59:59.999999', 10, 2.5, NULL, 'phone', 'home', NULL, NULL, false),
        ('E06', 'a', TIMESTAMP '2026-06-01 00:00:00', 0.005, NULL, NULL, NULL, NULL, NULL, NULL, false),
        ('E07', 'a', TIMESTAMP '1950-06-01 10:00:00', -0.125, NULL, NULL, 'web', 'home', NULL, NULL, true),
        ('E08', 'a', TIMESTAMP '2026-05-02 10:00:00', 7, NULL, NULL, 'web', 'home', NULL, NULL, NULL),
        ('E10', 'ret', TIMESTAMP '2026-03-01 09:00:00', -15.50, NULL, NULL, 'web', 'apparel', NULL, NULL, true),
        ('E11', 'ret', TIMESTAMP '2026-06-01 09:00:00', -4.125, 1, NULL, 'store', NULL, NULL, 'K1', true),
        ('E12', 'ret', TIMESTAMP '1969-12-31 23:59:59', -2.675, NULL, NULL, NULL, NULL, NULL, NULL, true),
        ('E13', 'nullflag', TIMESTAMP '2026-04-01 09:00:00', 5.005, NULL, NULL, 'web', 'home', NULL, NULL, NULL),
        ('E14', 'nullflag', TIMESTAMP '2026-06-02 09:00:00', -5.005, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        ('E20', 'b', TIMESTAMP '2026-06-01 00:00:00', 19.99, NULL, NULL, 'store', 'grocery', NULL, NULL, false),
        ('E21', 'b', TIMESTAMP '2026-06-01 00:00:00', 5.005, NULL, NULL, 'store', 'grocery', NULL, NULL, false),
        ('E22', 'b', TIMESTAMP '2026-06-01 13:30:00', 0.005, NULL, NULL, 'phone', 'sports', NULL, NULL, false),
        ('E23', 'b', TIMESTAMP '2026-05-31 00:00:00', 1.115, NULL, NULL, 'phone', 'sports', NULL, 'C9', false),
        ('E24', 'b', TIMESTAMP '2026-05-30 09:30:00', 3, NULL, NULL, NULL, 'beauty', NULL, NULL, false),
        ('E25', 'b', TIMESTAMP '2026-06-05 09:30:00', -3, NULL, NULL, NULL, 'beauty', NULL, NULL, true),
        ('E26', 'b', TIMESTAMP '2026-06-14 00:00:00', 0, NULL, NULL, 'web', NULL, NULL, NULL, false),
        ('E30', 'c', TIMESTAMP '2026-01-01 00:00:00', 12.34, NULL, NULL, NULL, NULL, NULL, NULL, false),
        ('E40', 'late', TIMESTAMP '2026-06-01 00:00:00', 5.125, NULL, NULL, 'web', 'home', NULL, NULL, false),
        ('E41', 'late', TIMESTAMP '2026-06-10 00:00:00', -5.125, NULL, NULL, 'web', 'home', NULL, NULL, false),
        ('E42', 'later', TIMESTAMP '2026-06-16 00:00:00', 5, NULL, NULL, 'web', 'home', NULL, NULL, false),
        ('E50', 'zr', TIMESTAMP '2026-02-02 10:00:00', 0, NULL, NULL, NULL, NULL, NULL, NULL, true),
        ('E51', 'negzero', TIMESTAMP '2026-02-02 10:00:00', -0.0, NULL, NULL, NULL, NULL, NULL, NULL, false),
        ('E60', 'pre70', TIMESTAMP '1969-12-31 23:59:59.5', 3.5, NULL, NULL, 'store', 'home', NULL, NULL, false),
        ('E61', 'pre70', TIMESTAMP '1970-01-01 00:00:01', 4.5, NULL, NULL, 'store', 'home', NULL, NULL, false),
        ('E62', 'pre70', TIMESTAMP '1969-12-31 00:00:00', 1.015, NULL, NULL, NULL, NULL, NULL, NULL, false),
        ('E63', 'pre70', TIMESTAMP '1900-01-01 00:00:00', -1.015, NULL, NULL, NULL, NULL, NULL, NULL, false),
        ('E70', 'Ａ', TIMESTAMP '2026-05-03 10:00:00', 2.675, NULL, NULL, 'app', 'home', NULL, NULL, false),
        ('E71', '𠀋', TIMESTAMP '2026-05-03 10:00:00', -2.675, NULL, NULL, 'app', 'home', NULL, NULL, true),
        ('E72', '𠀋', TIMESTAMP '2026-06-03 10:00:00', 999999999.995, NULL, NULL, 'app', 'home', NULL, NULL, false),
        ('E73', 'é', TIMESTAMP '2026-06-15 00:00:00', 1234567.125, 0.125, NULL, NULL, 'home', NULL, 'K3', false),
        ('E74', 'é', TIMESTAMP '2026-06-15 23:00:00', -1234567.125, NULL, NULL, NULL, 'home', NULL, NULL, false),
        ('E75', 'Z', TIMESTAMP '2026-05-31 00:00:00', 0.015, NULL, NULL, NULL, NULL, NULL, NULL, false),
        ('E76', 'a10', TIMESTAMP '2026-05-31 12:00:00', 0.285, NULL, NULL, 'web', NULL, NULL, NULL, false),
        ('E77', 'a9', TIMESTAMP '2026-05-31 12:00:00', -0.285, NULL, NULL, 'web', NULL, NULL, NULL, true)
        """;

    /// <summary>A workspace whose <c>transactions</c> table (canonical columns) holds only <paramref name="values"/> (rows of SQL values, or none).</summary>
    private static DataWorkspace Workspace(TempDirectory dir, string? values)
    {
        dir.Write("transactions.csv", $"{TxHeader}\nT1,a,2026-01-05 10:00:00,1,1,1,web,apparel,east,K1,0\n");
        var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        Replace(ws, values);
        return ws;
    }

    /// <summary>Replaces the rows of <c>transactions</c>.</summary>
    private static void Replace(DataWorkspace ws, string? values)
    {
        ws.Execute("DELETE FROM transactions");
        if (values is not null) ws.Execute($"INSERT INTO transactions ({CanonicalColumns}) VALUES {values}");
    }

    [Fact]
    public void The_pass_equals_the_sql_on_a_hand_made_table_of_edge_cases()
    {
        using var dir = new TempDirectory();
        using var ws = Workspace(dir, EdgeRows);
        var early = DateOnly.FromDateTime(Early);
        var windows = new[] { (new DateTime(1969, 12, 31), new DateTime(1970, 1, 2)), (new DateTime(2026, 5, 31), new DateTime(2026, 6, 16)), (new DateTime(2026, 6, 1), new DateTime(2026, 6, 2)) };
        // The monthly job's shape: the summaries at the two ends, windows; snapshots unsorted and duplicated.
        var sql = AssertPassEqualsSql(ws, [Late, Early, Late.AddHours(13), Early, new DateTime(1969, 12, 31)], Summaries(ws, early, windows));
        Assert.Equal([new DateTime(1969, 12, 31), Early, Late], sql.Snapshots);
        var ids = sql.Summaries!["customer_id"].Cast<string>().ToList();
        // 'late' buys only after the earlier end: its _e columns are NULL; 'later' buys after the last snapshot only; 'ret' never buys.
        Assert.Contains("late", ids);
        Assert.DoesNotContain("later", ids);
        Assert.DoesNotContain("ret", ids);
        Assert.Null(sql.Summaries["recency_days_e"][ids.IndexOf("late")]);
        Assert.Null(sql.Days!["last_day_e"][sql.Days["customer_id"].Cast<string>().ToList().IndexOf("late")]);
        // 'b' bought three times on 2026-06-01: one purchase day (of 2 by the earlier end, 4 by the later), the day's amounts summed.
        Assert.Equal(2L, sql.Days["purchase_days1"][sql.Days["customer_id"].Cast<string>().ToList().IndexOf("b")]);
        Assert.Equal(4L, sql.Days["purchase_days2"][sql.Days["customer_id"].Cast<string>().ToList().IndexOf("b")]);
        // UTF-16 and byte order differ: the tables are ordered by the engine, in both.
        var aggregateIds = sql.Aggregates["customer_id"].Cast<string>().ToList();
        Assert.True(aggregateIds.LastIndexOf("Ａ") < aggregateIds.LastIndexOf("𠀋"));

        // No windows, no aggregates: no days table.
        var none = AssertPassEqualsSql(ws, [Early, Late], PurchaseDayPass.None);
        Assert.Null(none.DaysTable);
        Assert.Null(none.Windows);
        // Windows without aggregates: the windows are counted, the days table is dropped (KeepsDays, but nothing further to read).
        var windowsOnly = AssertPassEqualsSql(ws, [Early, Late], new PurchaseDayPass(windows, []));
        Assert.Null(windowsOnly.DaysTable);
        Assert.Equal(3, windowsOnly.Windows!.Length);
        // Aggregates without windows: the days table stays, no windows are read.
        var aggregatesOnly = AssertPassEqualsSql(ws, [Early, Late], Summaries(ws, early));
        Assert.NotNull(aggregatesOnly.DaysTable);
        Assert.Null(aggregatesOnly.Windows);
        // Snapshots before every transaction and after every one.
        AssertPassEqualsSql(ws, [new DateTime(1899, 12, 31), new DateTime(2030, 1, 1)], Summaries(ws, new DateOnly(1950, 1, 1)));
    }

    [Fact]
    public void With_one_snapshot_the_pass_equals_the_sql()
    {
        using var dir = new TempDirectory();
        using var ws = Workspace(dir, EdgeRows);
        // Without and with the summaries (the earlier end before every purchase, then on a day inside), the same day given twice.
        AssertPassEqualsSql(ws, [Late], PurchaseDayPass.None);
        AssertPassEqualsSql(ws, [Late, Late.AddHours(1)], Summaries(ws, new DateOnly(1900, 1, 1)));
        AssertPassEqualsSql(ws, [Early], Summaries(ws, new DateOnly(2026, 5, 30), (new DateTime(2026, 5, 1), new DateTime(2026, 6, 1))));
    }

    [Fact]
    public void With_one_snapshot_the_pass_equals_the_one_snapshot_query()
    {
        using var dir = new TempDirectory();
        using var ws = Workspace(dir, EdgeRows);
        foreach (var day in new[] { new DateTime(1969, 12, 31), Early, Late })
            AssertPassEqualsOneSnapshotQuery(ws, day, Summaries(ws, new DateOnly(1969, 12, 30), (day.AddDays(-30), day.AddDays(1))));
    }

    /// <summary>
    /// The pass's table at one snapshot is <see cref="CustomerAggregateQuery.Render(Segmentation.Analytics.Engines.SqlDialect, DateTime, string)"/>'s
    /// frame at that day with a leading snap of 0 (the definition of <see cref="CustomerAggregateQuery.RenderSnapshots(Segmentation.Analytics.Engines.SqlDialect, IReadOnlyList{DateTime}, string, PurchaseDayPass, string)"/>),
    /// and its feature table the one built without it.
    /// </summary>
    private static void AssertPassEqualsOneSnapshotQuery(DataWorkspace ws, DateTime day, PurchaseDayPass dayPass)
    {
        var pass = Run(ws, [day], dayPass, inProcess: true, features: true);
        Assert.True(pass.InProcess);
        Assert.All(pass.Aggregates["snap"].Cast<long>(), snap => Assert.Equal(0L, snap));
        pass.Aggregates.Columns.Remove("snap");
        Frames.AssertSame(ws.Query(CustomerAggregateQuery.Render(ws.Dialect, day)), pass.Aggregates);
        Frames.AssertSame(CustomerFeatureTable.Build(ws, day), pass.Features[0]);
    }

    [Fact]
    public void An_empty_table_gives_the_sqls_empty_tables()
    {
        using var dir = new TempDirectory();
        using var ws = Workspace(dir, null);
        var sql = AssertPassEqualsSql(ws, [Early, Late], Summaries(ws, DateOnly.FromDateTime(Early), (Early, Late.AddDays(1))));
        Assert.Equal(0, sql.Aggregates.Rows.Count);
        Assert.Empty(sql.Windows![0]);
    }

    // ---- 4. Property: random small tables, snapshots and windows ----

    private static readonly string[] IdPool = ["a", "B", "b", "a10", "a9", "é", "日本", "0123456789abcdef", "0123456789abcdef0", "Z", "ß", "Ａ", "𠀋", "aa", "C10"];

    private static readonly double[] Amounts = [0.125, 2.675, 1.005, 0.005, 0.015, 1.115, 0.285, 4.125, 1234567.125, 999999999.995, 0.375, 10.245, 0, 3, 19.99];

    private static readonly string[] Channels = ["'web'", "'app'", "'store'", "'phone'", "NULL"], Categories = ["'apparel'", "'beauty'", "'home'", "NULL"];

    /// <summary>The days the random rows and snapshots fall on (around <see cref="Late"/>, with a few before 1970).</summary>
    private static DateTime RandomDay(int day) => day < -40 ? new DateTime(1969, 12, 31).AddDays(day + 45) : Late.AddDays(day);

    private static readonly Gen<string> RandomRow =
        Gen.Select(Gen.Int[0, IdPool.Length - 1], Gen.Int[-45, 3], Gen.Int[0, 3], Gen.Int[0, 86_399], Gen.Int[0, Amounts.Length - 1], Gen.Int[0, 3])
            .SelectMany(t => Gen.Select(Gen.Int[0, 4], Gen.Int[0, 4], Gen.Int[0, 3], Gen.Bool, Gen.Int[0, 2])
                .Select((cost, channel, category, campaign, flag) =>
                {
                    var day = RandomDay(t.Item2);
                    var ts = t.Item3 switch { 0 => day, 1 => day.AddDays(1).AddTicks(-10), _ => day.AddSeconds(t.Item4) };
                    double amount = Amounts[t.Item5] * (t.Item6 == 0 ? -1 : 1);
                    // Flags as the validator leaves them mostly, NULL or disagreeing with the sign sometimes.
                    string isReturn = flag switch { 0 => amount < 0 ? "true" : "false", 1 => t.Item6 == 1 ? "true" : "false", _ => "NULL" };
                    string costText = cost < 2 ? "NULL" : Amounts[(t.Item5 + cost) % Amounts.Length].ToString("R", CultureInfo.InvariantCulture);
                    return $"('R', '{IdPool[t.Item1]}', TIMESTAMP '{ts:yyyy-MM-dd HH:mm:ss.ffffff}', {amount.ToString("R", CultureInfo.InvariantCulture)}, {costText}, NULL, " +
                        $"{Channels[channel]}, {Categories[category]}, NULL, {(campaign ? "'K'" : "NULL")}, {isReturn})";
                }));

    private sealed record RandomCase(string[] Rows, DateTime[] Snapshots, (DateTime, DateTime)[] Windows, int Summaries, int EarlierDay);

    private static readonly Gen<RandomCase> RandomCases =
        from rows in RandomRow.Array[0, 60]
        from snapshots in Gen.Int[-46, 4].Array[1, 4]
        from windows in Gen.Select(Gen.Int[-50, 4], Gen.Int[1, 30]).Array[0, 3]
        from summaries in Gen.Int[0, 2]
        from earlier in Gen.Int[-50, 4]
        select new RandomCase(rows, [.. snapshots.Select(RandomDay)], [.. windows.Select(w => (RandomDay(w.Item1), RandomDay(w.Item1).AddDays(w.Item2)))], summaries, earlier);

    [Fact]
    public void The_pass_equals_the_sql_on_random_small_tables_snapshots_and_windows()
    {
        using var dir = new TempDirectory();
        using var ws = Workspace(dir, null);
        // A longer or other run: SEG_SNAPSHOT_ITERATIONS, SEG_SNAPSHOT_SEED.
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("SEG_SNAPSHOT_ITERATIONS"), out var n) ? n : 100;
        ulong seed = ulong.TryParse(Environment.GetEnvironmentVariable("SEG_SNAPSHOT_SEED"), out var sd) ? sd : 20_261_203;
        var pcg = new PCG(1, seed);
        int withSummaries = 0, oneDay = 0, buyersAfterEarlierEnd = 0;
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            var c = RandomCases.Generate(pcg, null, out _);
            var last = c.Snapshots.Max().Date;
            // Windows that end after the last snapshot's next day are cut there (the SQL refuses them; tested among the fallbacks).
            var windows = c.Windows.Where(w => w.Item1 <= last).Select(w => (w.Item1, w.Item2 > last.AddDays(1) ? last.AddDays(1) : w.Item2)).ToArray();
            var earlierDay = RandomDay(c.EarlierDay);
            var earlier = DateOnly.FromDateTime(earlierDay < last ? earlierDay : last.AddDays(-1));
            var dayPass = c.Summaries == 0 ? new PurchaseDayPass(windows, []) : Summaries(ws, earlier, windows);
            string values = string.Join(",\n", c.Rows);
            Replace(ws, c.Rows.Length == 0 ? null : values);
            try
            {
                // Every table here is canonical: the pass must not decline it. One snapshot day is also held to the one-snapshot query.
                if (c.Snapshots.Select(s => s.Date).Distinct().Count() == 1)
                {
                    AssertPassEqualsOneSnapshotQuery(ws, last, dayPass);
                    oneDay++;
                }
                if (AssertPassEqualsSql(ws, c.Snapshots, dayPass, features: iteration % 10 == 0).Summaries is { } summaries)
                {
                    withSummaries++;
                    buyersAfterEarlierEnd += summaries["recency_days_e"].NullCount > 0 ? 1 : 0;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new Xunit.Sdk.XunitException($"iteration {iteration} (SEG_SNAPSHOT_SEED={seed}) failed: {e.Message}\nsnapshots {string.Join(", ", c.Snapshots.Select(s => s.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}; " +
                    $"windows {string.Join(", ", windows.Select(w => $"[{w.Item1:yyyy-MM-dd}, {w.Item2:yyyy-MM-dd})"))}; summaries {(c.Summaries == 0 ? "none" : earlier.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}\nrows ({CanonicalColumns}):\n{values}");
            }
        }
        // The generator reaches the edges: summaries with customers who buy only after the earlier end, one snapshot day.
        Assert.True(withSummaries > iterations / 4 && buyersAfterEarlierEnd > iterations / 10 && oneDay > iterations / 10,
            $"{withSummaries} runs with summaries ({buyersAfterEarlierEnd} with buyers after the earlier end only), {oneDay} of one day");
    }

    // ---- 5. Fallbacks ----

    /// <summary>A few hundred generated rows of customers C…, in <c>transactions</c>.</summary>
    private static DataWorkspace Generated(TempDirectory dir)
    {
        GeneratedTransactions.Write(dir.File("transactions.csv"), customers: 50, rows: 500, seed: 3);
        return DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
    }

    private static readonly DateTime[] FallbackSnapshots = [new(2026, 3, 31), new(2026, 6, 30)];

    private static PurchaseDayPass FallbackPass(DataWorkspace ws) =>
        Summaries(ws, new DateOnly(2026, 3, 31), (new DateTime(2025, 7, 1), new DateTime(2026, 7, 1)));

    /// <summary>The workspace leaves the case to the SQL: the SQL's tables, or the SQL's exception (same type and message) from both.</summary>
    private static void AssertFallsBackToSql(DataWorkspace ws, DateTime[] snapshots, PurchaseDayPass dayPass)
    {
        Exception? sqlError = Record.Exception(() => Run(ws, snapshots, dayPass, inProcess: false, features: false));
        if (sqlError is null)
        {
            AssertPassEqualsSql(ws, snapshots, dayPass, inProcess: false);
            return;
        }
        var error = Record.Exception(() => Run(ws, snapshots, dayPass, inProcess: true, features: false));
        Assert.NotNull(error);
        Assert.Equal(sqlError.GetType(), error.GetType());
        Assert.Equal(sqlError.Message, error.Message);
        Assert.Equal(0L, ws.Scalar<long>($"SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '{CustomerAggregateSnapshots.TableName}%'"));
    }

    public static TheoryData<string, string, string> OtherTypes => new()
    {
        // the changed column, the select items in place of "timestamp", amount, its type in the table
        { "timestamp", "CAST(\"timestamp\" AS TIMESTAMP_NS) AS \"timestamp\", amount", "TIMESTAMP_NS" },
        { "timestamp", "CAST(\"timestamp\" AS TIMESTAMPTZ) AS \"timestamp\", amount", "TIMESTAMP WITH TIME ZONE" },
        { "amount", "\"timestamp\", CAST(amount AS DECIMAL(18, 3)) AS amount", "DECIMAL(18,3)" },
    };

    [Theory]
    [MemberData(nameof(OtherTypes))]
    public void A_table_of_other_column_types_is_left_to_the_sql(string column, string items, string type)
    {
        using var dir = new TempDirectory();
        using var ws = Generated(dir);
        ws.Execute($"""
            CREATE TEMP TABLE typed AS SELECT transaction_id, customer_id, {items}, cost, quantity, channel, category, region, campaign_id, is_return FROM transactions;
            DROP TABLE transactions; ALTER TABLE typed RENAME TO transactions
            """);
        Assert.Equal(type, ws.Scalar<string>($"SELECT data_type FROM information_schema.columns WHERE table_name = 'transactions' AND column_name = '{column}'"));
        AssertFallsBackToSql(ws, FallbackSnapshots, FallbackPass(ws));
    }

    public static TheoryData<string, string> OutsideRows => new()
    {
        { "a NULL amount", "('X1', 'C00001', TIMESTAMP '2026-01-05 10:00:00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, false)" },
        { "a NaN amount", "('X1', 'C00001', TIMESTAMP '2026-01-05 10:00:00', 'NaN'::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, false)" },
        { "an amount of 1e13", "('X1', 'C00001', TIMESTAMP '2026-01-05 10:00:00', 1e13, NULL, NULL, NULL, NULL, NULL, NULL, false)" },
        { "an amount of -1e13", "('X1', 'C00001', TIMESTAMP '2026-01-05 10:00:00', -1e13, NULL, NULL, NULL, NULL, NULL, NULL, true)" },
    };

    [Theory]
    [MemberData(nameof(OutsideRows))]
    public void A_row_outside_what_the_pass_handles_leaves_the_tables_to_the_sql(string description, string row)
    {
        using var dir = new TempDirectory();
        using var ws = Generated(dir);
        ws.Execute($"INSERT INTO transactions ({CanonicalColumns}) VALUES {row}");
        Assert.False(string.IsNullOrEmpty(description));
        AssertFallsBackToSql(ws, FallbackSnapshots, FallbackPass(ws));
        AssertFallsBackToSql(ws, FallbackSnapshots, PurchaseDayPass.None);
    }

    [Fact]
    public void Sums_beyond_two_to_the_53_cents_come_out_as_the_sql_converts_them_whoever_computes_them()
    {
        using var dir = new TempDirectory();
        using var ws = Workspace(dir, null);
        // 'odd': 9 × 9999999999999.99 + 9999999999999.98 over the snapshots' slices, purchases and returns (2^53 cents are passed
        // within the later slices only); 'edge': 2^53 − 1 cents at the later end, one cent more after it.
        ws.Execute("""
            INSERT INTO transactions (transaction_id, customer_id, "timestamp", amount, cost, is_return)
            SELECT 'O' || i, 'odd', TIMESTAMP '2026-01-05 10:00:00' + INTERVAL (i * 20) DAY, CASE WHEN i = 0 THEN 9999999999999.98 ELSE 9999999999999.99 END
              * CASE WHEN i % 4 = 3 THEN -1 ELSE 1 END, 9999999999999.99, i % 4 = 3 FROM range(10) t(i);
            INSERT INTO transactions (transaction_id, customer_id, "timestamp", amount, cost, is_return)
            SELECT 'E' || i, 'edge', TIMESTAMP '2026-01-05 10:00:00' + INTERVAL (i * 20) DAY, CASE WHEN i % 10 = 0 THEN 9007199254741.00 ELSE 9007199254740.99 END,
              NULL, false FROM range(10) t(i);
            INSERT INTO transactions (transaction_id, customer_id, "timestamp", amount, cost, is_return)
            VALUES ('E99', 'edge', TIMESTAMP '2026-12-01 10:00:00', 0.01, NULL, false)
            """);
        var windows = new[] { (new DateTime(2026, 1, 1), new DateTime(2026, 7, 1)) };
        AssertPassEqualsSql(ws, [new(2026, 2, 28), new(2026, 6, 30)], Summaries(ws, new DateOnly(2026, 3, 31), windows), inProcess: null);
        AssertPassEqualsSql(ws, [new(2026, 4, 30), new(2026, 12, 31)], Summaries(ws, new DateOnly(2026, 4, 30), windows), inProcess: null);
        ws.Execute("DELETE FROM transactions WHERE customer_id = 'odd' OR transaction_id = 'E99'");
        AssertPassEqualsSql(ws, [new(2026, 2, 28), new(2026, 12, 31)], Summaries(ws, new DateOnly(2026, 3, 31), windows));
    }

    [Fact]
    public void A_session_with_a_default_collation_is_left_to_the_sql()
    {
        using var dir = new TempDirectory();
        using var ws = Workspace(dir, "('T1', 'A', TIMESTAMP '2026-01-05 10:00:00', 1, NULL, NULL, NULL, NULL, NULL, NULL, false), " +
            "('T2', 'a', TIMESTAMP '2026-01-06 10:00:00', 2, NULL, NULL, NULL, NULL, NULL, NULL, false), ('T3', 'B', TIMESTAMP '2026-04-06 10:00:00', 3, NULL, NULL, NULL, NULL, NULL, NULL, false)");
        AssertPassEqualsSql(ws, FallbackSnapshots, FallbackPass(ws));
        ws.Execute("SET default_collation = 'nocase'");
        AssertFallsBackToSql(ws, FallbackSnapshots, FallbackPass(ws));
    }

    [Fact]
    public void Further_aggregates_other_than_the_summaries_at_two_ends_are_left_to_the_sql()
    {
        using var dir = new TempDirectory();
        using var ws = Generated(dir);
        var windows = new[] { (new DateTime(2025, 7, 1), new DateTime(2026, 7, 1)) };
        var summaries = CustomerSummaryQuery.DayAggregatesAtTwoEnds(ws.Dialect, new DateOnly(2026, 3, 31));
        // Other aggregates, the summaries without their earlier end, or with another one, or in another order.
        foreach (var dayPass in new[]
                 {
                     new PurchaseDayPass(windows, ["max(day) AS m"]),
                     new PurchaseDayPass([], ["max(day) AS m"]) { SummariesEarlierEnd = new DateOnly(2026, 3, 31) },
                     new PurchaseDayPass(windows, summaries),
                     new PurchaseDayPass(windows, summaries) { SummariesEarlierEnd = new DateOnly(2026, 4, 30) },
                     new PurchaseDayPass(windows, [.. summaries.Reverse()]) { SummariesEarlierEnd = new DateOnly(2026, 3, 31) },
                 })
            AssertFallsBackToSql(ws, FallbackSnapshots, dayPass);
    }

    [Fact]
    public void Windows_the_sql_refuses_are_refused_the_same_way()
    {
        using var dir = new TempDirectory();
        using var ws = Generated(dir);
        foreach (var window in new[]
                 {
                     (new DateTime(2026, 1, 1), new DateTime(2026, 7, 2)),
                     (new DateTime(2026, 1, 1, 12, 0, 0), new DateTime(2026, 3, 1)),
                     (new DateTime(2026, 3, 1), new DateTime(2026, 3, 1)),
                 })
            AssertFallsBackToSql(ws, FallbackSnapshots, new PurchaseDayPass([window], []));
    }
}
