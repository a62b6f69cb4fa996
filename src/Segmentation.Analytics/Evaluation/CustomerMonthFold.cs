using System.Globalization;
using Segmentation.Analytics.Engines;
using static Segmentation.Analytics.Evaluation.KpiCalculator;
using System.Runtime.CompilerServices;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// The raw sums and samples of one KPI table from the in-process customer × month grain (<see cref="CustomerMonthGrain"/>): what
/// <see cref="KpiQuery"/>'s period sums, new/retained counts, events, customer samples and sample moments return, to the bit, without
/// the per-month and per-period tables in the engine.
/// </summary>
/// <remarks>
/// <para>Each customer's months are walked once in ascending order: consecutive months of one period make the customer-period row
/// (<c>kpi_cp</c>), and each active month (a purchase) with its previous and next active month makes the active row (<c>kpi_a</c>).
/// The definitions are <see cref="KpiQuery"/>'s, line by line; the SQL stays the reference (the tests compare the two).</para>
/// <para>Money is summed in whole cents (net² in 10⁻⁴) as 128-bit integers, as the engine's DECIMAL sums are exact, and converted to
/// double as the engine converts a DECIMAL: below 2⁵³ units as units / 10^scale (one rounding); larger sums are converted by the
/// engine itself. Counts are exact. The sample moments (sums of doubles, whose order the SQL leaves to its threads) are summed in
/// customer order: deterministic, equal to the SQL's up to rounding.</para>
/// </remarks>
internal static class CustomerMonthFold
{
    private const int Parts = 64;
    private static readonly int EpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>One part's sums per segment × period slot (period −1 … N − 1 at 0 … N), events per segment × index (−1 … N at 0 … N + 1).</summary>
    private sealed class Part(int segments, int n, int wanted)
    {
        public readonly long[,] Active = new long[segments, n + 1], Orders = new long[segments, n + 1], Repeaters = new long[segments, n + 1],
            New = new long[segments, n + 1], Retained = new long[segments, n + 1], Churned = new long[segments, n + 1];
        public readonly Int128[,] Gross = new Int128[segments, n + 1], Net = new Int128[segments, n + 1], Cost = new Int128[segments, n + 1],
            NetSquares = new Int128[segments, n + 1];
        public readonly bool[,] Present = new bool[segments, n + 1];
        public readonly long[,] Acquired = new long[segments, n + 2], LiveIn = new long[segments, n + 2], LiveOut = new long[segments, n + 2];
        public readonly RatioMoments[,] Moments = new RatioMoments[segments, wanted];
    }

    /// <summary>The raw sums (acc[segment][period + 1][slot]) and samples of <paramref name="request"/> from <paramref name="grain"/>.</summary>
    public static (double[][][] Acc, Dictionary<(string, int), CustomerSample> Samples) Sums(ISqlEngine engine, CustomerMonthGrain grain,
        Request request, string[] keys)
    {
        var periods = request.Options.ResolvedPeriods;
        int n = periods.Count, w = request.Options.ResolvedChurnWindowDays;
        var period = new PeriodOf(periods);
        var wanted = (request.SamplePeriods ?? []).Where(p => p >= 0 && p < n).Distinct().Order().ToArray();
        var wantedSlot = new int[n + 1];
        wantedSlot.AsSpan().Fill(-1);
        for (int k = 0; k < wanted.Length; k++) wantedSlot[wanted[k] + 1] = k;
        int customers = grain.Customers;
        int chunk = Math.Max(1, (customers + Parts - 1) / Parts);
        int partCount = customers == 0 ? 0 : (customers + chunk - 1) / chunk;
        var parts = new Part[partCount];
        Parallel.For(0, partCount, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part) =>
        {
            var acc = parts[part] = new Part(keys.Length, n, wanted.Length);
            for (int c = part * chunk, end = Math.Min(customers, c + chunk); c < end; c++)
                FoldCustomer(grain, c, acc, period, n, w, wantedSlot, null);
        });

        var total = parts.Length > 0 ? parts[0] : new Part(keys.Length, n, wanted.Length);
        for (int k = 1; k < parts.Length; k++) Add(total, parts[k], keys.Length, n, wanted.Length);
        var money = new MoneyToDouble(engine);
        var acc = new double[keys.Length][][];
        for (int s = 0; s < keys.Length; s++)
        {
            acc[s] = new double[n + 1][];
            for (int p = 0; p <= n; p++) acc[s][p] = new double[Slots];
        }
        for (int s = 0; s < keys.Length; s++)
        {
            for (int p = 0; p <= n; p++)
            {
                var v = acc[s][p];
                if (total.Present[s, p])
                {
                    v[Active] += total.Active[s, p];
                    v[Orders] += total.Orders[s, p];
                    v[Repeaters] += total.Repeaters[s, p];
                    money.Add(total.Gross[s, p], 2, v, Gross);
                    money.Add(total.Net[s, p], 2, v, Net);
                    money.Add(total.Cost[s, p], 2, v, Cost);
                    money.Add(total.NetSquares[s, p], 4, v, NetSquares);
                }
                v[New] += total.New[s, p];
                v[Retained] += total.Retained[s, p];
                if (p >= 1) v[Churned] += total.Churned[s, p];
            }
            // Events at index −1 … N (slot 0 … N + 1); N and beyond change no period.
            for (int e = 0; e <= n; e++)
            {
                long idx = e - 1;
                if (total.Acquired[s, e] != 0) AddFrom(acc[s], idx, Customers, total.Acquired[s, e], n);
                if (total.LiveIn[s, e] != 0) AddFrom(acc[s], idx, LiveAtStart, total.LiveIn[s, e], n);
                if (total.LiveOut[s, e] != 0) AddFrom(acc[s], idx, LiveAtStart, -total.LiveOut[s, e], n);
            }
        }
        money.Convert();

        var samples = new Dictionary<(string, int), CustomerSample>();
        if (wanted.Length > 0)
        {
            // As the SQL path: a segment whose active customers exceed the bootstrap's large sample in every wanted period is
            // compared by its moments; the others by their customers, in ordinal customer-id order.
            var large = new bool[keys.Length];
            for (int s = 0; s < keys.Length; s++)
                large[s] = Enumerable.Range(0, wanted.Length).All(k => total.Moments[s, k].Count > Statistics.Tests.BootstrapTest.LargeSample);
            var lists = new List<(string Id, double Orders, double Gross)>[keys.Length, wanted.Length];
            if (large.Contains(false))
            {
                for (int s = 0; s < keys.Length; s++)
                    for (int k = 0; k < wanted.Length; k++) lists[s, k] = [];
                var collect = new Collect(lists, large);
                for (int c = 0; c < customers; c++)
                    if (!large[grain.Segment[c]]) FoldCustomer(grain, c, null, period, n, w, wantedSlot, collect);
            }
            for (int s = 0; s < keys.Length; s++)
                for (int k = 0; k < wanted.Length; k++)
                {
                    if (large[s])
                    {
                        samples[(keys[s], wanted[k])] = CustomerSample.FromMoments(total.Moments[s, k]);
                        continue;
                    }
                    var list = lists[s, k];
                    list.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
                    samples[(keys[s], wanted[k])] = new CustomerSample([.. list.Select(x => x.Orders)], [.. list.Select(x => x.Gross)]);
                }
        }
        return (acc, samples);
    }

    /// <summary>Where the second walk puts the active customers of the wanted periods (small segments only).</summary>
    private sealed class Collect(List<(string Id, double Orders, double Gross)>[,] lists, bool[] large)
    {
        public void Add(CustomerMonthGrain grain, int customer, int segment, int wanted, long orders, long gross)
        {
            if (!large[segment]) lists[segment, wanted].Add((grain.CustomerId(customer), orders, Cents(gross)));
        }
    }

    // A customer-period's gross as the engine's DOUBLE of its DECIMAL: cents / 100 below 2⁵³ cents, and the grain's source refuses
    // a customer whose months' sums reach 2⁵³ cents together, so every period's sum is below.
    private static double Cents(long cents) => cents / 100.0;

    /// <summary>Walks one customer's months: the customer-period rows and the active rows into <paramref name="acc"/>, or (the second
    /// walk) the wanted periods' active rows into <paramref name="collect"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FoldCustomer(CustomerMonthGrain g, int c, Part? acc, PeriodOf period, int n, int w, int[] wantedSlot, Collect? collect)
    {
        int s = g.Segment[c];
        var (from, to) = g.Range(c);
        int rangeStart = period.RangeStart, mEnd = period.End;
        // Customer-period rows: months in [rangeStart, mEnd), consecutive months of one period summed.
        int i = from;
        while (i < to && g.Month(i) < rangeStart) i++;
        while (i < to && g.Month(i) < mEnd)
        {
            int p = period.OfMonth(g.Month(i));
            long orders = 0, gross = 0, net = 0, cost = 0;
            int first = int.MaxValue, last = int.MinValue;
            bool purchased = false;
            for (; i < to && g.Month(i) < mEnd && period.OfMonth(g.Month(i)) == p; i++)
            {
                orders += g.Orders(i);
                gross = checked(gross + g.Gross(i));
                net = checked(net + g.Net(i));
                cost = checked(cost + g.Cost(i));
                if (g.FirstDay(i) != CustomerMonthGrain.NoPurchase)
                {
                    purchased = true;
                    first = Math.Min(first, g.FirstDay(i));
                    last = Math.Max(last, g.LastDay(i));
                }
            }
            int slot = p + 1;
            int k = wantedSlot[slot];
            if (collect is not null)
            {
                if (orders > 0 && k >= 0) collect.Add(g, c, s, k, orders, gross);
                continue;
            }
            acc!.Present[s, slot] = true;
            if (orders > 0) acc.Active[s, slot]++;
            acc.Orders[s, slot] += orders;
            if (purchased && first < last) acc.Repeaters[s, slot]++;
            acc.Gross[s, slot] += gross;
            acc.Net[s, slot] += net;
            acc.Cost[s, slot] += cost;
            acc.NetSquares[s, slot] += (Int128)net * net;
            if (orders > 0 && k >= 0)
            {
                double o = orders, x = Cents(gross);
                acc.Moments[s, k] += new RatioMoments(1, o, x, o * o, x * x, o * x);
            }
        }
        if (collect is not null) return;

        // Active rows: each month with a purchase before the end, with the previous and next such month.
        int prev = -1;
        for (int j = from; j < to; j++)
        {
            if (g.Orders(j) <= 0) continue;
            int month = g.Month(j);
            if (month >= mEnd) break;
            int next = j + 1;
            while (next < to && g.Orders(next) <= 0) next++;
            bool hasNext = next < to && g.Month(next) < mEnd;
            int p = period.OfMonth(month);
            int? prevPeriod = prev >= 0 ? period.OfMonth(g.Month(prev)) : null;
            int? nextPeriod = hasNext ? period.OfMonth(g.Month(next)) : null;
            int lapseDay = g.LastDay(j) + w;
            int lapsePeriod = period.OfMonth(MonthOfDay(lapseDay));
            bool firstIn = period.Monthly || prevPeriod is null || prevPeriod < p;
            bool lastIn = period.Monthly || nextPeriod is null || nextPeriod > p;
            prev = j;
            if (!firstIn && !lastIn) continue;
            if (firstIn && p >= 0 && p < n)
            {
                if (prevPeriod is null) acc!.New[s, p + 1]++;
                if (prevPeriod == p - 1) acc!.Retained[s, p + 1]++;
            }
            if (prevPeriod is null) acc!.Acquired[s, Event(p, n)]++;
            if (firstIn) acc!.LiveIn[s, Event(p + 1, n)]++;
            if (lastIn)
            {
                acc!.LiveOut[s, Event(Math.Min(nextPeriod ?? lapsePeriod, lapsePeriod) + 1, n)]++;
                bool lapsed = !hasNext || g.FirstDay(next) > lapseDay;
                if (lapsed && lapsePeriod >= 0 && lapsePeriod < n) acc.Churned[s, lapsePeriod + 1]++;
            }
        }
    }

    // An event index clamped to −1 … N (before −1 it counts from −1; from N on it changes nothing) as a slot 0 … N + 1.
    private static int Event(long idx, int n) => (int)Math.Clamp(idx, -1, n) + 1;

    private static int MonthOfDay(int day) => KpiQuery.MonthIndex(DateOnly.FromDayNumber(EpochDay + day));

    private static void Add(Part into, Part from, int segments, int n, int wanted)
    {
        for (int s = 0; s < segments; s++)
        {
            for (int p = 0; p <= n; p++)
            {
                into.Active[s, p] += from.Active[s, p]; into.Orders[s, p] += from.Orders[s, p]; into.Repeaters[s, p] += from.Repeaters[s, p];
                into.New[s, p] += from.New[s, p]; into.Retained[s, p] += from.Retained[s, p]; into.Churned[s, p] += from.Churned[s, p];
                into.Gross[s, p] += from.Gross[s, p]; into.Net[s, p] += from.Net[s, p]; into.Cost[s, p] += from.Cost[s, p];
                into.NetSquares[s, p] += from.NetSquares[s, p];
                into.Present[s, p] |= from.Present[s, p];
            }
            for (int e = 0; e <= n + 1; e++)
            {
                into.Acquired[s, e] += from.Acquired[s, e]; into.LiveIn[s, e] += from.LiveIn[s, e]; into.LiveOut[s, e] += from.LiveOut[s, e];
            }
            for (int k = 0; k < wanted; k++) into.Moments[s, k] += from.Moments[s, k];
        }
    }

    /// <summary>The period index of a month index, as <see cref="KpiQuery.PeriodOfMonth"/> renders it.</summary>
    private sealed class PeriodOf
    {
        private readonly int m0, l0, count;
        private readonly int[]? ends;

        public PeriodOf(IReadOnlyList<KpiPeriod> periods)
        {
            m0 = KpiQuery.MonthIndex(periods[0].Start);
            l0 = periods[0].Months;
            count = periods.Count;
            Monthly = KpiQuery.MonthlyGrain(periods);
            End = KpiQuery.MonthIndex(periods[^1].EndExclusive);
            RangeStart = m0 - l0;
            if (!Monthly && !periods.All(p => p.Months == l0)) ends = periods.Select(p => KpiQuery.MonthIndex(p.EndExclusive)).ToArray();
        }

        /// <summary>Every period is one month.</summary>
        public bool Monthly { get; }

        /// <summary>The month index after the last period; the months read start at <see cref="RangeStart"/> (period −1).</summary>
        public int End { get; }

        /// <inheritdoc cref="End"/>
        public int RangeStart { get; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int OfMonth(int month)
        {
            if (Monthly) return month - m0;
            int before = (int)Math.Floor((double)(month - m0) / l0);
            if (ends is null || month < m0) return before;
            for (int k = 0; k < ends.Length; k++)
                if (month < ends[k]) return k;
            return count;
        }
    }

    /// <summary>Money sums to double as the engine's DECIMAL → DOUBLE: locally below 2⁵³ units, by the engine above (one query).</summary>
    private sealed class MoneyToDouble(ISqlEngine engine)
    {
        private const long Exact = 1L << 53;
        private readonly List<(Int128 Units, int Scale, double[] Target, int Slot)> pending = [];

        public void Add(Int128 units, int scale, double[] target, int slot)
        {
            if (units > -Exact && units < Exact) target[slot] += (double)(long)units / (scale == 2 ? 100.0 : 10_000.0);
            else pending.Add((units, scale, target, slot));
        }

        public void Convert()
        {
            if (pending.Count == 0) return;
            var d = engine.Dialect;
            var rows = pending.Select((x, i) => $"({i}, CAST('{Literal(x.Units, x.Scale)}' AS DECIMAL(38, {x.Scale})))");
            var values = engine.Read($"SELECT i, {d.ToDouble("v")} AS x FROM (VALUES {string.Join(", ", rows)}) t(i, v) ORDER BY i", r =>
            {
                var list = new List<double>();
                while (r.Read()) list.Add(r.GetDouble(1));
                return list;
            });
            for (int i = 0; i < pending.Count; i++) pending[i].Target[pending[i].Slot] += values[i];
            pending.Clear();
        }

        private static string Literal(Int128 units, int scale)
        {
            string digits = Int128.Abs(units).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
            return (units < 0 ? "-" : "") + digits[..^scale] + "." + digits[^scale..];
        }
    }
}
