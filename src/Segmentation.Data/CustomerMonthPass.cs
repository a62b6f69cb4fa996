using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Array = System.Array;
using Segmentation.Analytics.Evaluation;

namespace Segmentation.Data;

/// <summary>
/// The customer × month grain of the KPI tables (<see cref="CustomerMonthGrain"/>) computed in .NET over the transactions read once
/// from DuckDB as Arrow batches: what the SQL's <c>kpi_cm</c> table holds (per assigned customer and calendar month: purchases,
/// gross, net and cost as DECIMAL(18, 2) sums, first and last purchase day), without the table, its join to the segments, or the
/// window and period tables built from it.
/// </summary>
/// <remarks>
/// <para>DuckDB scans and filters the transactions (<c>"timestamp" &lt; end</c>) and hands over five columns. One thread looks each
/// customer id up (by its UTF-8 bytes, in a table of the assigned customers numbered in the segments table's order; rows of other
/// customers are skipped, as the SQL's join drops them) and appends the row to its customer's bucket (4 096 customers each). The
/// buckets are then folded on both cores: each bucket's rows placed by customer, each customer's sorted by day and summed per
/// month.</para>
/// <para>Money is taken as the SQL takes it: each amount as DECIMAL(18, 2), i.e. round(amount × 100) half away from zero in
/// whole cents. Where the pass cannot promise the SQL's figures it gives up (null) before anything is built and the SQL runs: a
/// session with a default collation, columns not of the canonical types (the timestamp a TIMESTAMP in µs without a time zone), a
/// NULL or non-finite amount, an amount or cost of 10¹³ or more (in any row, an unassigned customer's too), a timestamp outside
/// .NET's range, a customer whose months' sums reach 2⁵³ cents, a segments table with a repeated customer id or a segment outside the
/// keys. One difference remains, by design: unassigned customers' rows are never summed, so where their month sums alone overflow the
/// SQL's DECIMAL(18, 2) (10¹⁶ cents: a thousand purchases of 10¹³ in one month) the SQL fails and the pass answers.</para>
/// </remarks>
internal static class CustomerMonthPass
{
    private const long Exact = 1L << 53;
    private const int BucketBits = 12, BlockRows = 8192;

    // The return flag as DuckDB folds it: NULL, a purchase, a return.
    internal const byte Unflagged = 0, Purchase = 1, Return = 2;

    /// <summary>One transaction: cents, cost cents, day, the customer's number within its bucket, the return flag.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal struct Row
    {
        public long Cents, Cost;
        public int Day;
        public ushort Local;
        public byte Kind;
    }

    /// <summary>The rows of 4 096 customers, in blocks.</summary>
    private sealed class Bucket
    {
        public readonly List<Row[]> Blocks = [];
        public int Count;

        public void Add(in Row row)
        {
            int offset = Count % BlockRows;
            if (offset == 0) Blocks.Add(new Row[BlockRows]);
            Blocks[^1][offset] = row;
            Count++;
        }
    }

    /// <summary>The assigned customers: ids numbered in the segments table's order, and each one's segment.</summary>
    private sealed class Customers(ByteKeyIndex ids, int[] segment)
    {
        public ByteKeyIndex Ids { get; } = ids;
        public int[] Segment { get; } = segment;
    }

    /// <summary>The grain of <paramref name="transactions"/> before <paramref name="end"/> for the customers of
    /// <paramref name="segmentsTable"/>; null when the data needs the SQL.</summary>
    public static CustomerMonthGrain? TryRun(DataWorkspace ws, string segmentsTable, IReadOnlyList<string> keys, DateOnly end, string transactions = "transactions")
    {
        ArgumentNullException.ThrowIfNull(ws);
        ArgumentNullException.ThrowIfNull(keys);
        if (PassRows.HasDefaultCollation(ws)) return null;
        var d = ws.Dialect;
        var keyIndex = new ByteKeyIndex(keys.Count);
        for (int k = 0; k < keys.Count; k++)
            if (keyIndex.GetOrAdd(Encoding.UTF8.GetBytes(keys[k])) != k) return null;
        var customers = ws.ReadArrow($"SELECT customer_id, segment FROM {d.Id(segmentsTable)}", stream => ReadCustomers(stream, keyIndex));
        if (customers is null) return null;
        string sql = $"""
            SELECT customer_id, "timestamp", amount, cost,
              CAST(CASE WHEN is_return IS NULL THEN {Unflagged} WHEN is_return THEN {Return} ELSE {Purchase} END AS UTINYINT) AS kind
            FROM {d.Id(transactions)} WHERE "timestamp" < {d.Timestamp(end.ToDateTime(TimeOnly.MinValue))}
            """;
        var buckets = ws.ReadArrow(sql, stream => ReadRows(stream, customers));
        if (buckets is null) return null;
        ws.Options.Cancellation.ThrowIfCancellationRequested();
        return Build(customers, buckets);
    }

    private static Customers? ReadCustomers(IArrowArrayStream stream, ByteKeyIndex keyIndex)
    {
        var fields = stream.Schema.FieldsList;
        if (fields.Count != 2 || fields[0].DataType.TypeId != ArrowTypeId.String || fields[1].DataType.TypeId != ArrowTypeId.String) return null;
        var ids = new ByteKeyIndex(1 << 16);
        var segment = new List<int>();
        while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
            using (batch)
            {
                var id = (StringArray)batch.Column(0);
                var seg = (StringArray)batch.Column(1);
                for (int i = 0; i < batch.Length; i++)
                {
                    // A NULL id joins no transaction; a NULL or unknown segment, or an id twice (the join would count its rows twice), is the SQL's.
                    if (id.IsNull(i)) continue;
                    if (seg.IsNull(i)) return null;
                    var segBytes = seg.GetBytes(i);
                    int s = keyIndex.Find(segBytes, ByteKeyIndex.Hash(segBytes));
                    if (s < 0) return null;
                    if (ids.GetOrAdd(id.GetBytes(i)) != segment.Count) return null;
                    segment.Add(s);
                }
            }
        return new Customers(ids, [.. segment]);
    }

    private static Bucket[]? ReadRows(IArrowArrayStream stream, Customers customers)
    {
        ArrowTypeId[] expected = [ArrowTypeId.String, ArrowTypeId.Timestamp, ArrowTypeId.Double, ArrowTypeId.Double, ArrowTypeId.UInt8];
        var fields = stream.Schema.FieldsList;
        if (fields.Count != expected.Length || fields.Where((field, i) => field.DataType.TypeId != expected[i]).Any()
            || fields[1].DataType is not TimestampType { Unit: TimeUnit.Microsecond, Timezone: null or "" })
            return null;
        var ids = customers.Ids;
        var buckets = new Bucket[(ids.Count >> BucketBits) + 1];
        for (int b = 0; b < buckets.Length; b++) buckets[b] = new Bucket();
        var hashes = Array.Empty<ByteKeyIndex.KeyHash>();
        var numbers = Array.Empty<int>();
        while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
            using (batch)
            {
                int n = batch.Length;
                var id = (StringArray)batch.Column(0);
                var micros = (TimestampArray)batch.Column(1);
                var amount = (DoubleArray)batch.Column(2);
                var cost = (DoubleArray)batch.Column(3);
                var kind = (UInt8Array)batch.Column(4);
                if (amount.NullCount > 0 || micros.NullCount > 0 || kind.NullCount > 0) return null;
                if (hashes.Length < n)
                {
                    hashes = new ByteKeyIndex.KeyHash[n];
                    numbers = new int[n];
                }
                PassRows.Number(id, ids, add: false, hashes, numbers);
                var t = micros.Values;
                var amounts = amount.Values;
                var costs = cost.Values;
                var kinds = kind.Values;
                bool costNulls = cost.NullCount > 0;
                for (int i = 0; i < n; i++)
                {
                    // Every row's money is checked, an unassigned customer's too: the SQL casts it before its join drops the row (and
                    // fails on a NaN), so such data is the SQL's to answer.
                    double a = amounts[i];
                    // NaN fails the test too.
                    if (!PassRows.IsMoney(a)) return null;
                    bool noCost = costNulls && cost.IsNull(i);
                    if (!noCost && !PassRows.IsMoney(costs[i])) return null;
                    int c = numbers[i];
                    if (c < 0) continue;
                    long us = t[i];
                    if (!PassRows.IsTime(us)) return null;
                    buckets[c >> BucketBits].Add(new Row
                    {
                        Cents = PassRows.Cents(a),
                        Cost = noCost ? 0 : PassRows.Cents(costs[i]),
                        Day = (int)PassRows.Day(us),
                        Local = (ushort)(c & ((1 << BucketBits) - 1)),
                        Kind = kinds[i],
                    });
                }
            }
        return buckets;
    }

    /// <summary>Where <see cref="FoldCustomer"/> appends a customer's months.</summary>
    internal interface IMonthSink
    {
        /// <summary>Appends a month (its index, its first day, and its sums); false when the entry cannot be held (the fold gives up).</summary>
        bool Add(int month, int monthStartDay, int orders, long gross, long net, long cost, int first, int last);
    }

    /// <summary>Appends into <see cref="CompactEntries"/> from entry <paramref name="at"/> on; refuses a month outside the entries'
    /// months or a sum beyond ±(2³¹ − 1) cents.</summary>
    internal sealed class CompactSink(CompactEntries into, int at) : IMonthSink
    {
        public int Count = at;

        public bool Add(int month, int monthStartDay, int orders, long gross, long net, long cost, int first, int last)
        {
            int offset = month - into.MonthBase;
            static bool Fits(long cents) => cents >= -int.MaxValue && cents <= int.MaxValue;
            if ((uint)offset >= (uint)into.MonthStart.Length || !Fits(gross) || !Fits(net) || !Fits(cost)) return false;
            int e = Count++;
            into.MonthOffset[e] = (ushort)offset;
            into.Orders[e] = orders;
            into.FirstOfMonth[e] = first == CustomerMonthGrain.NoPurchase ? (byte)0 : (byte)(first - monthStartDay + 1);
            into.LastOfMonth[e] = last == CustomerMonthGrain.NoPurchase ? (byte)0 : (byte)(last - monthStartDay + 1);
            into.Gross[e] = (int)gross;
            into.Net[e] = (int)net;
            into.Cost[e] = (int)cost;
            return true;
        }
    }

    /// <summary>One bucket's months: per customer of the bucket its entry count, and the entries.</summary>
    internal sealed class Months : IMonthSink
    {
        public readonly int[] PerCustomer;
        public readonly int[] Month, Orders, First, Last;
        public readonly long[] Gross, Net, Cost;
        public int Count;

        public Months(int customers, int capacity)
        {
            PerCustomer = new int[customers];
            Month = new int[capacity]; Orders = new int[capacity]; First = new int[capacity]; Last = new int[capacity];
            Gross = new long[capacity]; Net = new long[capacity]; Cost = new long[capacity];
        }

        public bool Add(int month, int monthStartDay, int orders, long gross, long net, long cost, int first, int last)
        {
            int e = Count++;
            Month[e] = month;
            Orders[e] = orders;
            Gross[e] = gross;
            Net[e] = net;
            Cost[e] = cost;
            First[e] = first;
            Last[e] = last;
            return true;
        }
    }

    private static CustomerMonthGrain? Build(Customers customers, Bucket[] buckets)
    {
        int n = customers.Ids.Count;
        var months = new Months?[buckets.Length];
        bool inexact = false;
        Parallel.For(0, buckets.Length, b =>
        {
            int first = b << BucketBits, count = Math.Min(n - first, 1 << BucketBits);
            if (count <= 0) return;
            var m = FoldBucket(buckets[b], count);
            buckets[b] = null!;
            if (m is null) inexact = true;
            months[b] = m;
        });
        if (inexact) return null;
        var e = Entries.Concatenate(months, n, BucketBits);
        var ids = customers.Ids;
        return new CustomerMonthGrain(n, customers.Segment, c => Encoding.UTF8.GetString(ids.Key(c)), e.Start, e.Month, e.Orders, e.Gross, e.Net,
            e.Cost, e.FirstDay, e.LastDay);
    }

    /// <summary>The entries of every customer side by side: customer c's are [Start[c], Start[c + 1]).</summary>
    internal sealed record Entries(int[] Start, int[] Month, int[] Orders, long[] Gross, long[] Net, long[] Cost, int[] FirstDay, int[] LastDay)
    {
        /// <summary>Room for <paramref name="start"/>[^1] entries, customer c's at [start[c], start[c + 1]).</summary>
        public static Entries Allocate(int[] start)
        {
            int entries = start[^1];
            return new Entries(start, new int[entries], new int[entries], new long[entries], new long[entries], new long[entries], new int[entries],
                new int[entries]);
        }

        /// <summary>The parts' entries in customer order (part p holds customers p·2^bits …); each part is let go once copied.</summary>
        public static Entries Concatenate(Months?[] months, int n, int bits)
        {
            var start = new int[n + 1];
            for (int b = 0; b < months.Length; b++)
            {
                if (months[b] is not { } m) continue;
                int first = b << bits;
                for (int local = 0; local < m.PerCustomer.Length; local++) start[first + local + 1] = start[first + local] + m.PerCustomer[local];
            }
            var e = Allocate(start);
            Parallel.For(0, months.Length, b =>
            {
                if (months[b] is not { } m) return;
                int at = start[b << bits], len = m.Count;
                m.Month.AsSpan(0, len).CopyTo(e.Month.AsSpan(at));
                m.Orders.AsSpan(0, len).CopyTo(e.Orders.AsSpan(at));
                m.First.AsSpan(0, len).CopyTo(e.FirstDay.AsSpan(at));
                m.Last.AsSpan(0, len).CopyTo(e.LastDay.AsSpan(at));
                m.Gross.AsSpan(0, len).CopyTo(e.Gross.AsSpan(at));
                m.Net.AsSpan(0, len).CopyTo(e.Net.AsSpan(at));
                m.Cost.AsSpan(0, len).CopyTo(e.Cost.AsSpan(at));
                months[b] = null;
            });
            return e;
        }
    }

    /// <summary>A bucket's rows placed by customer, each customer's sorted by day and summed per month; null when a customer's sums
    /// reach 2⁵³ cents (or 64 bits).</summary>
    private static Months? FoldBucket(Bucket bucket, int customers)
    {
        int total = bucket.Count;
        var offset = new int[customers + 1];
        foreach (var (block, length) in Blocks(bucket)) for (int i = 0; i < length; i++) offset[block[i].Local + 1]++;
        for (int c = 0; c < customers; c++) offset[c + 1] += offset[c];
        var rows = new Row[total];
        var next = offset.AsSpan(0, customers).ToArray();
        foreach (var (block, length) in Blocks(bucket)) for (int i = 0; i < length; i++) rows[next[block[i].Local]++] = block[i];
        bucket.Blocks.Clear();
        var m = new Months(customers, total);
        try
        {
            for (int c = 0; c < customers; c++)
            {
                int before = m.Count;
                if (!FoldCustomer(rows.AsSpan(offset[c], offset[c + 1] - offset[c]), m)) return null;
                m.PerCustomer[c] = m.Count - before;
            }
        }
        catch (OverflowException)
        {
            return null;
        }
        return m;
    }

    /// <summary>
    /// One customer's rows sorted by day and summed per calendar month, appended to <paramref name="m"/> (its entry count is the
    /// caller's to record); false when the customer's sums reach 2⁵³ cents (every period's sum must be exact as a double), or when
    /// the sink cannot hold a month.
    /// </summary>
    /// <exception cref="OverflowException">A sum beyond 64-bit cents.</exception>
    internal static bool FoldCustomer<TSink>(Span<Row> run, TSink m) where TSink : IMonthSink
    {
        SortByDay(run);
        long absolute = 0;
        int k = 0;
        while (k < run.Length)
        {
            var date = DateOnly.FromDayNumber(PassRows.EpochDay + run[k].Day);
            int monthIndex = KpiQuery.MonthIndex(date);
            var monthFirst = new DateOnly(date.Year, date.Month, 1);
            int monthStartDay = monthFirst.DayNumber - PassRows.EpochDay, nextMonth = monthFirst.AddMonths(1).DayNumber - PassRows.EpochDay;
            int orders = 0, first = CustomerMonthGrain.NoPurchase, last = CustomerMonthGrain.NoPurchase;
            long gross = 0, net = 0, cost = 0;
            for (; k < run.Length && run[k].Day < nextMonth; k++)
            {
                ref readonly var r = ref run[k];
                net = checked(net + r.Cents);
                cost = checked(cost + r.Cost);
                if (r.Kind != Purchase) continue;
                orders++;
                gross = checked(gross + r.Cents);
                if (first == CustomerMonthGrain.NoPurchase) first = r.Day;
                last = r.Day;
            }
            if (!m.Add(monthIndex, monthStartDay, orders, gross, net, cost, first, last)) return false;
            // Every period's sum of this customer's months stays below 2⁵³ cents, exact as a double.
            absolute = checked(absolute + Math.Max(Math.Abs(gross), Math.Max(Math.Abs(net), Math.Abs(cost))));
            if (absolute >= Exact) return false;
        }
        return true;
    }

    private static IEnumerable<(Row[] Block, int Length)> Blocks(Bucket bucket)
    {
        for (int k = 0; k < bucket.Blocks.Count; k++)
            yield return (bucket.Blocks[k], k < bucket.Blocks.Count - 1 ? BlockRows : bucket.Count - k * BlockRows);
    }

    // Insertion sort by day: a customer has a few dozen rows at most in the common case.
    private static void SortByDay(Span<Row> run)
    {
        if (run.Length > 64)
        {
            run.Sort((a, b) => a.Day.CompareTo(b.Day));
            return;
        }
        for (int i = 1; i < run.Length; i++)
        {
            var x = run[i];
            int j = i - 1;
            while (j >= 0 && run[j].Day > x.Day)
            {
                run[j + 1] = run[j];
                j--;
            }
            run[j + 1] = x;
        }
    }
}
