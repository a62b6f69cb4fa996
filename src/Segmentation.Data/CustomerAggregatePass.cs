using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Array = System.Array;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Features;
using System.Runtime.CompilerServices;

namespace Segmentation.Data;

/// <summary>
/// The per-customer aggregates of <see cref="CustomerAggregateQuery.Render(SqlDialect, DateTime, string)"/> computed in one pass in
/// .NET over the transactions, read once from DuckDB as Arrow batches: the same DataFrame the query returns (columns, types, NULLs,
/// row order, doubles bit for bit), in about half its time.
/// </summary>
/// <remarks>
/// <para>The SQL runs two hash aggregations over every transaction (per customer with a distinct count of purchase days, and per
/// (customer, category)), a join and a sort of the result: about 6.3 s for 10 M transactions of 1 M customers on two cores. Here
/// DuckDB only scans, filters and hands over the columns; a pipeline of two threads numbers the customers and categories (one
/// thread, which also reads the batches) and folds each row into its customer's sums (the other); the purchase days and
/// categories of each customer are then counted from the purchases bucketed by customer, and the customers sorted by the bytes of
/// their ids (the SQL's binary collation).</para>
/// <para>Money is summed exactly as the SQL sums it: each amount as DECIMAL(18, 2), i.e. round(amount × 100) half away from zero in
/// whole cents, and the sum converted to double as cents / 100 (both checked against DuckDB on 13 M and 3 M values). Data outside
/// what this handles — a table whose columns are not of the canonical types (the timestamp a TIMESTAMP in µs without a time zone), a
/// NULL customer id, a NULL or non-finite amount, an amount or cost of 10¹³ or more, a timestamp outside .NET's range, a customer's
/// sum of 2⁵³ cents or more — makes it give up (null) before any result is built; the caller then runs the SQL. Ids and categories
/// are compared by their bytes: a table whose id or category column carries a collation (COLLATE NOCASE, say; canonical tables have
/// none) is outside its contract, and a session with a default collation is left to the SQL.</para>
/// <para>The loops over every row or customer (Parallel.For bodies run two to a few dozen times, each over many rows; here and in the
/// analytics' kernels) are marked <see cref="MethodImplOptions.AggressiveOptimization"/>: tiered compilation promotes a method by its
/// calls, so such a body ran at tier 0 until on-stack replacement, and some never left it (the monthly job at 1 M customers: about 3 s
/// of CPU time at tier 0).</para>
/// </remarks>
internal static partial class CustomerAggregatePass
{
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;

    // Flags computed by DuckDB per row: the return flag (0 NULL, 1 purchase, 2 return), an online channel, a known channel, a campaign id.
    private const int Purchase = 1, Return = 2, Online = 4, Channel = 8, Campaign = 16;

    /// <summary>
    /// The aggregates of <paramref name="transactions"/> (a canonical, validated table of <paramref name="ws"/>) at the snapshot day, as
    /// <c>ws.Query(CustomerAggregateQuery.Render(ws.Dialect, snapshot, transactions))</c> returns them; null when the data needs the SQL.
    /// </summary>
    public static DataFrame? TryRun(DataWorkspace ws, DateTime snapshot, string transactions = "transactions")
    {
        ArgumentNullException.ThrowIfNull(ws);
        if (PassRows.HasDefaultCollation(ws)) return null;
        var expected = Expected(ws, transactions);
        var folded = ws.ReadArrow(Rows(ws.Dialect, transactions, snapshot.Date.AddDays(1)), stream => Fold(stream, [MicrosOf(snapshot.Date.AddDays(1))], expected, amounts: false));
        if (folded is null) return null;
        ws.Options.Cancellation.ThrowIfCancellationRequested();
        return Build(folded, snapshot);
    }

    /// <summary>The query streaming what the pass reads of the transactions before <paramref name="end"/>: the id, timestamp, amount,
    /// cost, category, and the return flag, channel and campaign folded by the engine into one byte of flags.</summary>
    private static string Rows(SqlDialect d, string transactions, DateTime end)
    {
        string online = string.Join(", ", DataModel.OnlineChannels.Select(d.Str));
        return $"""
            SELECT customer_id, "timestamp", amount, cost, category,
              CAST((CASE WHEN is_return IS NULL THEN 0 WHEN is_return THEN {Return} ELSE {Purchase} END)
                + (CASE WHEN channel IN ({online}) THEN {Online} ELSE 0 END) + (CASE WHEN channel IS NOT NULL THEN {Channel} ELSE 0 END)
                + (CASE WHEN campaign_id IS NOT NULL THEN {Campaign} ELSE 0 END) AS UTINYINT) AS flags
            FROM {d.Id(transactions)} WHERE "timestamp" < {d.Timestamp(end)}
            """;
    }

    /// <summary>One batch's rows as the folding thread needs them: dense customer and category numbers, µs, cents, flags.</summary>
    private sealed class Chunk(int capacity)
    {
        public int Length;
        public readonly int[] Customer = new int[capacity], Category = new int[capacity];
        public readonly long[] Micros = new long[capacity], Cents = new long[capacity], CostCents = new long[capacity];
        public readonly byte[] Flags = new byte[capacity];
        public readonly ByteKeyIndex.KeyHash[] Hashes = new ByteKeyIndex.KeyHash[capacity];
    }

    /// <summary>One customer's sums in one slice of time (money in cents, timestamps in µs); <see cref="Rows"/> counts every row.</summary>
    private struct Sums
    {
        public long Gross, Net, ReturnAmount, Cost, First, Last;
        public int Rows, Orders, Returns, OnlineOrders, ChannelOrders, CampaignOrders;
    }

    /// <summary>What the pass over the rows leaves: the ids, each customer's sums per slice (customer c's slice k at c × slices + k), and
    /// every purchase's (customer, day, category) and, when asked, its cents.</summary>
    private sealed class Folded(ByteKeyIndex ids, int slices, Sums[] sums, int[] purchaseCustomer, int[] purchaseDay, int[] purchaseCategory,
                                long[]? purchaseCents, int purchases, MonthRows? months)
    {
        /// <summary>What the customer × month grain needs besides the purchases (null when not asked for).</summary>
        public MonthRows? Months { get; } = months;
        public ByteKeyIndex Ids { get; } = ids;
        public int Slices { get; } = slices;
        public Sums[] Sums { get; } = sums;
        public int[] PurchaseCustomer { get; } = purchaseCustomer;
        public int[] PurchaseDay { get; } = purchaseDay;
        public int[] PurchaseCategory { get; } = purchaseCategory;
        public long[]? PurchaseCents { get; } = purchaseCents;
        public int Purchases { get; } = purchases;
    }

    private static long MicrosOf(DateTime t) => (t.Ticks - EpochTicks) / 10;

    /// <summary>What the customer × month grain (<see cref="CustomerMonthPass"/>) needs besides the purchases' customer, day and
    /// cents: each purchase's cost, and the rows that are not purchases (returns, rows without a return flag), which count in their
    /// month's net amount and cost.</summary>
    private sealed class MonthRows(int purchases)
    {
        public long[] PurchaseCost = HugePages.NewArray<long>(purchases);
        public int[] Customer = new int[1 << 12], Day = new int[1 << 12];
        public long[] Cents = new long[1 << 12], Cost = new long[1 << 12];
        public byte[] Kind = new byte[1 << 12];
        public int Count;

        public void Add(int customer, int day, long cents, long cost, byte kind)
        {
            if (Count == Customer.Length)
            {
                int size = checked(Count * 2);
                Array.Resize(ref Customer, size);
                Array.Resize(ref Day, size);
                Array.Resize(ref Cents, size);
                Array.Resize(ref Cost, size);
                Array.Resize(ref Kind, size);
            }
            Customer[Count] = customer;
            Day[Count] = day;
            Cents[Count] = cents;
            Cost[Count] = cost;
            Kind[Count] = kind;
            Count++;
        }
    }

    /// <summary>Folds the stream's rows (all before the last of <paramref name="ends"/>, ascending µs) into per-customer sums of the slices
    /// the ends cut time into; null when the data needs the SQL.</summary>
    private static Folded? Fold(IArrowArrayStream stream, long[] ends, Sizes expected, bool amounts, bool months = false)
    {
        // A table that is not canonical (another type of amount, a TIMESTAMP_NS or one with a time zone, say) is left to the SQL.
        ArrowTypeId[] types = [ArrowTypeId.String, ArrowTypeId.Timestamp, ArrowTypeId.Double, ArrowTypeId.Double, ArrowTypeId.String, ArrowTypeId.UInt8];
        var fields = stream.Schema.FieldsList;
        if (fields.Count != types.Length || fields.Where((field, i) => field.DataType.TypeId != types[i]).Any()
            || fields[1].DataType is not TimestampType { Unit: TimeUnit.Microsecond, Timezone: null or "" })
            return null;
        // Tables start at the sizes the ingest counted (rows and customers accepted) or small, and double as they fill: sized once,
        // they are neither copied nor touched twice (at 12 M rows, about 0.8 GB less memory first touched by the folder, whose
        // page faults are on the pass's critical path). Four chunks queued ahead keep the folder busy without holding many rows.
        var ids = new ByteKeyIndex(1 << 16);
        var categories = new ByteKeyIndex(64);
        using var full = new BlockingCollection<Chunk>(4);
        using var free = new BlockingCollection<Chunk>();
        int slices = ends.Length;
        // The sums are made ready (their first and last set) as customers arrive, not when allocated: a customers table much larger
        // than the buyers then costs address space, not memory.
        var sums = NewSums((int)Math.Min((long)slices * expected.Customers, Array.MaxLength));
        int ready = 0;
        int capacity = expected.Rows;
        var pCustomer = HugePages.NewArray<int>(capacity);
        var pDay = HugePages.NewArray<int>(capacity);
        var pCategory = HugePages.NewArray<int>(capacity);
        long[]? pCents = amounts || months ? HugePages.NewArray<long>(capacity) : null;
        var monthRows = months ? new MonthRows(capacity) : null;
        int purchases = 0;
        bool overflow = false;
        using var stop = new CancellationTokenSource();
        var folder = Task.Run(() =>
        {
            try
            {
                foreach (var chunk in full.GetConsumingEnumerable(stop.Token))
                {
                    FoldChunk(chunk, ends, ref sums, ref ready, ref pCustomer, ref pDay, ref pCategory, ref pCents, ref purchases, monthRows);
                    free.Add(chunk);
                }
            }
            catch (OverflowException)
            {
                // A sum beyond 64-bit cents: the SQL's DECIMAL(38, 2) holds it.
                overflow = true;
                stop.Cancel();
            }
            catch (Exception)
            {
                // The reader must not wait for a folder that is gone; the exception surfaces when the folder is awaited.
                stop.Cancel();
                throw;
            }
        });
        bool ok = false;
        try
        {
            ok = ReadAll(stream, full, free, ids, categories, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The folder gave up (overflow, or failed: awaited below).
        }
        finally
        {
            if (!ok) stop.Cancel();
            full.CompleteAdding();
            try
            {
                folder.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
        if (!ok || overflow) return null;
        if (ready < ids.Count * slices) Prepare(ref sums, ref ready, ids.Count * slices);
        return new Folded(ids, slices, sums, pCustomer, pDay, pCategory, pCents, purchases, monthRows);
    }

    /// <summary>Reads every batch, numbers it and queues it for the folder; false when the data needs the SQL.</summary>
    private static bool ReadAll(IArrowArrayStream stream, BlockingCollection<Chunk> full, BlockingCollection<Chunk> free,
        ByteKeyIndex ids, ByteKeyIndex categories, CancellationToken stop)
    {
        int made = 0;
        while (stream.ReadNextRecordBatchAsync(stop).AsTask().GetAwaiter().GetResult() is { } batch)
            using (batch)
            {
                // Six chunks circulate between the threads (one being numbered, four queued, one being folded), made as needed.
                if (!free.TryTake(out var chunk))
                    chunk = made++ < 6 ? new Chunk(Math.Max(batch.Length, 2048)) : free.Take(stop);
                if (chunk.Customer.Length < batch.Length) chunk = new Chunk(batch.Length);
                if (!Number(batch, chunk, ids, categories)) return false;
                full.Add(chunk, stop);
            }
        return true;
    }

    /// <summary>The sizes the fold's tables start at: the transactions' and the customers' rows the ingest accepted (bounds, seldom
    /// exceeded: a table outgrows them by doubling), or small sizes when the ingest did not count them.</summary>
    private readonly record struct Sizes(int Rows, int Customers);

    private static Sizes Expected(DataWorkspace ws, string transactions)
    {
        // Bounded so that the address space reserved at once stays within a few GB (16 M customers × 3 snapshots × 72 bytes); larger
        // tables grow by doubling from there.
        const int Small = 1 << 16, LargestRows = 1 << 28, LargestCustomers = 1 << 24;
        var tables = ws.Report.Tables;
        long rows = tables.FirstOrDefault(t => t.Table == transactions) is { } tx ? tx.Records ?? tx.RowsAccepted : 0;
        long customers = tables.FirstOrDefault(t => t.Table == "customers") is { } cu ? Math.Min(cu.RowsAccepted, rows) : 0;
        return new((int)Math.Clamp(rows, Small, LargestRows), (int)Math.Clamp(customers, Small, LargestCustomers));
    }

    /// <summary>Uninitialised sums: rows are made ready by <see cref="Prepare"/> before they are read.</summary>
    private static Sums[] NewSums(int length) =>
        // Read at random once per row (about 200 MB at a million customers): on huge pages where the system offers them (the pass of
        // the monthly job's snapshots at 1 M customers: 4.6 / 4.9 s against 5.4 / 5.9 s).
        HugePages.NewArray<Sums>(length);

    /// <summary>Makes rows [<paramref name="ready"/>, <paramref name="needed"/>) of the sums ready (no rows, no first or last time yet),
    /// doubling the array when it is too short.</summary>
    private static void Prepare(ref Sums[] sums, ref int ready, int needed)
    {
        if (needed > sums.Length)
        {
            var grown = NewSums((int)Math.Min(Math.Max(2L * sums.Length, needed), Array.MaxLength));
            if (grown.Length < needed) throw new OutOfMemoryException($"{needed:N0} customer sums do not fit one array");
            sums.AsSpan(0, ready).CopyTo(grown);
            sums = grown;
        }
        sums.AsSpan(ready, needed - ready).Fill(new Sums { First = long.MaxValue, Last = long.MinValue });
        ready = needed;
    }

    private const int PrefetchAhead = 8;

    /// <summary>Asks the processor for the sums row <paramref name="i"/> of the chunk folds into (a hint: nothing when out of range).</summary>
    private static unsafe void PrefetchSums(Sums[] sums, Chunk chunk, int i, long[] ends)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        int slice = 0;
        if (ends.Length > 1)
            while (slice < ends.Length - 1 && chunk.Micros[i] >= ends[slice]) slice++;
        long at = (long)chunk.Customer[i] * ends.Length + slice;
        if (at >= sums.Length) return;
        // A row's sums span two cache lines at most.
        byte* p = (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref sums[at]);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(p);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(p + System.Runtime.CompilerServices.Unsafe.SizeOf<Sums>() - 1);
    }

    /// <summary>Folds one chunk's rows into the customers' sums and appends its purchases.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FoldChunk(Chunk chunk, long[] ends, ref Sums[] sums, ref int ready, ref int[] pCustomer, ref int[] pDay, ref int[] pCategory,
        ref long[]? pCents, ref int purchases, MonthRows? months)
    {
        int n = chunk.Length, slices = ends.Length;
        for (int i = 0; i < n; i++)
        {
            // The customers' sums are read at random (about 200 MB at 1 M customers): the row some rows ahead is fetched meanwhile.
            if (i + PrefetchAhead < n) PrefetchSums(sums, chunk, i + PrefetchAhead, ends);
            int c = chunk.Customer[i];
            int slice = 0;
            if (slices > 1)
                while (chunk.Micros[i] >= ends[slice]) slice++;
            int at = c * slices + slice;
            if (at >= ready) Prepare(ref sums, ref ready, (c + 1) * slices);
            ref var s = ref sums[at];
            s.Rows++;
            long cents = chunk.Cents[i];
            s.Net = checked(s.Net + cents);
            int flags = chunk.Flags[i];
            int kind = flags & 3;
            if (kind == Return)
            {
                s.Returns++;
                s.ReturnAmount = checked(s.ReturnAmount - cents);
                months?.Add(c, (int)PassRows.Day(chunk.Micros[i]), cents, chunk.CostCents[i], CustomerMonthPass.Return);
                continue;
            }
            if (kind != Purchase)
            {
                months?.Add(c, (int)PassRows.Day(chunk.Micros[i]), cents, chunk.CostCents[i], CustomerMonthPass.Unflagged);
                continue;
            }
            long t = chunk.Micros[i];
            s.Orders++;
            s.Gross = checked(s.Gross + cents);
            s.Cost = checked(s.Cost + chunk.CostCents[i]);
            if (t < s.First) s.First = t;
            if (t > s.Last) s.Last = t;
            s.OnlineOrders += (flags >> 2) & 1;
            s.ChannelOrders += (flags >> 3) & 1;
            s.CampaignOrders += (flags >> 4) & 1;
            if (purchases == pCustomer.Length)
            {
                int size = checked(purchases * 2);
                HugePages.Resize(ref pCustomer, size);
                HugePages.Resize(ref pDay, size);
                HugePages.Resize(ref pCategory, size);
                if (pCents is not null) HugePages.Resize(ref pCents, size);
                if (months is not null) HugePages.Resize(ref months.PurchaseCost, size);
            }
            if (months is not null) months.PurchaseCost[purchases] = chunk.CostCents[i];
            pCustomer[purchases] = c;
            if (pCents is not null) pCents[purchases] = cents;
            // CAST(timestamp AS DATE): the day, rounded down (before 1970 too).
            pDay[purchases] = (int)PassRows.Day(t);
            pCategory[purchases] = chunk.Category[i];
            purchases++;
        }
    }

    /// <summary>Numbers one batch's customers and categories and copies its other columns into <paramref name="chunk"/>; false when the data needs the SQL.</summary>
    private static bool Number(RecordBatch batch, Chunk chunk, ByteKeyIndex ids, ByteKeyIndex categories)
    {
        int n = batch.Length;
        var id = (StringArray)batch.Column(0);
        var micros = (TimestampArray)batch.Column(1);
        var amount = (DoubleArray)batch.Column(2);
        var cost = (DoubleArray)batch.Column(3);
        var category = (StringArray)batch.Column(4);
        var flags = (UInt8Array)batch.Column(5);
        if (id.NullCount > 0 || amount.NullCount > 0 || micros.NullCount > 0 || flags.NullCount > 0) return false;
        chunk.Length = n;
        PassRows.Number(id, ids, add: true, chunk.Hashes, chunk.Customer);
        var t = micros.Values;
        for (int i = 0; i < n; i++)
            if (!PassRows.IsTime(t[i])) return false;
        t.CopyTo(chunk.Micros);
        var amounts = amount.Values;
        for (int i = 0; i < n; i++)
        {
            double a = amounts[i];
            // NaN fails the test too.
            if (!PassRows.IsMoney(a)) return false;
            chunk.Cents[i] = PassRows.Cents(a);
        }
        var costs = cost.Values;
        bool costNulls = cost.NullCount > 0;
        for (int i = 0; i < n; i++)
        {
            if (costNulls && cost.IsNull(i)) { chunk.CostCents[i] = 0; continue; }
            double c = costs[i];
            if (!PassRows.IsMoney(c)) return false;
            chunk.CostCents[i] = PassRows.Cents(c);
        }
        var catOffsets = category.ValueOffsets;
        var catBytes = category.ValueBuffer.Span;
        bool catNulls = category.NullCount > 0;
        for (int i = 0; i < n; i++)
            chunk.Category[i] = catNulls && category.IsNull(i) ? -1 : categories.GetOrAdd(catBytes[catOffsets[i]..catOffsets[i + 1]]);
        flags.Values.CopyTo(chunk.Flags);
        return true;
    }

    private static DataFrame? Build(Folded f, DateTime snapshot)
    {
        int n = f.Ids.Count;
        var sums = f.Sums;
        // Below 2⁵³ cents a sum converts to double exactly, so cents / 100 rounds once, as the engine's DECIMAL → DOUBLE does; above,
        // the two may differ in the last bit.
        const long Exact = 1L << 53;
        static bool Inexact(long cents) => cents >= Exact || cents <= -Exact;
        for (int c = 0; c < n; c++)
        {
            ref readonly var s = ref sums[c];
            if (Inexact(s.Gross) || Inexact(s.Net) || Inexact(s.ReturnAmount) || Inexact(s.Cost)) return null;
        }
        // Each customer's purchases side by side (a counting sort by customer), then its distinct days and categories.
        var start = new int[n + 1];
        for (int c = 0; c < n; c++) start[c + 1] = start[c] + sums[c].Orders;
        // The ordinal order of the ids meanwhile (it needs only the ids).
        var ordering = Task.Run(f.Ids.OrdinalOrder);
        var (days, cats, _, _) = PlaceByCustomer(f, start);
        var purchaseDays = new long[n];
        var categoryCount = new long[n];
        var topCategory = new long[n];
        var categoryOrders = new long[n];
        Parallel.For(0, (n + 65535) / 65536, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part) =>
        {
            for (int c = part * 65536, end = Math.Min(n, c + 65536); c < end; c++)
            {
                var dayRun = days.AsSpan(start[c], start[c + 1] - start[c]);
                dayRun.Sort();
                long distinct = 0;
                for (int k = 0; k < dayRun.Length; k++)
                    if (k == 0 || dayRun[k] != dayRun[k - 1]) distinct++;
                purchaseDays[c] = distinct;
                var catRun = cats.AsSpan(start[c], start[c + 1] - start[c]);
                catRun.Sort();
                long kinds = 0, top = 0, known = 0, run = 0;
                for (int k = 0; k < catRun.Length; k++)
                {
                    if (catRun[k] < 0) continue;
                    known++;
                    run = k > 0 && catRun[k] == catRun[k - 1] ? run + 1 : 1;
                    if (run == 1) kinds++;
                    top = Math.Max(top, run);
                }
                categoryCount[c] = kinds;
                topCategory[c] = top;
                categoryOrders[c] = known;
            }
        });

        var order = ordering.GetAwaiter().GetResult();
        long snapDay = (snapshot.Date.Ticks - EpochTicks) / TimeSpan.TicksPerDay;
        var idColumn = new string[n];
        var columns = new OutputColumns(n);
        Parallel.For(0, (n + 65535) / 65536, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part) =>
        {
            for (int r = part * 65536, end = Math.Min(n, r + 65536); r < end; r++)
            {
                int c = order[r];
                ref readonly var s = ref sums[c];
                idColumn[r] = Encoding.UTF8.GetString(f.Ids.Key(c));
                columns.Orders[r] = s.Orders;
                columns.PurchaseDays[r] = purchaseDays[c];
                columns.Returns[r] = s.Returns;
                columns.Gross[r] = s.Gross / 100.0;
                columns.Net[r] = s.Net / 100.0;
                columns.ReturnAmount[r] = s.ReturnAmount / 100.0;
                columns.Cost[r] = s.Cost / 100.0;
                if (s.Orders > 0)
                {
                    columns.Purchased[r] = true;
                    columns.First[r] = new DateTime(EpochTicks + s.First * 10, DateTimeKind.Unspecified);
                    columns.Last[r] = new DateTime(EpochTicks + s.Last * 10, DateTimeKind.Unspecified);
                    columns.Recency[r] = snapDay - PassRows.Day(s.Last);
                    columns.Tenure[r] = snapDay - PassRows.Day(s.First);
                }
                columns.OnlineOrders[r] = s.OnlineOrders;
                columns.ChannelOrders[r] = s.ChannelOrders;
                columns.CampaignOrders[r] = s.CampaignOrders;
                columns.Categories[r] = categoryCount[c];
                columns.TopCategory[r] = topCategory[c];
                columns.CategoryOrders[r] = categoryOrders[c];
            }
        });
        // Two validity bitmaps serve every column: all rows, and the rows of customers with a purchase.
        var valid = new bool[n];
        valid.AsSpan().Fill(true);
        var all = Bits(valid);
        var purchased = Bits(columns.Purchased);
        return new DataFrame(
            new StringDataFrameColumn("customer_id", idColumn),
            Int64("orders", columns.Orders, all), Int64("purchase_days", columns.PurchaseDays, all), Int64("returns", columns.Returns, all),
            Double("gross_amount", columns.Gross, all), Double("net_amount", columns.Net, all),
            Double("return_amount", columns.ReturnAmount, all), Double("cost", columns.Cost, all),
            Timestamps("first_purchase", columns.First, purchased), Timestamps("last_purchase", columns.Last, purchased),
            Int64("recency_days", columns.Recency, purchased), Int64("tenure_days", columns.Tenure, purchased),
            Int64("online_orders", columns.OnlineOrders, all), Int64("channel_orders", columns.ChannelOrders, all),
            Int64("campaign_orders", columns.CampaignOrders, all), Int64("categories", columns.Categories, all),
            Int64("top_category_orders", columns.TopCategory, all), Int64("category_orders", columns.CategoryOrders, all));
    }

    /// <summary>
    /// Every purchase's day, category and (when the fold kept them) cents and cost placed side by side per customer, a counting sort by customer:
    /// customer c's at <paramref name="start"/>[c] … <paramref name="start"/>[c + 1] − 1, in the stream's order.
    /// </summary>
    private static (int[] Days, int[] Categories, long[]? Cents, long[]? Cost) PlaceByCustomer(Folded f, int[] start)
    {
        int n = start.Length - 1;
        // Written at random, every element once: uninitialised, on huge pages where offered.
        var days = HugePages.NewArray<int>(f.Purchases);
        var cats = HugePages.NewArray<int>(f.Purchases);
        var cents = f.PurchaseCents is null ? null : HugePages.NewArray<long>(f.Purchases);
        var cost = f.Months is null ? null : HugePages.NewArray<long>(f.Purchases);
        var next = start.AsSpan(0, n).ToArray();
        // Two halves of the customers, one per thread: each reads every purchase and places its own.
        Parallel.For(0, 2, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (half) =>
        {
            int low = half == 0 ? 0 : n / 2, high = half == 0 ? n / 2 : n;
            var customer = f.PurchaseCustomer;
            for (int p = 0; p < f.Purchases; p++)
            {
                int c = customer[p];
                if (c < low || c >= high) continue;
                int slot = next[c]++;
                days[slot] = f.PurchaseDay[p];
                cats[slot] = f.PurchaseCategory[p];
                if (cents is not null) cents[slot] = f.PurchaseCents![p];
                if (cost is not null) cost[slot] = f.Months!.PurchaseCost[p];
            }
        });
        return (days, cats, cents, cost);
    }


    /// <summary>The output columns' values in row order.</summary>
    private sealed class OutputColumns(int n)
    {
        public readonly long[] Orders = new long[n], PurchaseDays = new long[n], Returns = new long[n], Recency = new long[n], Tenure = new long[n],
            OnlineOrders = new long[n], ChannelOrders = new long[n], CampaignOrders = new long[n], Categories = new long[n],
            TopCategory = new long[n], CategoryOrders = new long[n];
        public readonly double[] Gross = new double[n], Net = new double[n], ReturnAmount = new double[n], Cost = new double[n];
        public readonly DateTime[] First = new DateTime[n], Last = new DateTime[n];
        public readonly bool[] Purchased = new bool[n];
    }

    private static Int64DataFrameColumn Int64(string name, long[] values, (byte[] Bits, int Nulls) validity) =>
        Growable(new Int64DataFrameColumn(name, Bytes(values), validity.Bits, values.Length, validity.Nulls));

    private static DoubleDataFrameColumn Double(string name, double[] values, (byte[] Bits, int Nulls) validity) =>
        Growable(new DoubleDataFrameColumn(name, Bytes(values), validity.Bits, values.Length, validity.Nulls));

    private static PrimitiveDataFrameColumn<DateTime> Timestamps(string name, DateTime[] values, (byte[] Bits, int Nulls) validity) =>
        Growable(new PrimitiveDataFrameColumn<DateTime>(name, Bytes(values), validity.Bits, values.Length, validity.Nulls));

    private static byte[] Bytes<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    // A column over given memory is read-only and copied on its first write: one write of an unchanged value makes it an ordinary
    // growable column (as ArrowDataFrameReader's columns are).
    private static T Growable<T>(T column) where T : DataFrameColumn
    {
        if (column.Length > 0) column[0] = column[0];
        return column;
    }

    private static (byte[] Bits, int Nulls) Bits(bool[] valid)
    {
        var bits = new byte[(valid.Length + 7) / 8];
        int nulls = 0;
        for (int i = 0; i < valid.Length; i++)
            if (valid[i]) bits[i >> 3] |= (byte)(1 << (i & 7));
            else nulls++;
        return (bits, nulls);
    }
}
