using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Computes the KPI table: transaction-level sums per segment × period in the engine (<see cref="KpiQuery"/>, one SQL definition
/// for DuckDB, PostgreSQL and ClickHouse), combined in C# into the KPIs of <see cref="KpiDefinitions"/> and a total row.
/// </summary>
public static class KpiCalculator
{
    /// <summary>
    /// The KPI table of <paramref name="assignment"/>'s segments over the periods of <paramref name="options"/>. Reads the
    /// engine tables transactions (required), feedback and market (optional: their KPIs are null without them).
    /// Customers not in the assignment are left out.
    /// </summary>
    /// <param name="engine">The engine holding the validated tables.</param>
    /// <param name="assignment">Segment of every customer.</param>
    /// <param name="options">Periods and churn window.</param>
    /// <param name="lifetimeValue">Optional CLV of each assigned customer (same order as the assignment) at the end of the last
    /// period; fills clv_mean/clv_total of the last period.</param>
    /// <param name="samplePeriods">Period indices whose per-customer samples (orders, gross sales of each active customer) the table
    /// should carry for the bootstrap of order ratios in <see cref="KpiComparer"/>.</param>
    /// <exception cref="ArgumentException">Options are invalid or the CLV array has the wrong length.</exception>
    public static KpiTable Compute(ISqlEngine engine, SegmentAssignment assignment, KpiOptions options, IReadOnlyList<double>? lifetimeValue = null,
                                   IReadOnlyCollection<int>? samplePeriods = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (lifetimeValue is not null && lifetimeValue.Count != assignment.Count)
            throw new ArgumentException($"lifetimeValue has {lifetimeValue.Count} values; the assignment has {assignment.Count} customers.", nameof(lifetimeValue));
        EngineTables.Upload(engine, assignment);
        try
        {
            return Compute(engine, assignment, options, lifetimeValue, samplePeriods, EngineTables.Segments);
        }
        finally
        {
            engine.Execute($"DROP TABLE IF EXISTS {engine.Dialect.Id(EngineTables.Segments)}");
        }
    }

    /// <summary>What one KPI table of <see cref="Compute(ISqlEngine, SegmentAssignment, IReadOnlyList{Request}, string)"/> is made of.</summary>
    /// <param name="Options">Periods and churn window.</param>
    /// <param name="LifetimeValue">Optional CLV of each assigned customer (same order as the assignment).</param>
    /// <param name="SamplePeriods">Period indices whose per-customer samples the table should carry.</param>
    /// <param name="LifetimeValueBySegment">Instead of <paramref name="LifetimeValue"/>: each segment's CLV total and customers (the
    /// in-engine path's estimates from its customer sample, where no array follows the engine's customers).</param>
    internal sealed record Request(KpiOptions Options, IReadOnlyList<double>? LifetimeValue = null, IReadOnlyCollection<int>? SamplePeriods = null,
                                   IReadOnlyDictionary<string, (double Total, long Customers)>? LifetimeValueBySegment = null);

    /// <summary>The same over an assignment already uploaded as <paramref name="segmentsTable"/>(customer_id, segment).</summary>
    internal static KpiTable Compute(ISqlEngine engine, SegmentAssignment assignment, KpiOptions options, IReadOnlyList<double>? lifetimeValue,
                                     IReadOnlyCollection<int>? samplePeriods, string segmentsTable) =>
        Compute(engine, assignment, [new Request(options, lifetimeValue, samplePeriods)], segmentsTable)[0];

    /// <summary>
    /// The KPI tables of several requests (e.g. the monthly periods and the before/after windows) over an assignment already
    /// uploaded as <paramref name="segmentsTable"/>(customer_id, segment): the transactions and the feedback are read once, as
    /// per customer × month sums every table's periods derive from.
    /// </summary>
    internal static IReadOnlyList<KpiTable> Compute(ISqlEngine engine, SegmentAssignment assignment, IReadOnlyList<Request> requests, string segmentsTable) =>
        Read(engine, assignment, requests, segmentsTable).Tables(engine, requests);

    /// <summary>
    /// The engine part of <see cref="Compute(ISqlEngine, SegmentAssignment, IReadOnlyList{Request}, string)"/>: every request's sums
    /// and samples (<see cref="Request.LifetimeValue"/> is not read here). The tables follow from <see cref="Sums.Tables"/>, which may
    /// be given the CLV computed meanwhile: the evaluation reads the KPI sums before the churn models hold their per-customer arrays,
    /// so the large per-month tables never live beside them (peak memory).
    /// </summary>
    /// <remarks>Where the engine can compute the customer × month grain in process (<see cref="ICustomerMonthSource"/>: DuckDB's
    /// workspace) the sums come from it (<see cref="CustomerMonthFold"/>) instead of the per-month and per-period tables of the SQL;
    /// <c>inProcess: false</c> always runs the SQL (the tests compare the two). A grain folded earlier by the snapshots' pass
    /// (<c>held</c>, <see cref="EvaluationOptions.CustomerMonths"/>; only for a segments table uploaded from the assignment) is used
    /// first when it covers the periods' transactions.</remarks>
    internal static Sums Read(ISqlEngine engine, SegmentAssignment assignment, IReadOnlyList<Request> requests, string segmentsTable, bool inProcess = true,
        HeldCustomerMonths? held = null)
    {
        var d = engine.Dialect;
        var keys = assignment.Segments.Select(s => s.Key).ToArray();
        var index = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
        // acc[table][segment][period + 1] (slot 0 = period −1) of the raw sums.
        var acc = new double[requests.Count][][][];
        var samples = new Dictionary<(string, int), CustomerSample>[requests.Count];
        var end = requests.Max(r => r.Options.ResolvedPeriods[^1].EndExclusive);
        // The grain held from the snapshots' pass when it covers these transactions, else the engine's own, else the SQL.
        var heldGrain = inProcess && held is not null && held.End == end && held.Transactions == "transactions" ? held.TryGrain(assignment, keys) : null;
        var grain = heldGrain ?? (inProcess && engine is ICustomerMonthSource source ? source.TryCustomerMonths(segmentsTable, keys, end) : null);
        bool fromPass = grain is not null, fromHeld = heldGrain is not null;
        if (grain is not null)
        {
            for (int t = 0; t < requests.Count; t++)
                (acc[t], samples[t]) = CustomerMonthFold.Sums(engine, grain, requests[t], keys);
        }
        else
        {
            foreach (var sql in KpiQuery.Prepare(d, end, segmentsTable)) engine.Execute(sql);
            try
            {
                for (int t = 0; t < requests.Count; t++)
                    (acc[t], samples[t]) = ReadSums(engine, requests[t], keys, index, lastUse: t == requests.Count - 1);
            }
            finally
            {
                foreach (var sql in KpiQuery.Cleanup(d)) engine.Execute(sql);
            }
        }
        if (engine.HasTable("feedback"))
            ReadFeedback(engine, requests.Select(r => r.Options.ResolvedPeriods).ToArray(), segmentsTable, index, acc);
        return new Sums(assignment, requests.Select(r => r.Options).ToArray(), keys, index, acc, samples) { FromPass = fromPass, FromHeld = fromHeld };
    }

    /// <summary>The raw sums and samples of <see cref="Read"/>, per request in order.</summary>
    internal sealed class Sums
    {
        private readonly SegmentAssignment _assignment;
        private readonly KpiOptions[] _options;
        private readonly string[] _keys;
        private readonly Dictionary<string, int> _index;
        private readonly double[][][][] _acc;
        private readonly Dictionary<(string, int), CustomerSample>[] _samples;

        internal Sums(SegmentAssignment assignment, KpiOptions[] options, string[] keys, Dictionary<string, int> index, double[][][][] acc,
                      Dictionary<(string, int), CustomerSample>[] samples)
        {
            _assignment = assignment; _options = options; _keys = keys; _index = index; _acc = acc; _samples = samples;
        }

        /// <summary>True when the transactions' sums came from the in-process grain (<see cref="ICustomerMonthSource"/>), not the SQL.</summary>
        internal bool FromPass { get; init; }

        /// <summary>True when that grain was the one folded earlier by the snapshots' pass (<see cref="EvaluationOptions.CustomerMonths"/>).</summary>
        internal bool FromHeld { get; init; }

        /// <summary>The segment keys, in the order of <see cref="Raw"/>'s second index.</summary>
        internal IReadOnlyList<string> Keys => _keys;

        /// <summary>The raw sums: [request][segment][period + 1][slot] (slot 0 of the third index is period −1; the slots are the
        /// constants <see cref="Customers"/> … <see cref="Referrers"/>).</summary>
        internal double[][][][] Raw => _acc;

        /// <summary>Per request, the customer samples by (segment, period).</summary>
        internal IReadOnlyList<IReadOnlyDictionary<(string Segment, int Period), CustomerSample>> Samples => _samples;

        /// <summary>The tables of <paramref name="requests"/>: the requests read, in order, with their CLV (the options must be the same).</summary>
        /// <exception cref="ArgumentException">The requests are not those read.</exception>
        public IReadOnlyList<KpiTable> Tables(ISqlEngine engine, IReadOnlyList<Request> requests)
        {
            if (requests.Count != _options.Length || requests.Where((r, t) => r.Options != _options[t]).Any())
                throw new ArgumentException("The requests differ from those whose sums were read.", nameof(requests));
            for (int t = 0; t < requests.Count; t++)
                if (requests[t].LifetimeValue is { } clv && clv.Count != _assignment.Count)
                    throw new ArgumentException($"lifetimeValue has {clv.Count} values; the assignment has {_assignment.Count} customers.", nameof(requests));
            return requests.Select((r, t) => Combine(engine, _assignment, r, _keys, _index, _acc[t], _samples[t])).ToArray();
        }
    }

    // The period sums, new/retained counts, events and samples of one table from the prepared per-month tables; the last table
    // (lastUse) may drop them once its own period tables are built.
    private static (double[][][] Acc, Dictionary<(string, int), CustomerSample> Samples) ReadSums(ISqlEngine engine, Request request, string[] keys,
                                                                                              Dictionary<string, int> index, bool lastUse)
    {
        var d = engine.Dialect;
        var periods = request.Options.ResolvedPeriods;
        int n = periods.Count, w = request.Options.ResolvedChurnWindowDays;
        var acc = keys.Select(_ => Enumerable.Range(0, n + 1).Select(_ => new double[Slots]).ToArray()).ToArray();
        var samples = new Dictionary<(string, int), CustomerSample>();
        foreach (var sql in KpiQuery.PreparePeriods(d, periods, w, lastUse)) engine.Execute(sql);
        try
        {
            var wanted = (request.SamplePeriods ?? []).Where(p => p >= 0 && p < n).Distinct().Order().ToArray();
            if (wanted.Length > 0)
            {
                // A segment whose active customers exceed BootstrapTest.LargeSample in every wanted period is compared by the delta
                // method only, which needs its sums, not its customers (at 10 M customers, 30 M rows that need not travel); the
                // others' customers are read as before.
                var moments = engine.Read(KpiQuery.CustomerSampleMoments(d, periods, wanted), r =>
                {
                    // A sharded engine answers shard by shard: a group's rows add up.
                    var map = new Dictionary<(string, int), RatioMoments>();
                    while (r.Read())
                    {
                        var key = (r.GetString(0), (int)Convert.ToInt64(r.GetValue(1)));
                        map[key] = map.GetValueOrDefault(key) + new RatioMoments(Convert.ToInt64(r.GetValue(2)),
                            r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetDouble(7));
                    }
                    return map;
                });
                var large = keys.Where(k => wanted.All(p => moments.TryGetValue((k, p), out var m) && m.Count > Statistics.Tests.BootstrapTest.LargeSample))
                    .ToHashSet(StringComparer.Ordinal);
                var small = keys.Where(k => !large.Contains(k)).ToArray();
                var raw = small.Length == 0 ? [] : engine.Read(KpiQuery.CustomerSamples(d, periods, wanted, large.Count == 0 ? null : small), r =>
                {
                    var map = new Dictionary<(string, int), List<(string Id, double Orders, double Gross)>>();
                    while (r.Read())
                    {
                        var key = (r.GetString(0), (int)Convert.ToInt64(r.GetValue(1)));
                        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
                        list.Add((r.GetString(4), r.GetDouble(2), r.GetDouble(3)));
                    }
                    return map;
                });
                // In ordinal customer-id order whatever the engine's collation or shards (the bootstrap draws by position).
                foreach (var list in raw.Values) list.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
                foreach (var key in keys)
                    foreach (int p in wanted)
                        samples[(key, p)] = large.Contains(key) ? CustomerSample.FromMoments(moments[(key, p)])
                            : raw.TryGetValue((key, p), out var list) ? new CustomerSample([.. list.Select(x => x.Orders)], [.. list.Select(x => x.Gross)]) : new CustomerSample([], []);
            }
            ReadInto(engine, KpiQuery.PeriodSums(d, periods), index, acc, [Active, Orders, Repeaters, Gross, Net, Cost, NetSquares]);
            ReadInto(engine, KpiQuery.ActiveSums(d, periods, w), index, acc, [New, Retained]);
            var events = engine.Read(KpiQuery.Events(d, periods, w), r =>
            {
                var list = new List<(int Segment, string Kind, long Index, double Count)>();
                while (r.Read()) list.Add((index[r.GetString(0)], r.GetString(1), Convert.ToInt64(r.GetValue(2)), r.GetDouble(3)));
                return list;
            });
            foreach (var (s, kind, idx, count) in events)
            {
                switch (kind)
                {
                    case "acquired": AddFrom(acc[s], idx, Customers, count, n); break;
                    case "live_in": AddFrom(acc[s], idx, LiveAtStart, count, n); break;
                    case "live_out": AddFrom(acc[s], idx, LiveAtStart, -count, n); break;
                    case "churned" when idx >= 0 && idx < n: acc[s][idx + 1][Churned] += count; break;
                }
            }
        }
        finally
        {
            foreach (var sql in KpiQuery.CleanupPeriods(d)) engine.Execute(sql);
        }
        return (acc, samples);
    }

    // Feedback sums per segment × month over every table's months, added to the periods holding them (integer counts: exact).
    private static void ReadFeedback(ISqlEngine engine, IReadOnlyList<KpiPeriod>[] tables, string segmentsTable, Dictionary<string, int> index, double[][][][] acc)
    {
        int[] slots = [Responses, CsatN, CsatSum, CsatSquares, Satisfied, NpsN, Promoters, Detractors, Complaints, Referrals, Referrers];
        var start = tables.Min(p => p[0].Start);
        var end = tables.Max(p => p[^1].EndExclusive);
        var periodOfMonth = tables.Select(periods =>
        {
            var map = new Dictionary<int, int>();
            for (int k = 0; k < periods.Count; k++)
                for (int m = KpiQuery.MonthIndex(periods[k].Start); m < KpiQuery.MonthIndex(periods[k].EndExclusive); m++) map[m] = k;
            return map;
        }).ToArray();
        engine.Read(KpiQuery.FeedbackSums(engine.Dialect, start, end, segmentsTable), r =>
        {
            while (r.Read())
            {
                int s = index[r.GetString(0)], month = (int)Convert.ToInt64(r.GetValue(1));
                for (int t = 0; t < tables.Length; t++)
                {
                    if (!periodOfMonth[t].TryGetValue(month, out int p)) continue;
                    var target = acc[t][s][p + 1];
                    for (int k = 0; k < slots.Length; k++) target[slots[k]] += r.GetDouble(k + 2);
                }
            }
            return 0;
        });
    }

    // The rows of one table: market sizes, CLV, segment rows and the total row per period.
    private static KpiTable Combine(ISqlEngine engine, SegmentAssignment assignment, Request request, string[] keys, Dictionary<string, int> index,
                                    double[][][] acc, Dictionary<(string, int), CustomerSample> samples)
    {
        var periods = request.Options.ResolvedPeriods;
        int n = periods.Count, w = request.Options.ResolvedChurnWindowDays;
        var lifetimeValue = request.LifetimeValue;
        var (marketTotal, marketBySegment) = engine.HasTable("market") ? ReadMarket(engine, periods) : (null, null);

        double[]? clvTotals = null;
        long[]? clvCounts = null;
        if (request.LifetimeValueBySegment is { } bySegment)
        {
            clvTotals = keys.Select(k => bySegment.GetValueOrDefault(k).Total).ToArray();
            clvCounts = keys.Select(k => bySegment.GetValueOrDefault(k).Customers).ToArray();
        }
        else if (lifetimeValue is not null)
        {
            clvTotals = new double[keys.Length];
            clvCounts = new long[keys.Length];
            for (int i = 0; i < assignment.Count; i++)
            {
                int s = index[assignment.SegmentKeys[i]];
                clvTotals[s] += lifetimeValue[i];
                clvCounts[s]++;
            }
        }

        var rows = new List<KpiRow>();
        for (int p = 0; p < n; p++)
        {
            var total = KpiCounts.Zero;
            for (int s = 0; s < keys.Length; s++)
            {
                var counts = ToCounts(acc[s], p);
                total += counts;
                bool last = p == n - 1 && clvTotals is not null;
                rows.Add(new KpiRow(keys[s], periods[p], counts, marketBySegment?.GetValueOrDefault((keys[s], p)),
                    last ? clvTotals![s] : null, last ? clvCounts![s] : 0));
            }
            bool lastTotal = p == n - 1 && clvTotals is not null;
            rows.Add(new KpiRow(KpiRow.AllCustomers, periods[p], total, marketTotal?[p],
                lastTotal ? clvTotals!.Sum() : null, lastTotal ? clvCounts!.Sum() : 0));
        }
        return new KpiTable(periods, assignment.Segments, rows, w) { Samples = samples };
    }

    // Slots of the raw sums.
    internal const int Customers = 0, Active = 1, New = 2, Retained = 3, LiveAtStart = 4, Churned = 5, Repeaters = 6, Orders = 7,
        Gross = 8, Net = 9, Cost = 10, NetSquares = 11, Responses = 12, CsatN = 13, CsatSum = 14, CsatSquares = 15, Satisfied = 16,
        NpsN = 17, Promoters = 18, Detractors = 19, Complaints = 20, Referrals = 21, Referrers = 22, Slots = 23;

    /// <summary>Adds <paramref name="count"/> to every period ≥ idx (a running-sum event); slot 0 is period −1.</summary>
    internal static void AddFrom(double[][] segment, long idx, int slot, double count, int n)
    {
        for (long p = Math.Max(idx, -1); p < n; p++) segment[p + 1][slot] += count;
    }

    private static void ReadInto(ISqlEngine engine, string sql, Dictionary<string, int> index, double[][][] acc, int[] slots) =>
        engine.Read(sql, r =>
        {
            while (r.Read())
            {
                long p = Convert.ToInt64(r.GetValue(1));
                if (p < -1 || p + 1 >= acc[0].Length) continue;
                var target = acc[index[r.GetString(0)]][p + 1];
                for (int k = 0; k < slots.Length; k++) target[slots[k]] += r.GetDouble(k + 2);
            }
            return 0;
        });

    private static KpiCounts ToCounts(double[][] segment, int p)
    {
        var v = segment[p + 1];
        long L(int slot) => checked((long)Math.Round(v[slot]));
        return new KpiCounts(L(Customers), L(Active), L(New), checked((long)Math.Round(segment[p][Active])), L(Retained), L(LiveAtStart),
            L(Churned), L(Repeaters), L(Orders), v[Gross], v[Net], v[Cost], v[NetSquares], L(Responses), L(CsatN), v[CsatSum], v[CsatSquares],
            L(Satisfied), L(NpsN), L(Promoters), L(Detractors), L(Complaints), L(Referrals), L(Referrers));
    }

    private static (double?[]? Total, Dictionary<(string, int), double>? BySegment) ReadMarket(ISqlEngine engine, IReadOnlyList<KpiPeriod> periods)
    {
        var rows = engine.Read(KpiQuery.Market(engine.Dialect, periods), r =>
        {
            var list = new List<(DateOnly Month, string? Segment, double Size)>();
            while (r.Read()) list.Add((DateOnly.FromDateTime(r.GetDateTime(0)), r.IsDBNull(1) ? null : r.GetString(1), r.GetDouble(2)));
            return list;
        });
        var total = new double?[periods.Count];
        var bySegment = new Dictionary<(string, int), double>();
        for (int p = 0; p < periods.Count; p++)
        {
            var months = rows.Where(x => periods[p].Contains(x.Month)).ToArray();
            var whole = months.Where(x => x.Segment is null).ToArray();
            if (whole.Select(x => x.Month).Distinct().Count() == periods[p].Months) total[p] = whole.Sum(x => x.Size);
            foreach (var g in months.Where(x => x.Segment is not null).GroupBy(x => x.Segment!))
                if (g.Select(x => x.Month).Distinct().Count() == periods[p].Months) bySegment[(g.Key, p)] = g.Sum(x => x.Size);
        }
        return (total, bySegment);
    }
}
