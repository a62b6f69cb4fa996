using System.Globalization;
using CsCheck;
using DuckDB.NET.Data;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Features;

namespace Segmentation.Data.Tests;

/// <summary>
/// The KPI sums from the workspace's in-process customer × month grain (<see cref="ICustomerMonthSource"/>, folded by
/// <see cref="CustomerMonthFold"/>) equal those of the SQL definition (<see cref="KpiQuery"/>): every raw sum bit for bit, every
/// customer sample (same customers, same ordinal id order), the sample moments up to the order in which the SQL's threads add
/// doubles, and the KPI rows; outside what the grain promises, <see cref="KpiCalculator.Read"/> falls back to the SQL (or fails as it
/// does).
/// </summary>
public sealed class CustomerMonthPassTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);

    private const string TxHeader = "transaction_id,customer_id,timestamp,amount,cost,quantity,channel,category,region,campaign_id,is_return";

    // ---- The comparison ----

    /// <summary>
    /// Uploads <paramref name="assignment"/>, reads the sums of <paramref name="requests"/> by the SQL and with the in-process grain,
    /// asserts that they are equal (<see cref="AssertSameSums"/>), then that the second came from the grain (or, with
    /// <paramref name="expectPass"/> false, from the SQL; null: either): the equality is checked first, so a missing grain fails on
    /// that alone.
    /// </summary>
    /// <returns>The SQL's sums and tables.</returns>
    internal static (KpiCalculator.Sums Sums, IReadOnlyList<KpiTable> Tables) AssertPassEqualsSql(DataWorkspace ws, SegmentAssignment assignment,
        IReadOnlyList<KpiCalculator.Request> requests, bool? expectPass = true)
    {
        EngineTables.Upload(ws, assignment);
        var result = AssertPassEqualsSql(ws, assignment, requests, EngineTables.Segments, expectPass);
        AssertHeldEqualsSql(ws, assignment, requests, result.Sums, expectPass);
        return result;
    }

    /// <summary>
    /// The grain folded by the snapshots' pass (<see cref="PurchaseDayPass.CustomerMonths"/>, one snapshot on the day before the
    /// requests' end) gives the SQL's sums (<paramref name="sql"/>) for the uploaded assignment; where the KPI tables' own pass must
    /// leave the data to the SQL (<paramref name="expectPass"/> false), the snapshots' pass holds no grain either.
    /// </summary>
    private static void AssertHeldEqualsSql(DataWorkspace ws, SegmentAssignment assignment, IReadOnlyList<KpiCalculator.Request> requests,
        KpiCalculator.Sums sql, bool? expectPass)
    {
        var end = requests.Max(r => r.Options.ResolvedPeriods[^1].EndExclusive);
        var held = HeldMonths(ws, end);
        if (expectPass == false)
        {
            Assert.True(held is null, "the snapshots' pass held a customer × month grain where the KPI tables' pass leaves the data to the SQL");
            return;
        }
        // The snapshots' pass leaves a table with a NULL customer id to the SQL (the KPI tables' pass skips such rows, as the SQL's
        // join does): without those rows, which join no segment, the held grain must give the same sums.
        bool nullIds = ws.Scalar<long>($"SELECT count(*) FROM transactions WHERE customer_id IS NULL AND \"timestamp\" < DATE '{end:yyyy-MM-dd}'") > 0;
        if (nullIds)
        {
            Assert.True(held is null, "the snapshots' pass held a grain of a table with a NULL customer id");
            ws.Execute("BEGIN TRANSACTION; DELETE FROM transactions WHERE customer_id IS NULL");
        }
        try
        {
            if (nullIds) held = HeldMonths(ws, end);
            // The held grain keeps a month's sums in 32-bit cents: beyond, the KPI tables' pass reads the transactions itself.
            bool beyond32 = ws.Scalar<bool>($"""
                SELECT coalesce(max(greatest(abs(g), abs(n), abs(c))), 0) >= 21474836.48 FROM (
                  SELECT sum(CASE WHEN is_return = false THEN CAST(amount AS DECIMAL(18, 2)) ELSE 0 END) AS g, sum(CAST(amount AS DECIMAL(18, 2))) AS n,
                    sum(coalesce(CAST(cost AS DECIMAL(18, 2)), 0)) AS c
                  FROM transactions WHERE "timestamp" < DATE '{end:yyyy-MM-dd}' GROUP BY customer_id, date_trunc('month', "timestamp"))
                """);
            if (held is null)
            {
                Assert.True(expectPass is null || beyond32, "the snapshots' pass held no customer × month grain");
                return;
            }
            Assert.False(beyond32, "the snapshots' pass held a grain with a month's sum beyond 32-bit cents");
            AssertHeldGrain(ws, assignment, requests, sql, held, end);
        }
        finally
        {
            if (nullIds) ws.Execute("ROLLBACK");
        }
    }

    /// <summary>The grain the snapshots' pass holds for the transactions before <paramref name="end"/> (one snapshot, the day before).</summary>
    private static HeldCustomerMonths? HeldMonths(DataWorkspace ws, DateOnly end)
    {
        using var snapshots = CustomerAggregateSnapshots.Prepare(ws, [end.AddDays(-1).ToDateTime(TimeOnly.MinValue)],
            PurchaseDayPass.None with { CustomerMonths = true });
        return (snapshots.Held as IHeldForEvaluation)?.CustomerMonths;
    }

    private static void AssertHeldGrain(DataWorkspace ws, SegmentAssignment assignment, IReadOnlyList<KpiCalculator.Request> requests,
        KpiCalculator.Sums sql, HeldCustomerMonths held, DateOnly end)
    {
        Assert.Equal(end, held.End);
        var fromHeld = KpiCalculator.Read(ws, assignment, requests, EngineTables.Segments, inProcess: true, held: held);
        Assert.True(fromHeld.FromHeld, "the sums did not come from the held grain");
        AssertSameSums(ws, sql, fromHeld, requests);
        // A grain of other transactions is not used.
        var later = KpiCalculator.Read(ws, assignment, [new(new KpiOptions(end.AddMonths(1).AddDays(-1), ReportingCycle.Monthly, 2), null, [1])],
            EngineTables.Segments, inProcess: true, held: held);
        Assert.False(later.FromHeld);
    }

    /// <summary>As above over a segments table already in the workspace.</summary>
    private static (KpiCalculator.Sums Sums, IReadOnlyList<KpiTable> Tables) AssertPassEqualsSql(DataWorkspace ws, SegmentAssignment assignment,
        IReadOnlyList<KpiCalculator.Request> requests, string segmentsTable, bool? expectPass)
    {
        foreach (var r in requests) r.Options.Validate();
        var sql = KpiCalculator.Read(ws, assignment, requests, segmentsTable, inProcess: false);
        Assert.False(sql.FromPass);
        var pass = KpiCalculator.Read(ws, assignment, requests, segmentsTable, inProcess: true);
        var tables = AssertSameSums(ws, sql, pass, requests);
        Assert.True(expectPass is null || pass.FromPass == expectPass, expectPass == true
            ? "the sums came from the SQL: the workspace gave no customer × month grain (not an ICustomerMonthSource, or it declined)"
            : "the in-process grain answered where the SQL must run");
        return (sql, tables);
    }

    /// <summary>Raw sums bit for bit, samples (lists exactly, moments: counts and order sums exactly, money sums to 1e-12 relative),
    /// KPI rows by record equality; returns the expected tables.</summary>
    private static IReadOnlyList<KpiTable> AssertSameSums(DataWorkspace ws, KpiCalculator.Sums expected, KpiCalculator.Sums actual,
        IReadOnlyList<KpiCalculator.Request> requests)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        var keys = expected.Keys;
        Assert.Equal(expected.Raw.Length, actual.Raw.Length);
        for (int t = 0; t < expected.Raw.Length; t++)
        {
            Assert.Equal(expected.Raw[t].Length, actual.Raw[t].Length);
            for (int s = 0; s < expected.Raw[t].Length; s++)
            {
                Assert.Equal(expected.Raw[t][s].Length, actual.Raw[t][s].Length);
                for (int p = 0; p < expected.Raw[t][s].Length; p++)
                    for (int slot = 0; slot < expected.Raw[t][s][p].Length; slot++)
                    {
                        double e = expected.Raw[t][s][p][slot], a = actual.Raw[t][s][p][slot];
                        if (BitConverter.DoubleToInt64Bits(e) != BitConverter.DoubleToInt64Bits(a))
                            Assert.Fail($"request {t}, segment {keys[s]}, period {p - 1}, slot {slot}: SQL {e:R}, pass {a:R}");
                    }
            }
        }
        for (int t = 0; t < requests.Count; t++)
        {
            var e = expected.Samples[t];
            var a = actual.Samples[t];
            Assert.True(e.Keys.ToHashSet().SetEquals(a.Keys), $"request {t}: sample keys {string.Join(" ", e.Keys)} vs {string.Join(" ", a.Keys)}");
            foreach (var (key, sample) in e) AssertSameSample($"request {t}, segment {key.Segment}, period {key.Period}", sample, a[key]);
        }
        var expectedTables = expected.Tables(ws, requests);
        var actualTables = actual.Tables(ws, requests);
        for (int t = 0; t < requests.Count; t++)
        {
            Assert.Equal(expectedTables[t].Periods, actualTables[t].Periods);
            Assert.Equal(expectedTables[t].ChurnWindowDays, actualTables[t].ChurnWindowDays);
            Assert.Equal(expectedTables[t].Rows.Count, actualTables[t].Rows.Count);
            for (int i = 0; i < expectedTables[t].Rows.Count; i++)
                Assert.True(expectedTables[t].Rows[i] == actualTables[t].Rows[i], $"request {t}, row {i}: SQL {expectedTables[t].Rows[i]}, pass {actualTables[t].Rows[i]}");
        }
        return expectedTables;
    }

    private static void AssertSameSample(string where, CustomerSample expected, CustomerSample actual)
    {
        if (expected.Moments is { } e)
        {
            Assert.True(actual.Moments is not null, $"{where}: the SQL carries moments, the pass {actual.Orders.Length} customers");
            var a = actual.Moments.Value;
            Assert.True(e.Count == a.Count && Bits(e.Orders) == Bits(a.Orders) && Bits(e.OrdersSquares) == Bits(a.OrdersSquares), $"{where}: SQL {e}, pass {a}");
            Assert.True(Close(e.Gross, a.Gross) && Close(e.GrossSquares, a.GrossSquares) && Close(e.OrdersGross, a.OrdersGross), $"{where}: SQL {e}, pass {a}");
            Assert.Empty(actual.Orders);
            return;
        }
        Assert.True(actual.Moments is null, $"{where}: the SQL carries {expected.Orders.Length} customers, the pass moments");
        AssertSameDoubles($"{where}, orders", expected.Orders, actual.Orders);
        AssertSameDoubles($"{where}, gross sales", expected.GrossSales, actual.GrossSales);
    }

    private static void AssertSameDoubles(string where, double[] expected, double[] actual)
    {
        Assert.True(expected.Length == actual.Length, $"{where}: {expected.Length} customers in the SQL, {actual.Length} in the pass");
        for (int i = 0; i < expected.Length; i++)
            if (Bits(expected[i]) != Bits(actual[i])) Assert.Fail($"{where}, customer {i}: SQL {expected[i]:R}, pass {actual[i]:R}");
    }

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

    // The SQL sums the moments' doubles in the order of its threads: equal up to rounding.
    private static bool Close(double expected, double actual) => Math.Abs(expected - actual) <= 1e-12 * Math.Max(Math.Abs(expected), Math.Abs(actual));

    // ---- Assignments and requests ----

    /// <summary>FNV-1a of the id's UTF-16 code units: a segment that does not depend on the process or the platform.</summary>
    private static uint Hash(string id)
    {
        uint h = 2_166_136_261;
        foreach (char c in id) h = (h ^ c) * 16_777_619;
        return h;
    }

    /// <summary>
    /// Each customer in segment s0 … s(n − 1) by a hash of its id, every <paramref name="leaveOut"/>-th (by hash) left out of the
    /// assignment, the <paramref name="ghosts"/> (without transactions) added, and a defined segment without customers.
    /// </summary>
    private static SegmentAssignment HashedAssignment(IEnumerable<string> ids, int segments, int leaveOut, params string[] ghosts)
    {
        var kept = ids.Where(id => Hash(id) / 7 % (uint)leaveOut != 0).Concat(ghosts).ToArray();
        var keys = kept.Select(id => "s" + (Hash(id) % (uint)segments).ToString(CultureInfo.InvariantCulture)).ToArray();
        var definitions = Enumerable.Range(0, segments).Select(k => "s" + k.ToString(CultureInfo.InvariantCulture)).Append("empty")
            .Select(k => new SegmentDefinition(k, k, k)).ToArray();
        return new SegmentAssignment(kept, keys, definitions);
    }

    private static string[] CustomerIds(DataWorkspace ws) =>
        ws.Read("SELECT DISTINCT customer_id FROM transactions WHERE customer_id IS NOT NULL ORDER BY customer_id", r =>
        {
            var list = new List<string>();
            while (r.Read()) list.Add(r.GetString(0));
            return list.ToArray();
        });

    private static DateOnly Month(string yyyyMM) => DateOnly.ParseExact(yyyyMM + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The requests of a named set for the report month <paramref name="month"/>: "evaluation" reads what
    /// <see cref="EffectEvaluator"/> reads (13 monthly periods with samples [last, last − 1, last − 12], the before/after windows of
    /// <paramref name="managementStart"/>); "cycles" a quarterly, a yearly and a custom grid of unequal periods; "churn" monthly
    /// periods under several churn windows; "windows" before/after windows of unequal lengths and a table ending months earlier.
    /// </summary>
    private static KpiCalculator.Request[] Requests(string set, DateOnly month, DateOnly managementStart, DateOnly dataStart) => set switch
    {
        "evaluation" => Evaluation(month, managementStart, dataStart),
        "cycles" =>
        [
            new(new KpiOptions(month, ReportingCycle.Quarterly, 8), null, [7, 6, 3]),
            new(new KpiOptions(month, ReportingCycle.Yearly, 2), null, [1, 0]),
            new(new KpiOptions(month, ReportingCycle.Monthly, 6, 300) { CustomPeriods = Custom(month, 2, 1, 5, 1, 4, 9) }, null, [5, 4, 0]),
        ],
        "churn" =>
        [
            new(new KpiOptions(month, ReportingCycle.Monthly, 13, 31), null, [12, 11, 0]),
            new(new KpiOptions(month, ReportingCycle.Monthly, 13, 200), null, [12]),
            new(new KpiOptions(month, ReportingCycle.Monthly, 7, 3660), null, [6, 5]),
            new(new KpiOptions(month, ReportingCycle.Quarterly, 5, 92), null, [4, 3]),
        ],
        "windows" =>
        [
            new(KpiOptions.ForWindows([KpiPeriod.Of(0, managementStart.AddMonths(-7), 7), KpiPeriod.Of(1, managementStart, 2), KpiPeriod.Of(2, managementStart.AddMonths(2), 4)]), null, [0, 2]),
            new(KpiOptions.ForWindows([KpiPeriod.Of(0, managementStart.AddMonths(-1), 1), KpiPeriod.Of(1, managementStart, 1)]), null, [0, 1]),
            new(new KpiOptions(month.AddMonths(-5), ReportingCycle.Monthly, 4, 120), null, [3, 2]),
            new(new KpiOptions(month.AddMonths(-2), ReportingCycle.Quarterly, 3), null, [2]),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "Unknown request set."),
    };

    private static KpiCalculator.Request[] Evaluation(DateOnly month, DateOnly managementStart, DateOnly dataStart)
    {
        var options = new EvaluationOptions(month, ManagementStart: managementStart) { DataStart = dataStart };
        var periods = options.Kpi.ResolvedPeriods;
        int last = periods.Count - 1;
        var requests = new List<KpiCalculator.Request> { new(options.Kpi, null, [last, last - 1, last - 12]) };
        if (options.Windows is { } w) requests.Add(new(KpiOptions.ForWindows(w), null, [0, 1]));
        return [.. requests];
    }

    /// <summary>Contiguous periods of the given lengths in months, the last ending with <paramref name="month"/>.</summary>
    private static KpiPeriod[] Custom(DateOnly month, params int[] lengths)
    {
        var start = month.AddMonths(1 - lengths.Sum());
        var periods = new KpiPeriod[lengths.Length];
        for (int k = 0; k < lengths.Length; k++)
        {
            periods[k] = KpiPeriod.Of(k, start, lengths[k]);
            start = start.AddMonths(lengths[k]);
        }
        return periods;
    }

    // ---- 1. data/sample ----

    /// <summary>data/sample loaded once (a few seconds), with its assignment.</summary>
    public sealed class SampleWorkspace : IDisposable
    {
        private readonly Lazy<(DataWorkspace Workspace, SegmentAssignment Assignment)> loaded = new(() =>
        {
            var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(AsOf));
            return (ws, HashedAssignment(CustomerIds(ws), 4, 9, "ghost-1", "ghost-2", "ghost-3"));
        });

        public DataWorkspace Workspace => loaded.Value.Workspace;

        public SegmentAssignment Assignment => loaded.Value.Assignment;

        public void Dispose()
        {
            if (loaded.IsValueCreated) loaded.Value.Workspace.Dispose();
        }
    }

    public sealed class OnSampleData(SampleWorkspace sample) : IClassFixture<SampleWorkspace>
    {
        [Theory]
        [InlineData("evaluation")]
        [InlineData("cycles")]
        [InlineData("churn")]
        [InlineData("windows")]
        public void The_pass_equals_the_sql_on_the_sample_data_at_the_readmes_month(string set)
        {
            var ws = sample.Workspace;
            var requests = Requests(set, Month("2026-10"), Month("2025-11"), new DateOnly(2024, 11, 1));
            var (_, tables) = AssertPassEqualsSql(ws, sample.Assignment, requests);
            // The assignment leaves customers with transactions out and holds customers without any.
            var total = tables[0].Total(tables[0].Periods.Count - 1);
            Assert.True(total.Customers > 1000 && total.Customers < CustomerIds(ws).Length, total.ToString());
            Assert.True(tables[0].Rows.Where(r => r.Segment == "empty").All(r => r.Counts == KpiCounts.Zero), "the segment without customers has sums");
            if (set == "evaluation")
            {
                Assert.Equal(2, tables.Count);
                Assert.True(total.ChurnedCustomers > 0 && total.NewCustomers > 0 && total.Counts.SurveyResponses > 0, total.ToString());
            }
        }

        [Fact]
        public void The_pass_equals_the_sql_on_the_sample_data_at_other_ends_and_before_the_data()
        {
            var ws = sample.Workspace;
            foreach (var month in new[] { "2025-06", "2024-11", "2024-03", "2027-02" })
                AssertPassEqualsSql(ws, sample.Assignment, Requests("evaluation", Month(month), Month(month).AddMonths(-3), new DateOnly(2024, 11, 1)));
        }

        [Fact]
        public void Feedback_sums_joined_row_by_row_equal_the_sums_per_customer_and_month_first()
        {
            // DuckDB joins the feedback rows to the segments as they are; a cluster sums them per customer × month first. Both are
            // sums of integers, so every value must be the same, bit for bit.
            var ws = sample.Workspace;
            var d = ws.Dialect;
            const string Table = "feedback_sums_segments", Edged = "feedback_sums_rows";
            EngineTables.Upload(ws, sample.Assignment, Table);
            // The sample's feedback, plus a second response in the same month from every 7th row, with each score or flag missing
            // in turn (the sample itself has no missing score).
            ws.Execute($"""
                CREATE TEMP TABLE {Edged} AS SELECT customer_id, "date", csat, nps, complaint, referred_customers FROM feedback
                UNION ALL
                SELECT customer_id, "date",
                  CASE WHEN n % 4 = 0 THEN NULL ELSE csat END, CASE WHEN n % 4 = 1 THEN NULL ELSE nps END,
                  CASE WHEN n % 4 = 2 THEN NULL ELSE complaint END, CASE WHEN n % 4 = 3 THEN NULL ELSE referred_customers + 1 END
                FROM (SELECT *, row_number() OVER (ORDER BY customer_id, "date") AS n FROM feedback) x WHERE n % 7 = 0
                """);
            try
            {
                foreach (var feedback in new[] { "feedback", Edged })
                    foreach (var (start, end) in new[] { (new DateOnly(2024, 11, 1), new DateOnly(2026, 11, 1)), (new DateOnly(2025, 3, 1), new DateOnly(2025, 4, 1)) })
                    {
                        Assert.Equal(KpiQuery.FeedbackSums(d, start, end, Table, feedback), KpiQuery.FeedbackSums(d, start, end, Table, feedback, perCustomerFirst: false));
                        var rowByRow = ws.Query(KpiQuery.FeedbackSums(d, start, end, Table, feedback, perCustomerFirst: false));
                        var perCustomer = ws.Query(KpiQuery.FeedbackSums(d, start, end, Table, feedback, perCustomerFirst: true));
                        Assert.Equal(perCustomer.Columns.Select(c => c.Name), rowByRow.Columns.Select(c => c.Name));
                        Assert.Equal(perCustomer.Rows.Count, rowByRow.Rows.Count);
                        Assert.True(rowByRow.Rows.Count >= 4, $"{rowByRow.Rows.Count} rows");
                        for (int c = 0; c < rowByRow.Columns.Count; c++)
                            for (long r = 0; r < rowByRow.Rows.Count; r++)
                                Assert.Equal(perCustomer.Columns[c][r], rowByRow.Columns[c][r]);
                    }
                // The rows hold what the two forms could treat differently: missing scores and flags, customers with two responses in
                // a month, and feedback of customers the assignment leaves out.
                Assert.True(ws.Read($"""
                    SELECT count(*) FILTER (WHERE csat IS NULL) > 0 AND count(*) FILTER (WHERE nps IS NULL) > 0
                      AND count(*) FILTER (WHERE complaint IS NULL) > 0 AND count(*) FILTER (WHERE referred_customers IS NULL) > 0 FROM {Edged}
                    """, r => r.Read() && r.GetBoolean(0)));
                Assert.True(ws.Read($"""
                    SELECT count(*) > 0 FROM (SELECT customer_id FROM {Edged} GROUP BY customer_id, {KpiQuery.MonthIndex("\"date\"")} HAVING count(*) > 1) m
                    """, r => r.Read() && r.GetBoolean(0)));
                Assert.True(ws.Read($"SELECT count(*) > 0 FROM feedback f ANTI JOIN {Table} s ON f.customer_id = s.customer_id", r => r.Read() && r.GetBoolean(0)));
            }
            finally
            {
                ws.Execute($"DROP TABLE IF EXISTS {Edged}");
                ws.Execute($"DROP TABLE IF EXISTS {Table}");
            }
        }
    }

    // ---- 2. Real exports ----

    /// <summary>The Online Retail line items (summed into invoices, with credit notes) loaded once.</summary>
    public sealed class OnlineRetailWorkspace : IDisposable
    {
        private readonly Lazy<DataWorkspace> workspace = new(() => DataWorkspace.Load(RepoPaths.Data("real", "online_retail"), new IngestOptions(new DateTime(2011, 12, 31))));

        public DataWorkspace Workspace => workspace.Value;

        public void Dispose()
        {
            if (workspace.IsValueCreated) workspace.Value.Dispose();
        }
    }

    public sealed class OnOnlineRetail(OnlineRetailWorkspace retail) : IClassFixture<OnlineRetailWorkspace>
    {
        [Theory]
        [InlineData("2011-12", "2011-06", "evaluation")]
        [InlineData("2011-12", "2011-06", "cycles")]
        [InlineData("2011-09", "2011-06", "evaluation")]
        [InlineData("2011-06", "2011-03", "windows")]
        public void The_pass_equals_the_sql_on_online_retail_line_items_with_returns(string month, string managementStart, string set)
        {
            var ws = retail.Workspace;
            Assert.True(ws.Scalar<long>("SELECT count(*) FROM transactions WHERE is_return") > 0);
            var assignment = HashedAssignment(CustomerIds(ws), 3, 11, "ghost");
            var (_, tables) = AssertPassEqualsSql(ws, assignment, Requests(set, Month(month), Month(managementStart), new DateOnly(2010, 12, 1)));
            Assert.True(tables[0].Total(tables[0].Periods.Count - 1).ActiveCustomers > 0);
        }
    }

    /// <summary>CDNOW (23 570 customers, all acquired in the first quarter of 1997) loaded once.</summary>
    public sealed class CdnowWorkspace : IDisposable
    {
        private readonly Lazy<DataWorkspace> workspace = new(() => DataWorkspace.Load(RealData.CdnowRawDirectory, new IngestOptions(RealData.CdnowEnd)));

        public DataWorkspace Workspace => workspace.Value;

        public void Dispose()
        {
            if (workspace.IsValueCreated) workspace.Value.Dispose();
        }
    }

    public sealed class OnCdnow(CdnowWorkspace cdnow) : IClassFixture<CdnowWorkspace>
    {
        [Theory]
        [InlineData("1998-06", "1997-10", "evaluation")]
        [InlineData("1998-06", "1997-10", "churn")]
        [InlineData("1997-12", "1997-07", "cycles")]
        [InlineData("1997-06", "1997-04", "evaluation")]
        public void The_pass_equals_the_sql_on_cdnow(string month, string managementStart, string set)
        {
            var ws = cdnow.Workspace;
            var assignment = HashedAssignment(CustomerIds(ws), 5, 13, "ghost");
            var (_, tables) = AssertPassEqualsSql(ws, assignment, Requests(set, Month(month), Month(managementStart), new DateOnly(1997, 1, 1)));
            Assert.True(tables[0].Total(tables[0].Periods.Count - 1).Customers > 20_000);
        }
    }

    // ---- Hand-made tables ----

    /// <summary>A workspace whose transactions table (ingested from one CSV row, so of the canonical types) is emptied for hand-written rows.</summary>
    private static DataWorkspace EmptyTransactions(TempDirectory dir)
    {
        dir.Write("transactions.csv", $"{TxHeader}\nT1,a,2026-01-05 10:00:00,1,1,1,web,apparel,east,K1,0\n");
        var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        ws.Execute("DELETE FROM transactions");
        return ws;
    }

    private const string Insert = "INSERT INTO transactions (transaction_id, customer_id, \"timestamp\", amount, cost, is_return) VALUES";

    private static SegmentAssignment Assignment(params (string Id, string Segment)[] customers)
    {
        var keys = customers.Select(c => c.Segment).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(k => new SegmentDefinition(k, k, k)).ToArray();
        return new SegmentAssignment(customers.Select(c => c.Id).ToArray(), customers.Select(c => c.Segment).ToArray(), keys);
    }

    // ---- 3. Hand-checked edges ----

    /// <summary>
    /// Periods April, May, June 2026 (period −1: March), W = 45 days. Segment A: a1 (history in 1950 and 1969, two purchase days in
    /// April with half-cent amounts, a returns-only May, a purchase on June's last microsecond and one at the end itself), a2 (bought
    /// in March and April, in May a row whose return flag is NULL and a purchase exactly W days after April's: not churned), a3 (new
    /// in April, next purchase after W days: churned in May). Segment B: b1 (returns only), b2 (only before 1970, then June), b3 (two
    /// purchases on one day of June). Segment C: a customer without transactions. Rows of a customer outside the assignment and
    /// rows without a customer id count nowhere.
    /// </summary>
    private const string HandRows = """
        ('1', 'a1', TIMESTAMP '1950-03-10 10:00:00', 20.00, NULL, false),
        ('2', 'a1', TIMESTAMP '1969-12-31 23:00:00', 5.00, 1.00, false),
        ('3', 'a1', TIMESTAMP '2026-04-10 10:00:00', 0.005, NULL, false),
        ('4', 'a1', TIMESTAMP '2026-04-20 10:00:00', 1.015, 0.50, false),
        ('5', 'a1', TIMESTAMP '2026-05-15 10:00:00', -3.00, NULL, true),
        ('6', 'a1', TIMESTAMP '2026-06-30 23:59:59.999999', 7.00, 2.00, false),
        ('7', 'a1', TIMESTAMP '2026-07-01 00:00:00', 100.00, NULL, false),
        ('8', 'a2', TIMESTAMP '2026-03-05 12:00:00', 50.00, 20.00, false),
        ('9', 'a2', TIMESTAMP '2026-04-10 12:00:00', 30.00, 10.00, false),
        ('10', 'a2', TIMESTAMP '2026-05-20 12:00:00', 40.00, 3.00, NULL),
        ('11', 'a2', TIMESTAMP '2026-05-25 12:00:00', 25.00, 5.00, false),
        ('12', 'a3', TIMESTAMP '2026-04-02 09:00:00', 12.00, NULL, false),
        ('13', 'a3', TIMESTAMP '2026-05-20 09:00:00', 8.00, NULL, false),
        ('14', 'b1', TIMESTAMP '2026-04-15 09:00:00', -10.00, NULL, true),
        ('15', 'b1', TIMESTAMP '2026-06-03 09:00:00', -0.005, NULL, true),
        ('16', 'b2', TIMESTAMP '1969-07-04 10:00:00', 2.50, NULL, false),
        ('17', 'b2', TIMESTAMP '2026-06-10 10:00:00', 1000.00, 100.00, false),
        ('18', 'b3', TIMESTAMP '2026-06-01 00:00:00', 5.00, NULL, false),
        ('19', 'b3', TIMESTAMP '2026-06-01 18:00:00', 6.00, NULL, false),
        ('20', 'x', TIMESTAMP '2026-04-10 10:00:00', 99.00, 9.00, false),
        ('21', NULL, TIMESTAMP '2026-04-10 10:00:00', 77.00, 7.00, false),
        ('22', NULL, TIMESTAMP '2026-05-10 10:00:00', -7.00, NULL, true)
        """;

    private static readonly SegmentAssignment HandAssignment =
        Assignment(("a1", "A"), ("a2", "A"), ("a3", "A"), ("b1", "B"), ("b2", "B"), ("b3", "B"), ("c1", "C"));

    [Fact]
    public void The_pass_equals_the_sql_on_a_hand_made_table_whose_figures_are_checked_by_hand()
    {
        using var dir = new TempDirectory();
        using var ws = EmptyTransactions(dir);
        ws.Execute($"{Insert} {HandRows}");
        var options = new KpiOptions(new DateOnly(2026, 6, 1), ReportingCycle.Monthly, 3, 45);
        KpiCalculator.Request[] requests = [new(options, null, [2, 1, 0])];

        // The SQL's figures, checked by hand first.
        EngineTables.Upload(ws, HandAssignment);
        var table = KpiCalculator.Read(ws, HandAssignment, requests, EngineTables.Segments, inProcess: false).Tables(ws, requests)[0];
        void Row(string segment, int period, KpiCounts expected) =>
            Assert.True(expected == table.Row(segment, period).Counts, $"{segment} {period}: expected {expected}, got {table.Row(segment, period).Counts}");
        // Customers, active, new, previous active, retained, live at start, churned, repeaters, orders, gross, net, cost, net².
        // Money is each amount as DECIMAL(18, 2): 0.005 → 0.01, 1.015 → 1.01 (1.015 is 1.01499… in binary), −0.005 → −0.01.
        // A: April: a1 (0.01 + 1.01 on two days: a repeat), a2 (retained from March), a3 (new); net² = 1.02² + 30² + 12².
        Row("A", 0, Counts(3, 3, 1, 1, 1, 1, 0, 1, 4, 43.02, 43.02, 10.50, 1045.0404));
        // May: a1 returns only (not active); a2 one purchase (the NULL-flag row in net and cost only), retained; a3 retained and
        // churned (lapse 2026-05-17 < 05-20); a2's purchase on its lapse day (04-10 + 45 = 05-25) is not a churn.
        Row("A", 1, Counts(3, 2, 0, 3, 2, 3, 1, 0, 2, 33.00, 70.00, 8.00, 4298.0));
        // June: a1's purchase on the last microsecond counts (not the one at the end): churned (lapse 06-04, next purchase 06-30).
        Row("A", 2, Counts(3, 1, 0, 2, 0, 3, 1, 0, 1, 7.00, 7.00, 2.00, 49.0));
        Row("B", 0, Counts(1, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, -10.00, 0.0, 100.0));
        Row("B", 1, Counts(1, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0.0));
        Row("B", 2, Counts(2, 2, 1, 0, 0, 0, 0, 0, 3, 1011.00, 1010.99, 100.00, 1_000_121.0001));
        for (int p = 0; p < 3; p++) Row("C", p, KpiCounts.Zero);
        // The customer outside the assignment and the rows without a customer count nowhere.
        for (int p = 0; p < 3; p++)
            Assert.True(table.Total(p).Counts == table.Row("A", p).Counts + table.Row("B", p).Counts + table.Row("C", p).Counts, table.Total(p).ToString());
        // The samples: each active customer's orders and gross sales, in ordinal id order (A: April a1 a2 a3, May a2 a3, June a1;
        // B: June b2 b3).
        Assert.Equal([2.0, 1, 1, 1, 1, 1, 1, 2], Samples(table, s => s.Orders));
        Assert.Equal([1.02, 30.0, 12.0, 25.0, 8.0, 7.0, 1000.0, 11.0], Samples(table, s => s.GrossSales));

        AssertPassEqualsSql(ws, HandAssignment, requests);
    }

    // One array of every sample's values: segment A then B, periods 0, 1, 2.
    private static double[] Samples(KpiTable table, Func<CustomerSample, double[]> values) =>
        [.. new[] { "A", "B" }.SelectMany(s => Enumerable.Range(0, 3).SelectMany(p => values(table.Sample(s, p)!)))];

    private static KpiCounts Counts(long customers, long active, long newCustomers, long previousActive, long retained, long liveAtStart, long churned,
                                    long repeaters, long orders, double gross, double net, double cost, double netSquares) =>
        KpiCounts.Zero with
        {
            Customers = customers, ActiveCustomers = active, NewCustomers = newCustomers, PreviousActiveCustomers = previousActive,
            RetainedCustomers = retained, LiveAtStart = liveAtStart, ChurnedCustomers = churned, RepeatCustomers = repeaters, Orders = orders,
            GrossSales = gross, Revenue = net, Cost = cost, RevenueSquares = netSquares,
        };

    [Fact]
    public void The_hand_made_table_gives_the_sqls_sums_over_every_grid_around_its_edges()
    {
        using var dir = new TempDirectory();
        using var ws = EmptyTransactions(dir);
        ws.Execute($"{Insert} {HandRows}");
        var june = new DateOnly(2026, 6, 1);
        AssertPassEqualsSql(ws, HandAssignment,
        [
            new(new KpiOptions(june, ReportingCycle.Monthly, 3, 45), null, [2, 1, 0]),
            new(new KpiOptions(june, ReportingCycle.Monthly, 13), null, [12, 11, 0]),
            new(new KpiOptions(june, ReportingCycle.Quarterly, 3), null, [2, 1]),
            new(new KpiOptions(june, ReportingCycle.Yearly, 1), null, [0]),
            new(new KpiOptions(june, ReportingCycle.Monthly, 4, 200) { CustomPeriods = Custom(june, 2, 1, 4, 2) }, null, [3, 1]),
            new(KpiOptions.ForWindows([KpiPeriod.Of(0, new DateOnly(2026, 2, 1), 2), KpiPeriod.Of(1, new DateOnly(2026, 4, 1), 3)]), null, [0, 1]),
            new(new KpiOptions(new DateOnly(1970, 1, 1), ReportingCycle.Monthly, 3, 31), null, [2, 0]),
            new(new KpiOptions(new DateOnly(2026, 7, 1), ReportingCycle.Monthly, 2, 31), null, [1, 0]),
        ]);
        // Every end month from before the first row to after the last, one table each.
        foreach (var end in new[] { new DateOnly(1950, 2, 1), new DateOnly(1950, 3, 1), new DateOnly(1969, 12, 1), new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 1), new DateOnly(2026, 8, 1) })
            AssertPassEqualsSql(ws, HandAssignment, [new(new KpiOptions(end, ReportingCycle.Monthly, 2, 45), null, [1, 0]), new(new KpiOptions(end, ReportingCycle.Quarterly, 2), null, [1])]);
    }

    // ---- 4. Big money ----

    [Fact]
    public void Sums_beyond_two_to_the_53_units_equal_the_sqls_bit_for_bit()
    {
        using var dir = new TempDirectory();
        using var ws = EmptyTransactions(dir);
        // 2 000 customers × 5 purchases of about 9.9e9 in each of May and June 2026, and 5 returns of 0.9e6 less each month: Σ gross
        // of a segment-month ≈ 9.9e13 (> 2⁵³ cents ≈ 9.007e13), Σ net² ≈ 2 000 × (4.5e6)² (> 2⁵³ × 10⁻⁴), each customer-period's
        // net under the 10⁷ whose square the SQL's DECIMAL(18, 4) cannot hold; odd cents; a few small customers.
        ws.Execute($"""
            {Insert.Replace(" VALUES", "")}
            SELECT 'W' || i, 'whale' || (i % 2000), TIMESTAMP '2026-05-03 10:00:00' + INTERVAL (i // 2000 % 2 * 31) DAY + INTERVAL (i % 7) HOUR,
              CASE WHEN i // 4000 < 5 THEN 9900000000.01 + (i % 113) * 0.37 ELSE -(9899100000.00 + (i % 113) * 0.37) END,
              CASE WHEN i % 3 = 0 THEN NULL ELSE 4321987654.99 END, i // 4000 >= 5
            FROM range(40000) t(i);
            {Insert.Replace(" VALUES", "")}
            SELECT 'S' || i, 'small' || (i % 50), TIMESTAMP '2026-04-03 10:00:00' + INTERVAL (i * 3) DAY, (i % 1000) / 8.0, NULL, false
            FROM range(200) t(i)
            """);
        var ids = CustomerIds(ws);
        var assignment = new SegmentAssignment(ids, ids.Select(id => id.StartsWith("whale", StringComparison.Ordinal) ? "whales" : "small").ToArray(),
            [new SegmentDefinition("whales", "w", "w"), new SegmentDefinition("small", "s", "s")]);
        var june = new DateOnly(2026, 6, 1);
        var (sums, tables) = AssertPassEqualsSql(ws, assignment,
        [
            new(new KpiOptions(june, ReportingCycle.Monthly, 3), null, [2, 1]),
            new(new KpiOptions(june, ReportingCycle.Quarterly, 2), null, [1]),
        ]);
        var may = tables[0].Row("whales", 1).Counts;
        Assert.True(may.GrossSales > (1L << 53) / 100.0 && may.RevenueSquares > (1L << 53) / 1e4, may.ToString());
        Assert.True(sums.Raw[1][0][2][KpiCalculator.Gross] > 2 * (1L << 53) / 100.0);
    }

    // ---- 5. Large and small samples ----

    [Fact]
    public void A_segment_of_more_than_the_large_sample_carries_moments_and_a_small_one_its_customers()
    {
        using var dir = new TempDirectory();
        using var ws = EmptyTransactions(dir);
        // 21 000 customers who buy in October 2025, September and October 2026 (the evaluation's sample periods), some twice a month
        // or also returning, with half-cent and many-decimal amounts; 300 customers of a small segment in the same months.
        ws.Execute($"""
            {Insert.Replace(" VALUES", "")}
            SELECT 'L' || i, 'big' || lpad(CAST(i % 21000 AS VARCHAR), 6, '0'),
              [TIMESTAMP '2025-10-02 08:00:00', TIMESTAMP '2026-09-02 08:00:00', TIMESTAMP '2026-10-02 08:00:00'][i // 21000 % 3 + 1]
                + INTERVAL (i % 27) DAY + INTERVAL (i % 1000) SECOND,
              CASE WHEN i >= 63000 AND i % 41 = 0 THEN -((i % 500) / 8.0) ELSE (i % 100003) / 1000.0 + (i % 4) * 0.005 END,
              CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 7919) / 200.0 END, i >= 63000 AND i % 41 = 0
            FROM range(21000 * 3 + 9000) t(i);
            {Insert.Replace(" VALUES", "")}
            SELECT 'M' || i, 'tiny' || (i % 300),
              [TIMESTAMP '2025-10-02 08:00:00', TIMESTAMP '2026-09-02 08:00:00', TIMESTAMP '2026-10-02 08:00:00'][i // 300 % 3 + 1] + INTERVAL (i % 20) DAY,
              (i % 1000) / 8.0 + 0.005, NULL, false
            FROM range(1200) t(i)
            """);
        var ids = CustomerIds(ws);
        var assignment = new SegmentAssignment(ids, ids.Select(id => id.StartsWith("big", StringComparison.Ordinal) ? "big" : "tiny").ToArray(),
            [new SegmentDefinition("big", "b", "b"), new SegmentDefinition("tiny", "t", "t")]);
        var october = new DateOnly(2026, 10, 1);
        var (_, tables) = AssertPassEqualsSql(ws, assignment,
        [
            new(new KpiOptions(october), null, [12, 11, 0]),
            new(new KpiOptions(october), null, [12, 10]),
        ]);
        foreach (int p in new[] { 12, 11, 0 })
        {
            var big = tables[0].Sample("big", p)!;
            Assert.True(big.Moments is not null && big.Count > Analytics.Statistics.Tests.BootstrapTest.LargeSample, $"big, period {p}: {big.Count}");
            var tiny = tables[0].Sample("tiny", p)!;
            Assert.True(tiny.Moments is null && tiny.Count > 250, $"tiny, period {p}: {tiny.Count}");
        }
        // Period 10 has no active customer of the big segment: not large in every wanted period, it carries its customers.
        Assert.True(tables[1].Sample("big", 10)!.Count == 0 && tables[1].Sample("big", 12) is { Moments: null, Count: > 20_000 });
    }

    // ---- 6. Property: random small tables ----

    private sealed record RandomRow(int Customer, int Month, int Day, int TimeKind, int AmountKind, long Units, int Flag, int Cost);

    private sealed record RandomRequest(int Cycle, int Periods, int EndMonth, int ExtraWindow, int[] Lengths, int SampleMask);

    private static readonly string[] IdPool = ["a", "B", "b", "a10", "a9", "é", "日本", "0123456789abcdef", "0123456789abcdef0", "Z", "ß", "\uFF21", "\U0002000B", "x", "C0001"];

    private static readonly double[] Ties = [0.005, -0.005, 1.015, 0.125, 2.675, 1.005, 0.015, 1.115, 0.285, 4.125, 99999.995, 10.245];

    private static readonly Gen<RandomRow> RowGen =
        Gen.Select(Gen.Int[0, IdPool.Length], Gen.Int[-30, 8], Gen.Int[1, 28], Gen.Int[0, 5], Gen.Int[0, 3], Gen.Long[0, 30_000_000], Gen.Int[0, 5], Gen.Int[0, 3],
            (customer, month, day, time, amount, units, flag, cost) => new RandomRow(customer, month, day, time, amount, units, flag, cost));

    private static readonly Gen<RandomRequest> RequestGen =
        Gen.Select(Gen.Int[0, 3], Gen.Int[1, 6], Gen.Int[-24, 6], Gen.Int[0, 400], Gen.Int[1, 5].Array[1, 5], Gen.Int[0, 63],
            (cycle, periods, end, window, lengths, mask) => new RandomRequest(cycle, periods, end, window, lengths, mask));

    private static readonly Gen<(RandomRow[] Rows, int[] Segments, RandomRequest[] Requests)> Cases =
        from rows in RowGen.Array[1, 120]
        from segments in Gen.Int[-1, 2].Array[IdPool.Length, IdPool.Length]
        from requests in RequestGen.Array[1, 3]
        select (rows, segments, requests);

    private static readonly DateOnly BaseMonth = new(2026, 1, 1);

    private static string Literal(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A random row: a purchase (positive or zero), a return (negative), or a row whose return flag is NULL (any sign);
    /// an id from the pool or NULL; a time at a month's first or last microsecond, before 1970, or inside the month.</summary>
    private static string Values(RandomRow r, int index)
    {
        double magnitude = r.AmountKind switch
        {
            0 => Math.Abs(Ties[(int)(r.Units % Ties.Length)]),
            1 => r.Units / 1000.0,
            2 => Math.Round(r.Units / 100.0, 2),
            _ => r.Units % 1000 / 8.0,
        };
        string flag = r.Flag switch { 0 => "NULL", 1 or 2 => "true", _ => "false" };
        double amount = flag == "true" || (flag == "NULL" && r.Units % 2 == 0) ? -magnitude : magnitude;
        var month = BaseMonth.AddMonths(r.Month).ToDateTime(TimeOnly.MinValue);
        var ts = r.TimeKind switch
        {
            0 => month,
            1 => month.AddMonths(1).AddTicks(-10),
            2 => new DateTime(1969, 12, 31, 12, 0, 0).AddDays(-r.Day * 40).AddSeconds(r.Units % 86_400),
            _ => month.AddDays(r.Day - 1).AddSeconds(r.Units % 86_400).AddTicks(r.Units % 10 * 10),
        };
        string cost = r.Cost == 0 ? "NULL" : Literal(r.Units % 100_000 / 1000.0);
        string id = r.Customer == IdPool.Length ? "NULL" : $"'{IdPool[r.Customer]}'";
        return $"('R{index}', {id}, TIMESTAMP '{ts:yyyy-MM-dd HH:mm:ss.ffffff}', {Literal(amount)}, {cost}, {flag})";
    }

    private static KpiCalculator.Request ToRequest(RandomRequest r)
    {
        var end = BaseMonth.AddMonths(r.EndMonth);
        int sampleCount = r.Cycle == 3 ? r.Lengths.Length : r.Periods;
        int[] samples = [.. Enumerable.Range(0, sampleCount).Where(p => (r.SampleMask >> p & 1) == 1)];
        if (r.Cycle == 3)
        {
            var periods = Custom(end, r.Lengths);
            return new(new KpiOptions(end, ReportingCycle.Monthly, periods.Length, periods.Max(p => p.Days) + r.ExtraWindow) { CustomPeriods = periods }, null, samples);
        }
        var cycle = r.Cycle switch { 0 => ReportingCycle.Monthly, 1 => ReportingCycle.Quarterly, _ => ReportingCycle.Yearly };
        int longest = cycle switch { ReportingCycle.Monthly => 31, ReportingCycle.Quarterly => 92, _ => 366 };
        return new(new KpiOptions(end, cycle, r.Periods, r.ExtraWindow % 3 == 0 ? null : longest + r.ExtraWindow), null, samples);
    }

    [Fact]
    public void The_pass_equals_the_sql_on_random_small_tables_and_grids()
    {
        using var dir = new TempDirectory();
        using var ws = EmptyTransactions(dir);
        // A longer or other run: SEG_KPI_GRAIN_ITERATIONS, SEG_KPI_GRAIN_SEED.
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("SEG_KPI_GRAIN_ITERATIONS"), out var n) ? n : 100;
        ulong seed = ulong.TryParse(Environment.GetEnvironmentVariable("SEG_KPI_GRAIN_SEED"), out var sd) ? sd : 20_261_203;
        var pcg = new PCG(1, seed);
        long churned = 0, retained = 0, sampled = 0;
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            var (rows, segments, randomRequests) = Cases.Generate(pcg, null, out _);
            string values = string.Join(",\n", rows.Select(Values));
            ws.Execute("DELETE FROM transactions");
            ws.Execute($"{Insert} {values}");
            var assigned = Enumerable.Range(0, IdPool.Length).Where(i => segments[i] >= 0).ToArray();
            var assignment = new SegmentAssignment([.. assigned.Select(i => IdPool[i]), "ghost"], [.. assigned.Select(i => "g" + segments[i]), "g0"],
                [new SegmentDefinition("g0", "0", "0"), new SegmentDefinition("g1", "1", "1"), new SegmentDefinition("g2", "2", "2")]);
            var requests = randomRequests.Select(ToRequest).ToArray();
            try
            {
                var (_, tables) = AssertPassEqualsSql(ws, assignment, requests);
                churned += tables.Sum(t => t.Rows.Where(r => !r.IsTotal).Sum(r => r.ChurnedCustomers));
                retained += tables.Sum(t => t.Rows.Where(r => !r.IsTotal).Sum(r => r.Counts.RetainedCustomers));
                sampled += tables.Sum(t => t.Samples.Values.Sum(s => s.Count));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new Xunit.Sdk.XunitException($"iteration {iteration} (SEG_KPI_GRAIN_SEED={seed}) failed: {e.Message}\nrequests: " +
                    $"{string.Join("; ", requests.Select(r => $"{string.Join(", ", r.Options.ResolvedPeriods.Select(p => p.Label))} W={r.Options.ResolvedChurnWindowDays} samples [{string.Join(", ", r.SamplePeriods!)}]"))}\n" +
                    $"assignment: {string.Join(", ", assignment.CustomerIds.Zip(assignment.SegmentKeys, (c, s) => $"{c}:{s}"))}\nrows:\n{values}");
            }
        }
        // The generator reaches churn, retention and samples.
        Assert.True(churned > iterations && retained > iterations && sampled > iterations, $"{churned} {retained} {sampled}");
    }

    // ---- 7. Fallbacks ----

    /// <summary>A workspace of generated transactions (50 customers, 2025-01 … 2026-10) with every customer assigned to 3 segments.</summary>
    private static DataWorkspace Generated(TempDirectory dir, out SegmentAssignment assignment)
    {
        GeneratedTransactions.Write(dir.File("transactions.csv"), customers: 50, rows: 500, seed: 3);
        var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        assignment = HashedAssignment(CustomerIds(ws), 3, 1_000_000);
        return ws;
    }

    private static readonly KpiCalculator.Request[] FallbackRequests =
    [
        new(new KpiOptions(new DateOnly(2026, 9, 1)), null, [12, 11, 0]),
        new(new KpiOptions(new DateOnly(2026, 9, 1), ReportingCycle.Quarterly, 4), null, [3]),
    ];

    /// <summary>What a case must give: the SQL's sums by the SQL (the grain declines), the SQL's sums by either, or the SQL's error
    /// (which the in-process read must raise too).</summary>
    public enum Expect
    {
        Fallback,
        Either,
        SqlError,
    }

    public static TheoryData<string, string, Expect> OutsideRows => new()
    {
        // case, the extra rows' (customer_id, timestamp, amount, cost, is_return), what the SQL does
        { "a NULL amount", "('C00001', TIMESTAMP '2026-01-05 10:00:00', NULL, NULL, false)", Expect.Fallback },
        { "a NULL amount on the last microsecond", "('C00001', TIMESTAMP '2026-09-30 23:59:59.999999', NULL, NULL, false)", Expect.Fallback },
        { "a NULL amount and a NULL return flag", "('C00003', TIMESTAMP '2026-02-05 10:00:00', NULL, 3, NULL)", Expect.Fallback },
        { "an amount of 1e13 and its return in one month", "('C00001', TIMESTAMP '2026-01-05 10:00:00', 1e13, NULL, false), ('C00001', TIMESTAMP '2026-01-06 10:00:00', -1e13, NULL, true)", Expect.Fallback },
        { "a purchase and a return of -1e13 in one month", "('C00002', TIMESTAMP '2026-04-05 10:00:00', 9999999999999.99, NULL, false), ('C00002', TIMESTAMP '2026-04-06 10:00:00', -1e13, NULL, true)", Expect.Fallback },
        { "a cost of 1e13", "('C00001', TIMESTAMP '2026-01-05 10:00:00', 5, 1e13, false)", Expect.Fallback },
        { "a cost of -1e13", "('C00001', TIMESTAMP '2026-01-05 10:00:00', 5, -1e13, false)", Expect.Fallback },
        // A customer-month of more than 2⁵³ cents of purchases (odd cents: its double is rounded once by the SQL), returned in the
        // same month so that the net stays small; in the sampled periods.
        { "a customer-month of 9.9e13 bought and returned", string.Join(", ", Enumerable.Range(0, 11).Select(k => string.Create(CultureInfo.InvariantCulture,
            $"('C00004', TIMESTAMP '2026-09-0{k % 9 + 1} 10:00:00', 9000000000000.01, NULL, false), ('C00004', TIMESTAMP '2026-09-20 10:00:00', -9000000000000.01, NULL, true)"))), Expect.Either },
        // Rows the SQL drops before it casts: a customer outside the assignment (dropped by the join, after the cast of each
        // customer-month though), timestamps after the end.
        { "an amount of 1e13 of a customer outside the assignment", "('nobody', TIMESTAMP '2026-01-05 10:00:00', 1e13, 1e13, false)", Expect.Either },
        { "a NULL amount of a customer outside the assignment", "('nobody', TIMESTAMP '2026-01-05 10:00:00', NULL, NULL, false)", Expect.Either },
        { "a purchase in the year 20000", "('C00001', make_timestamp(20000, 1, 1, 0, 0, 0), 5, NULL, false)", Expect.Either },
        { "a purchase in the year 1", "('C00001', TIMESTAMP '0001-01-01 00:00:00', 5, NULL, false)", Expect.Either },
        { "a purchase before the year 1", "('C00001', make_timestamp(-49, 6, 1, 10, 0, 0), 5, NULL, false)", Expect.Either },
        // Amounts of 10¹³ are the SQL's (whose DECIMAL(38, 2) square of a customer-period's net holds them).
        { "an amount of 1e13", "('C00001', TIMESTAMP '2026-01-05 10:00:00', 1e13, NULL, false)", Expect.Fallback },
        { "an amount of -1e13 flagged as a return", "('C00002', TIMESTAMP '2026-01-05 10:00:00', -1e13, NULL, true)", Expect.Fallback },
        // NaN and infinity do not cast to DECIMAL.
        { "a NaN amount", "('C00001', TIMESTAMP '2026-01-05 10:00:00', 'NaN'::DOUBLE, NULL, false)", Expect.SqlError },
        { "an infinite amount", "('C00001', TIMESTAMP '2026-01-05 10:00:00', 'Infinity'::DOUBLE, NULL, false)", Expect.SqlError },
        { "an infinite cost", "('C00001', TIMESTAMP '2026-01-05 10:00:00', 5, '-Infinity'::DOUBLE, false)", Expect.SqlError },
        { "a NaN amount of a customer outside the assignment", "('nobody', TIMESTAMP '2026-01-05 10:00:00', 'NaN'::DOUBLE, NULL, false)", Expect.SqlError },
        { "a NaN amount without a customer id", "(NULL, TIMESTAMP '2026-01-05 10:00:00', 'NaN'::DOUBLE, NULL, false)", Expect.SqlError },
        { "an infinite cost of a customer outside the assignment", "('nobody', TIMESTAMP '2026-01-05 10:00:00', 5, 'Infinity'::DOUBLE, false)", Expect.SqlError },
        { "an amount of 1e16 of a customer outside the assignment", "('nobody', TIMESTAMP '2026-01-05 10:00:00', 1e16, NULL, false)", Expect.SqlError },
        // Beyond DECIMAL(18, 2).
        { "an amount of 1e16", "('C00001', TIMESTAMP '2026-01-05 10:00:00', 1e16, NULL, false)", Expect.SqlError },
        { "a cost of -1e16", "('C00001', TIMESTAMP '2026-01-05 10:00:00', 5, -1e16, false)", Expect.SqlError },
    };

    [Theory]
    [MemberData(nameof(OutsideRows))]
    public void Outside_what_the_grain_handles_the_sql_runs_or_fails_as_it_does(string description, string rows, Expect expect)
    {
        using var dir = new TempDirectory();
        using var ws = Generated(dir, out var assignment);
        ws.Execute($"""
            INSERT INTO transactions (transaction_id, customer_id, "timestamp", amount, cost, is_return)
            SELECT 'X' || row_number() OVER (), * FROM (VALUES {rows}) v
            """);
        AssertPassEqualsSqlOrFailsAlike(ws, assignment, FallbackRequests, expect, description);
    }

    /// <summary>Without <see cref="Expect.SqlError"/>: <see cref="AssertPassEqualsSql(DataWorkspace, SegmentAssignment, IReadOnlyList{KpiCalculator.Request}, bool?)"/>
    /// expecting the SQL (or either); with it: both reads raise the engine's error, with the same message.</summary>
    private static void AssertPassEqualsSqlOrFailsAlike(DataWorkspace ws, SegmentAssignment assignment, IReadOnlyList<KpiCalculator.Request> requests,
                                                        Expect expect, string description)
    {
        if (expect != Expect.SqlError)
        {
            AssertPassEqualsSql(ws, assignment, requests, expectPass: expect == Expect.Fallback ? false : null);
            return;
        }
        EngineTables.Upload(ws, assignment);
        var expected = Assert.Throws<DuckDBException>(() => KpiCalculator.Read(ws, assignment, requests, EngineTables.Segments, inProcess: false));
        KpiCalculator.Sums? sums = null;
        var actual = Record.Exception(() => sums = KpiCalculator.Read(ws, assignment, requests, EngineTables.Segments, inProcess: true));
        Assert.True(actual is not null, $"{description}: the SQL fails ({expected.Message}), the in-process read gave sums (from the grain: {sums?.FromPass})");
        Assert.True(actual is DuckDBException && expected.Message == actual.Message, $"{description}: SQL: {expected.Message}; in process: {actual}");
    }

    [Fact]
    public void A_customer_month_beyond_decimal_18_2_fails_in_the_sql_and_in_the_in_process_read_alike()
    {
        using var dir = new TempDirectory();
        using var ws = Generated(dir, out var assignment);
        // 1 100 purchases of 9 999 999 999 999.99 (each under 10¹³) and as many returns in one month: a net of 0, but a gross of about
        // 1.1e16, which the SQL's DECIMAL(18, 2) of the customer-month cannot hold.
        ws.Execute("""
            INSERT INTO transactions (transaction_id, customer_id, "timestamp", amount, cost, is_return)
            SELECT 'X' || i, 'C00001', TIMESTAMP '2026-05-05 10:00:00', CASE WHEN i % 2 = 0 THEN 9999999999999.99 ELSE -9999999999999.99 END, NULL, i % 2 = 1
            FROM range(2200) t(i)
            """);
        AssertPassEqualsSqlOrFailsAlike(ws, assignment, FallbackRequests, Expect.SqlError, "a customer-month gross of 1.1e16");
        // The same of a customer outside the assignment: the SQL casts every customer-month before its join drops it, and fails; the
        // pass never sums an unassigned customer's rows and answers (the documented difference), with the sums of the SQL over the
        // table without them.
        ws.Execute("UPDATE transactions SET customer_id = 'nobody' WHERE transaction_id LIKE 'X%'");
        EngineTables.Upload(ws, assignment);
        Assert.Throws<DuckDBException>(() => KpiCalculator.Read(ws, assignment, FallbackRequests, EngineTables.Segments, inProcess: false));
        var pass = KpiCalculator.Read(ws, assignment, FallbackRequests, EngineTables.Segments, inProcess: true);
        Assert.True(pass.FromPass);
        ws.Execute("DELETE FROM transactions WHERE transaction_id LIKE 'X%'");
        var sql = KpiCalculator.Read(ws, assignment, FallbackRequests, EngineTables.Segments, inProcess: false);
        for (int t = 0; t < sql.Raw.Length; t++)
            for (int g = 0; g < sql.Raw[t].Length; g++)
                for (int p = 0; p < sql.Raw[t][g].Length; p++)
                    Assert.Equal(sql.Raw[t][g][p], pass.Raw[t][g][p]);
    }

    [Fact]
    public void A_customer_period_net_of_ten_million_and_more_is_squared_alike()
    {
        using var dir = new TempDirectory();
        using var ws = EmptyTransactions(dir);
        // The SQL squared each customer-period's net as DECIMAL(18, 2) × DECIMAL(18, 2) in 64 bits, within DECIMAL(18, 4): a net
        // of 9 999 999.99 squares to 99 999 999 800 000.0001, a net of 10 000 000.00 overflowed it. Squared as DECIMAL(38, 2) now, both
        // hold, in the SQL and in process. Across months of one quarter, and as a return.
        ws.Execute($"""
            {Insert}
            ('1', 'edge', TIMESTAMP '2026-04-05 10:00:00', 5000000.00, NULL, false),
            ('2', 'edge', TIMESTAMP '2026-05-05 10:00:00', 4999999.99, NULL, false),
            ('3', 'minus', TIMESTAMP '2026-05-05 10:00:00', -9999999.99, NULL, true),
            ('4', 'small', TIMESTAMP '2026-05-05 10:00:00', 12.5, NULL, false)
            """);
        var assignment = Assignment(("edge", "E"), ("minus", "E"), ("small", "S"));
        KpiCalculator.Request[] requests = [new(new KpiOptions(new DateOnly(2026, 6, 1), ReportingCycle.Quarterly, 2), null, [1])];
        var (_, tables) = AssertPassEqualsSql(ws, assignment, requests);
        Assert.Equal(2 * 99_999_999_800_000.0001, tables[0].Row("E", 1).Counts.RevenueSquares);
        ws.Execute($"{Insert} ('5', 'edge', TIMESTAMP '2026-06-05 10:00:00', 0.01, NULL, false)");
        (_, tables) = AssertPassEqualsSql(ws, assignment, requests);
        Assert.Equal(1e14 + 99_999_999_800_000.0001, tables[0].Row("E", 1).Counts.RevenueSquares);
        ws.Execute("DELETE FROM transactions WHERE transaction_id = '5'");
        ws.Execute($"{Insert} ('6', 'minus', TIMESTAMP '2026-04-30 23:59:59.999999', -0.01, NULL, true)");
        (_, tables) = AssertPassEqualsSql(ws, assignment, requests);
        Assert.Equal(99_999_999_800_000.0001 + 1e14, tables[0].Row("E", 1).Counts.RevenueSquares);
        // A net of 10⁹ (a wholesale customer's quarter): 10¹⁸ squared.
        ws.Execute($"{Insert} ('7', 'small', TIMESTAMP '2026-05-06 10:00:00', 999999987.5, NULL, false)");
        (_, tables) = AssertPassEqualsSql(ws, assignment, requests);
        Assert.Equal(1e18, tables[0].Row("S", 1).Counts.RevenueSquares);
    }

    [Theory]
    [InlineData("\"timestamp\"", "TIMESTAMP_NS", "TIMESTAMP_NS")]
    [InlineData("\"timestamp\"", "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE")]
    [InlineData("amount", "DECIMAL(18, 3)", "DECIMAL(18,3)")]
    public void A_column_of_another_type_is_left_to_the_sql(string column, string type, string described)
    {
        using var dir = new TempDirectory();
        using var ws = Generated(dir, out var assignment);
        ws.Execute($"""
            CREATE TEMP TABLE retyped AS SELECT * REPLACE (CAST({column} AS {type}) AS {column}) FROM transactions;
            DROP TABLE transactions;
            ALTER TABLE retyped RENAME TO transactions
            """);
        Assert.Equal(described, ws.Scalar<string>($"SELECT data_type FROM information_schema.columns WHERE table_name = 'transactions' AND column_name = '{column.Trim('"')}'"));
        AssertPassEqualsSql(ws, assignment, FallbackRequests, expectPass: false);
    }

    [Fact]
    public void A_customer_twice_in_the_segments_table_is_left_to_the_sql()
    {
        using var dir = new TempDirectory();
        using var ws = Generated(dir, out var assignment);
        EngineTables.Upload(ws, assignment);
        // The same row twice (a table not made by EngineTables.Upload): the SQL's join counts the customer's months twice.
        ws.Execute($"CREATE TABLE twice AS SELECT * FROM {EngineTables.Segments} UNION ALL SELECT * FROM {EngineTables.Segments} WHERE customer_id = 'C00001'");
        var (sums, _) = AssertPassEqualsSql(ws, assignment, FallbackRequests, "twice", expectPass: false);
        EngineTables.Upload(ws, assignment);
        var once = KpiCalculator.Read(ws, assignment, FallbackRequests, EngineTables.Segments, inProcess: false);
        Assert.NotEqual(once.Tables(ws, FallbackRequests)[0].Rows, sums.Tables(ws, FallbackRequests)[0].Rows);
    }

    [Fact]
    public void A_session_with_a_default_collation_is_left_to_the_sql()
    {
        using var dir = new TempDirectory();
        using var ws = Generated(dir, out var assignment);
        // Under NOCASE the SQL joins c00001's purchase (after the generated data, the only one of its month) to C00001's segment.
        ws.Execute("INSERT INTO transactions (transaction_id, customer_id, \"timestamp\", amount, cost, is_return) SELECT 'X1', 'c00001', TIMESTAMP '2026-11-15 10:00:00', 12.5, NULL, false");
        KpiCalculator.Request[] requests = [new(new KpiOptions(new DateOnly(2026, 12, 1)), null, [12, 11, 10, 0])];
        ws.Execute("SET default_collation = 'nocase'");
        var nocase = AssertPassEqualsSql(ws, assignment, requests, expectPass: false).Tables;
        ws.Execute("RESET default_collation");
        var binary = AssertPassEqualsSql(ws, assignment, requests).Tables;
        Assert.Equal(0, binary[0].Total(11).ActiveCustomers);
        Assert.Equal(1, nocase[0].Total(11).ActiveCustomers);
    }
}
