using System.Globalization;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Statistics;
using Segmentation.Data.Sql;
using System.Runtime.CompilerServices;

namespace Segmentation.Data;

internal static partial class CustomerAggregatePass
{
    /// <summary>
    /// The tables of <see cref="CustomerAggregateQuery.RenderSnapshots(SqlDialect, IReadOnlyList{DateTime}, string, PurchaseDayPass, string)"/>
    /// made from one pass over the transactions (<see cref="ICustomerAggregateSnapshotSource"/>) and held: each snapshot's aggregates are
    /// what the one-snapshot pass computes at that day; the feature tables are computed from them, and the aggregates table and the
    /// purchase-day table (the same counts and customer-summary aggregates as the SQL's) are written with the DuckDB appender only when
    /// something reads them. When asked (<see cref="PurchaseDayPass.CustomerMonths"/>, the summaries' earlier end), the pass also holds
    /// the KPI tables' customer × month grain and the customer summaries. Null (nothing made) when the data or the pass needs the SQL.
    /// </summary>
    /// <remarks>Besides the one-snapshot pass's limits: snapshots that are not distinct ascending days, windows the SQL would refuse,
    /// and further aggregates other than the customer summaries at two ends (<see cref="PurchaseDayPass.SummariesEarlierEnd"/>) are
    /// left to the SQL (its own errors then surface).</remarks>
    public static HeldAggregates? TryPrepareSnapshots(DataWorkspace ws, IReadOnlyList<DateTime> days, string table, PurchaseDayPass dayPass,
        string transactions = "transactions")
    {
        ArgumentNullException.ThrowIfNull(ws);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(dayPass);
        var d = ws.Dialect;
        if (days.Count == 0 || days.Any(s => s.TimeOfDay != TimeSpan.Zero)) return null;
        for (int k = 1; k < days.Count; k++)
            if (days[k] <= days[k - 1]) return null;
        var last = days[^1].AddDays(1);
        foreach (var (start, end) in dayPass.Windows)
            if (start.TimeOfDay != TimeSpan.Zero || end.TimeOfDay != TimeSpan.Zero || end <= start || end > last) return null;
        DateOnly? earlier = null;
        if (dayPass.Aggregates.Count > 0)
        {
            if (dayPass.SummariesEarlierEnd is not { } e || !dayPass.Aggregates.SequenceEqual(CustomerSummaryQuery.DayAggregatesAtTwoEnds(d, e))) return null;
            earlier = e;
        }
        if (PassRows.HasDefaultCollation(ws)) return null;
        var ends = days.Select(s => MicrosOf(s.AddDays(1))).ToArray();
        var expected = Expected(ws, transactions);
        var folded = ws.ReadArrow(Rows(d, transactions, last), stream => Fold(stream, ends, expected, amounts: earlier is not null, months: dayPass.CustomerMonths));
        if (folded is null) return null;
        ws.Options.Cancellation.ThrowIfCancellationRequested();
        var started = SqlLog.Start();
        var built = BuildSnapshots(folded, days, dayPass.Windows, earlier);
        if (built is null) return null;
        SqlLog.Write(started, "-- snapshot aggregates counted in process");
        ws.Options.Cancellation.ThrowIfCancellationRequested();
        // The purchase-day table is written when something reads it (HeldAggregates.WriteDaysTable): the monthly job takes the
        // summaries from the held figures instead.
        var held = new HeldSnapshots(ws, built, days, table, transactions, dayPass.Windows.Count, earlier);
        // The pass's buffers (about 1 GB at 12 M transactions, on the large-object heap) are garbage now, but for what is held (the
        // snapshots' sums, and the customer months and summaries when asked): collected and compacted at once, their memory is reused by
        // what the job allocates next instead of growing beside it (the monthly job at 1 M customers, seventh round: peak 2.9 → 2.7 GB).
        // The memory stays with the process: handing it back (an aggressive collection) made the job fault it in again, page by page
        // (eleventh round: the evaluation 4.7–4.8 s against 5.6–6.3 s; same peak, 2.55 GB).
        built = null;
        folded = null;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return held;
    }

    /// <summary>Every customer's figures at every snapshot, by the customers' dense numbers (the order the stream showed them).</summary>
    private sealed class Snapshots(Folded folded, int windows)
    {
        // Of the fold, only the ids and the slices' sums (not its purchases: those are let go once counted).
        public ByteKeyIndex Ids { get; } = folded.Ids;
        public Sums[] Sums { get; } = folded.Sums;
        public int Slices { get; } = folded.Slices;
        public int Count => Ids.Count;
        // [snapshot][customer] (customer = dense number, not rank).
        public long[][] PurchaseDays = [], Categories = [], Top = [], CategoryOrders = [];
        public long[][] Window = new long[windows][];
        // Customer summaries of the purchase-day grain (days since 1970, cents).
        public int[] FirstDay = [], LastDay = [], LastDayEarlier = [];
        public long[] DayCount = [], DayCountEarlier = [], Total = [], FirstAmount = [], TotalEarlier = [];
        public double[][] Windows = [];
        // The customer × month grain by the customers' dense numbers, when asked for and exact.
        public CompactEntries? Months;

        /// <summary>True when customer <paramref name="c"/> has a row at snapshot <paramref name="k"/>: a transaction in slices 0 … k.</summary>
        public bool HasRow(int c, int k)
        {
            for (int q = 0; q <= k; q++)
                if (Sums[c * Slices + q].Rows > 0) return true;
            return false;
        }

        /// <summary>Customer <paramref name="c"/>'s row of the aggregates table at snapshot <paramref name="k"/>: the sums of its slices
        /// 0 … k, and its purchase-day and category counts by then.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public RowSum Through(int c, int k)
        {
            var t = new RowSum { Row = true, First = long.MaxValue, Last = long.MinValue };
            for (int q = 0; q <= k; q++)
            {
                ref readonly var s = ref Sums[c * Slices + q];
                t.Orders += s.Orders; t.Returns += s.Returns; t.Gross += s.Gross; t.Net += s.Net; t.ReturnAmount += s.ReturnAmount; t.Cost += s.Cost;
                t.First = Math.Min(t.First, s.First); t.Last = Math.Max(t.Last, s.Last);
                t.Online += s.OnlineOrders; t.Channel += s.ChannelOrders; t.Campaign += s.CampaignOrders;
            }
            t.PurchaseDays = PurchaseDays[k][c];
            t.Categories = Categories[k][c];
            t.Top = Top[k][c];
            t.CategoryOrders = CategoryOrders[k][c];
            return t;
        }
    }

    /// <summary>A customer's row of the aggregates table at a snapshot, in cents and µs (<see cref="Row"/> false: none).</summary>
    private struct RowSum
    {
        public long Orders, Returns, Gross, Net, ReturnAmount, Cost, First, Last, Online, Channel, Campaign, PurchaseDays, Categories, Top, CategoryOrders;
        public bool Row;
    }

    private static Snapshots? BuildSnapshots(Folded f, IReadOnlyList<DateTime> days, IReadOnlyList<(DateTime Start, DateTime End)> windows, DateOnly? earlier)
    {
        int n = f.Ids.Count, slices = f.Slices;
        var sums = f.Sums;
        const long Exact = 1L << 53;
        static bool Inexact(long cents) => cents >= Exact || cents <= -Exact;
        // Each snapshot's money is a sum over slices: every partial sum must convert exactly, as the whole one does.
        for (int c = 0; c < n; c++)
        {
            long gross = 0, net = 0, ret = 0, cost = 0;
            for (int k = 0; k < slices; k++)
            {
                ref readonly var s = ref sums[c * slices + k];
                gross += s.Gross; net += s.Net; ret += s.ReturnAmount; cost += s.Cost;
                if (Inexact(gross) || Inexact(net) || Inexact(ret) || Inexact(cost)) return null;
            }
        }
        var start = new int[n + 1];
        for (int c = 0; c < n; c++)
        {
            int orders = 0;
            for (int k = 0; k < slices; k++) orders += sums[c * slices + k].Orders;
            start[c + 1] = start[c] + orders;
        }
        var (pDays, pCats, pCents, pCost) = PlaceByCustomer(f, start);
        bool summaries = earlier is not null;
        // The customer × month grain first, while each purchase's cost is still beside its day (the counting below sorts the days).
        var monthEntries = f.Months is { } monthRows ? FoldMonths(n, start, pDays, pCents!, pCost!, PlaceOthers(monthRows, n)) : null;

        int ks = days.Count;
        var endDay = days.Select(s => (int)((s.AddDays(1).Ticks - EpochTicks) / TimeSpan.TicksPerDay)).ToArray();
        var windowDays = windows.Select(w => (Start: (int)((w.Start.Ticks - EpochTicks) / TimeSpan.TicksPerDay), End: (int)((w.End.Ticks - EpochTicks) / TimeSpan.TicksPerDay))).ToArray();
        // The earlier end is a day: days up to and including it.
        int earlierDay = earlier is { } e ? e.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber : 0;
        var b = new Snapshots(f, windows.Count)
        {
            PurchaseDays = NewArrays(ks, n), Categories = NewArrays(ks, n), Top = NewArrays(ks, n), CategoryOrders = NewArrays(ks, n),
            Window = NewArrays(windows.Count, n),
        };
        if (summaries)
        {
            b.FirstDay = new int[n]; b.LastDay = new int[n]; b.LastDayEarlier = new int[n];
            b.DayCount = new long[n]; b.DayCountEarlier = new long[n]; b.Total = new long[n]; b.FirstAmount = new long[n]; b.TotalEarlier = new long[n];
        }
        try
        {
            Parallel.For(0, (n + 65535) / 65536, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part) => CountPart(part));
        }
        catch (AggregateException failed) when (failed.InnerExceptions.All(x => x is OverflowException))
        {
            // A customer's day amounts beyond 64-bit cents: the SQL's DECIMAL(38, 2) holds them.
            return null;
        }
        b.Windows = [.. b.Window.Select(counts => counts.Where(x => x > 0).Select(x => (double)x).ToArray())];
        b.Months = monthEntries;
        return b;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void CountPart(int part)
        {
            var keys = new List<long>();
            for (int c = part * 65536, end = Math.Min(n, c + 65536); c < end; c++)
            {
                int from = start[c], length = start[c + 1] - from;
                if (length == 0) continue;
                var dayRun = pDays.AsSpan(from, length);
                var catRun = pCats.AsSpan(from, length);
                // Categories first (by category, then day), from the purchases still aligned.
                keys.Clear();
                for (int i = 0; i < length; i++)
                    if (catRun[i] >= 0) keys.Add(((long)catRun[i] << 32) | (uint)(dayRun[i] ^ int.MinValue));
                var keySpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keys);
                keySpan.Sort();
                for (int i = 0; i < keySpan.Length;)
                {
                    int j = i;
                    while (j < keySpan.Length && keySpan[j] >> 32 == keySpan[i] >> 32) j++;
                    // Purchases of this category before each snapshot's end (its days ascending).
                    for (int k = 0; k < ks; k++)
                    {
                        int count = 0;
                        for (int q = i; q < j && ((int)(uint)keySpan[q] ^ int.MinValue) < endDay[k]; q++) count++;
                        if (count == 0) continue;
                        b.Categories[k][c]++;
                        b.CategoryOrders[k][c] += count;
                        if (count > b.Top[k][c]) b.Top[k][c] = count;
                    }
                    i = j;
                }
                // Then the days (with their cents when the summaries are asked for).
                if (pCents is not null) dayRun.Sort(pCents.AsSpan(from, length));
                else dayRun.Sort();
                int firstDay = dayRun[0];
                long total = 0, firstAmount = 0, dayCount = 0, dayCountEarlier = 0, totalEarlier = 0;
                int lastDayEarlier = int.MinValue;
                for (int i = 0; i < length;)
                {
                    int day = dayRun[i];
                    long amount = 0;
                    int j = i;
                    for (; j < length && dayRun[j] == day; j++)
                        if (summaries) amount = checked(amount + pCents![from + j]);
                    for (int k = 0; k < ks; k++)
                        if (day < endDay[k]) b.PurchaseDays[k][c]++;
                    for (int w = 0; w < windowDays.Length; w++)
                        if (day >= windowDays[w].Start && day < windowDays[w].End) b.Window[w][c]++;
                    if (dayCount == 0) firstAmount = amount;
                    dayCount++;
                    total = checked(total + amount);
                    if (day <= earlierDay)
                    {
                        dayCountEarlier++;
                        totalEarlier = checked(totalEarlier + amount);
                        lastDayEarlier = day;
                    }
                    i = j;
                }
                if (summaries)
                {
                    b.FirstDay[c] = firstDay;
                    b.LastDay[c] = dayRun[length - 1];
                    b.DayCount[c] = dayCount;
                    b.Total[c] = total;
                    b.FirstAmount[c] = firstAmount;
                    b.DayCountEarlier[c] = dayCountEarlier;
                    b.TotalEarlier[c] = totalEarlier;
                    b.LastDayEarlier[c] = lastDayEarlier;
                }
            }
        }
    }

    /// <summary>
    /// The customer × month grain (<see cref="CustomerMonthPass"/>'s months, by the customers' dense numbers, in compact entries):
    /// each customer's purchases (<paramref name="start"/>) and other rows summed per month by <see cref="CustomerMonthPass.FoldCustomer"/>,
    /// as the KPI tables' own pass sums them. The months are counted first, so the entries are written in place; null when a customer's
    /// sums are inexact or a month's sum is beyond 32-bit cents (the KPI tables' pass then reads the transactions itself).
    /// </summary>
    private static CompactEntries? FoldMonths(int n, int[] start, int[] pDays, long[] pCents, long[] pCost, Others others)
    {
        const int Part = 65536;
        int parts = (n + Part - 1) / Part;
        var entryStart = new int[n + 1];
        var lows = new int[parts];
        var highs = new int[parts];
        Parallel.For(0, parts, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part) =>
        {
            int first = part * Part, end = Math.Min(n, first + Part);
            int lo = int.MaxValue, hi = int.MinValue;
            for (int i = start[first]; i < start[end]; i++) { lo = Math.Min(lo, pDays[i]); hi = Math.Max(hi, pDays[i]); }
            for (int i = others.Start[first]; i < others.Start[end]; i++) { lo = Math.Min(lo, others.Day[i]); hi = Math.Max(hi, others.Day[i]); }
            (lows[part], highs[part]) = (lo, hi);
            if (lo > hi) return;
            var months = new MonthOfDay(lo, hi);
            // Distinct months per customer: a month is marked with the last customer that had it.
            var seen = new int[months.Span];
            seen.AsSpan().Fill(-1);
            for (int c = first; c < end; c++)
            {
                int count = 0;
                for (int i = start[c]; i < start[c + 1]; i++)
                {
                    int m = months.Of(pDays[i]);
                    if (seen[m] != c) { seen[m] = c; count++; }
                }
                for (int i = others.Start[c]; i < others.Start[c + 1]; i++)
                {
                    int m = months.Of(others.Day[i]);
                    if (seen[m] != c) { seen[m] = c; count++; }
                }
                entryStart[c + 1] = count;
            }
        });
        for (int c = 0; c < n; c++) entryStart[c + 1] += entryStart[c];
        int low = parts == 0 ? 0 : lows.Min(), high = parts == 0 ? -1 : highs.Max();
        // No rows at all: one month, any (1970-01).
        if (low > high) low = high = 0;
        int firstMonth = MonthOfDay.Index(low), months = MonthOfDay.Index(high) - firstMonth + 1;
        if (months > ushort.MaxValue + 1) return null;
        int entries = entryStart[n];
        var into = new CompactEntries(entryStart, firstMonth, [.. Enumerable.Range(firstMonth, months).Select(MonthOfDay.StartDay)], new ushort[entries],
            new int[entries], new byte[entries], new byte[entries], new int[entries], new int[entries], new int[entries]);
        bool refused = false;
        Parallel.For(0, parts, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part) =>
        {
            int first = part * Part, end = Math.Min(n, first + Part);
            var sink = new CustomerMonthPass.CompactSink(into, entryStart[first]);
            var run = Array.Empty<CustomerMonthPass.Row>();
            for (int c = first; c < end && !refused; c++)
            {
                int from = start[c], length = start[c + 1] - from;
                int oFrom = others.Start[c], oLength = others.Start[c + 1] - oFrom, rows = length + oLength;
                if (run.Length < rows) run = new CustomerMonthPass.Row[Math.Max(rows, 2 * run.Length)];
                for (int i = 0; i < length; i++)
                    run[i] = new CustomerMonthPass.Row { Cents = pCents[from + i], Cost = pCost[from + i], Day = pDays[from + i], Kind = CustomerMonthPass.Purchase };
                for (int i = 0; i < oLength; i++)
                    run[length + i] = new CustomerMonthPass.Row { Cents = others.Cents[oFrom + i], Cost = others.Cost[oFrom + i], Day = others.Day[oFrom + i], Kind = others.Kind[oFrom + i] };
                try
                {
                    if (!CustomerMonthPass.FoldCustomer(run.AsSpan(0, rows), sink)) refused = true;
                }
                catch (OverflowException)
                {
                    refused = true;
                }
                if (!refused && sink.Count != entryStart[c + 1])
                    throw new InvalidOperationException($"Customer {c}: {sink.Count - entryStart[c]} months folded, {entryStart[c + 1] - entryStart[c]} counted.");
            }
        });
        return refused ? null : into;
    }

    /// <summary>Calendar months of days relative to the first one's month: by a table of the days when they span less than 2²⁰ days.</summary>
    private sealed class MonthOfDay
    {
        private readonly int lo, first;
        private readonly int[]? table;

        public MonthOfDay(int lo, int hi)
        {
            this.lo = lo;
            first = Index(lo);
            Span = Index(hi) - first + 1;
            if (hi - lo >= 1 << 20) return;
            table = new int[hi - lo + 1];
            for (int d = 0; d < table.Length; d++) table[d] = Index(lo + d) - first;
        }

        /// <summary>Months from the first day's to the last one's.</summary>
        public int Span { get; }

        public int Of(int day) => table is not null ? table[day - lo] : Index(day) - first;

        /// <summary>The month index (<see cref="KpiQuery.MonthIndex(DateOnly)"/>) of a day since 1970.</summary>
        public static int Index(int day) => KpiQuery.MonthIndex(DateOnly.FromDayNumber(PassRows.EpochDay + day));

        /// <summary>The first day (since 1970) of month index <paramref name="month"/>.</summary>
        public static int StartDay(int month) => new DateOnly(month / 12, month % 12 + 1, 1).DayNumber - PassRows.EpochDay;
    }

    /// <summary>The rows that are not purchases placed side by side per customer (a counting sort, in the stream's order).</summary>
    private sealed class Others(int[] start, int[] day, long[] cents, long[] cost, byte[] kind)
    {
        public int[] Start { get; } = start;
        public int[] Day { get; } = day;
        public long[] Cents { get; } = cents;
        public long[] Cost { get; } = cost;
        public byte[] Kind { get; } = kind;
    }

    private static Others PlaceOthers(MonthRows rows, int n)
    {
        int count = rows.Count;
        var start = new int[n + 1];
        for (int i = 0; i < count; i++) start[rows.Customer[i] + 1]++;
        for (int c = 0; c < n; c++) start[c + 1] += start[c];
        var next = start.AsSpan(0, n).ToArray();
        var placed = new Others(start, new int[count], new long[count], new long[count], new byte[count]);
        for (int i = 0; i < count; i++)
        {
            int slot = next[rows.Customer[i]]++;
            placed.Day[slot] = rows.Day[i];
            placed.Cents[slot] = rows.Cents[i];
            placed.Cost[slot] = rows.Cost[i];
            placed.Kind[slot] = rows.Kind[i];
        }
        return placed;
    }

    private static long[][] NewArrays(int count, int n) => [.. Enumerable.Range(0, count).Select(_ => new long[n])];

    /// <summary>Creates the aggregates table and appends its rows (data chunks written column by column): each snapshot's customers with
    /// a row by then, in the order of their numbers (the order of the SQL's rows is its hash tables', no order either: readers order
    /// what they read; this one at least is the same for the same table).</summary>
    private static unsafe void WriteAggregates(DataWorkspace ws, Snapshots b, IReadOnlyList<DateTime> days, string table)
    {
        var d = ws.Dialect;
        int ks = days.Count;
        ws.Execute($"""
            DROP TABLE IF EXISTS {d.Id(table)}; CREATE TEMP TABLE {d.Id(table)} (snap BIGINT, customer_id VARCHAR, orders BIGINT, purchase_days BIGINT,
              returns BIGINT, gross_amount DOUBLE, net_amount DOUBLE, return_amount DOUBLE, cost DOUBLE, first_purchase TIMESTAMP,
              last_purchase TIMESTAMP, recency_days BIGINT, tenure_days BIGINT, online_orders BIGINT, channel_orders BIGINT,
              campaign_orders BIGINT, categories BIGINT, top_category_orders BIGINT, category_orders BIGINT)
            """);
        ws.AppendChunks(table, a =>
        {
            for (int k = 0; k < ks; k++)
            {
                long snapDay = (days[k].Ticks - EpochTicks) / TimeSpan.TicksPerDay;
                // The customers with a row by snapshot k, in ordinal order.
                var rows = new List<int>(b.Count);
                for (int c = 0; c < b.Count; c++)
                    if (b.HasRow(c, k)) rows.Add(c);
                for (int at = 0; at < rows.Count; at += a.Capacity)
                {
                    int m = Math.Min(a.Capacity, rows.Count - at);
                    a.Begin();
                    long* snap = a.Column<long>(0), orders = a.Column<long>(2), purchaseDays = a.Column<long>(3), returns = a.Column<long>(4);
                    double* gross = a.Column<double>(5), net = a.Column<double>(6), ret = a.Column<double>(7), cost = a.Column<double>(8);
                    long* first = a.Column<long>(9), last = a.Column<long>(10), recency = a.Column<long>(11), tenure = a.Column<long>(12);
                    long* online = a.Column<long>(13), channel = a.Column<long>(14), campaign = a.Column<long>(15);
                    long* categories = a.Column<long>(16), top = a.Column<long>(17), categoryOrders = a.Column<long>(18);
                    for (int i = 0; i < m; i++)
                    {
                        int c = rows[at + i];
                        var t = b.Through(c, k);
                        snap[i] = k;
                        a.String(1, i, b.Ids.Key(c));
                        orders[i] = t.Orders;
                        purchaseDays[i] = t.PurchaseDays;
                        returns[i] = t.Returns;
                        gross[i] = t.Gross / 100.0;
                        net[i] = t.Net / 100.0;
                        ret[i] = t.ReturnAmount / 100.0;
                        cost[i] = t.Cost / 100.0;
                        if (t.Orders > 0)
                        {
                            first[i] = t.First;
                            last[i] = t.Last;
                            recency[i] = snapDay - PassRows.Day(t.Last);
                            tenure[i] = snapDay - PassRows.Day(t.First);
                        }
                        else
                        {
                            a.Null(9, i); a.Null(10, i); a.Null(11, i); a.Null(12, i);
                        }
                        online[i] = t.Online;
                        channel[i] = t.Channel;
                        campaign[i] = t.Campaign;
                        categories[i] = t.Categories;
                        top[i] = t.Top;
                        categoryOrders[i] = t.CategoryOrders;
                    }
                    a.Append(m);
                }
            }
        });
    }

    /// <summary>Creates the purchase-day table and appends its rows: customers with a purchase, their purchase days per snapshot and
    /// window, and (<paramref name="summaries"/>) the summaries' aggregates; in the order of the customers' numbers.</summary>
    private static unsafe void WriteDays(DataWorkspace ws, Snapshots b, IReadOnlyList<DateTime> days, string daysTable, int windows, bool summaries)
    {
        var d = ws.Dialect;
        int ks = days.Count;
        var columns = new List<string> { "customer_id VARCHAR" };
        columns.AddRange(Enumerable.Range(0, ks).Select(k => $"purchase_days{k.ToString(CultureInfo.InvariantCulture)} BIGINT"));
        columns.AddRange(Enumerable.Range(0, windows).Select(j => $"window{j.ToString(CultureInfo.InvariantCulture)} BIGINT"));
        if (summaries)
            columns.AddRange(["first_day DATE", "last_day DATE", "days BIGINT", "total DECIMAL(38, 2)", "first_amount DECIMAL(38, 2)",
                "last_day_e DATE", "days_e BIGINT", "total_e DECIMAL(38, 2)"]);
        ws.Execute($"DROP TABLE IF EXISTS {d.Id(daysTable)}; CREATE TEMP TABLE {d.Id(daysTable)} ({string.Join(", ", columns)})");
        var buyers = Enumerable.Range(0, b.Count).Where(c => b.PurchaseDays[ks - 1][c] > 0).ToArray();
        ws.AppendChunks(daysTable, a =>
        {
            int s0 = 1 + ks + windows;
            for (int at = 0; at < buyers.Length; at += a.Capacity)
            {
                int m = Math.Min(a.Capacity, buyers.Length - at);
                a.Begin();
                for (int i = 0; i < m; i++) a.String(0, i, b.Ids.Key(buyers[at + i]));
                for (int k = 0; k < ks; k++)
                {
                    long* column = a.Column<long>(1 + k);
                    for (int i = 0; i < m; i++) column[i] = b.PurchaseDays[k][buyers[at + i]];
                }
                for (int j = 0; j < windows; j++)
                {
                    long* column = a.Column<long>(1 + ks + j);
                    for (int i = 0; i < m; i++) column[i] = b.Window[j][buyers[at + i]];
                }
                if (summaries)
                {
                    int* firstDay = a.Column<int>(s0), lastDay = a.Column<int>(s0 + 1), lastDayEarlier = a.Column<int>(s0 + 5);
                    long* dayCount = a.Column<long>(s0 + 2), dayCountEarlier = a.Column<long>(s0 + 6);
                    Int128* total = a.Column<Int128>(s0 + 3), firstAmount = a.Column<Int128>(s0 + 4), totalEarlier = a.Column<Int128>(s0 + 7);
                    for (int i = 0; i < m; i++)
                    {
                        int c = buyers[at + i];
                        firstDay[i] = b.FirstDay[c];
                        lastDay[i] = b.LastDay[c];
                        dayCount[i] = b.DayCount[c];
                        total[i] = b.Total[c];
                        firstAmount[i] = b.FirstAmount[c];
                        dayCountEarlier[i] = b.DayCountEarlier[c];
                        if (b.DayCountEarlier[c] > 0)
                        {
                            lastDayEarlier[i] = b.LastDayEarlier[c];
                            totalEarlier[i] = b.TotalEarlier[c];
                        }
                        else
                        {
                            a.Null(s0 + 5, i);
                            a.Null(s0 + 7, i);
                        }
                    }
                }
                a.Append(m);
            }
        });
    }
}
