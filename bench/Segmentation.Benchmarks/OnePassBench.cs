using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Apache.Arrow;
using Array = System.Array;
using Apache.Arrow.Ipc;
using DuckDB.NET.Data;
using Segmentation.Analytics.Features;
using Segmentation.Data.Sql;

namespace Segmentation.Benchmarks;

/// <summary>
/// A design question for the monthly job: how fast is ONE pass that reads the transactions once from DuckDB as Arrow batches and
/// computes the per-customer figures in .NET, against DuckDB's hash aggregations? Over the e2e bench's Parquet file (1 M customers,
/// 12 M transactions) it times (a) the Arrow read of the eight canonical columns alone, (b) the same read with a streaming .NET
/// aggregation — the snapshot aggregates of <see cref="CustomerAggregateQuery.RenderSnapshots(Analytics.Engines.SqlDialect, IReadOnlyList{DateTime}, string, string)"/>
/// at three snapshots plus the customer × month sums of the KPI query's <c>kpi_cm</c> — and (c) the current SQL for the same, and
/// checks a few totals of (b) against (c). Args: [customers=1000000] [transactions=12000000]
/// </summary>
/// <remarks>
/// A prototype: money is summed as whole cents (round(amount × 100)) in longs, customer-month money in ints (checked), and days
/// older than <see cref="DayWindow"/> days before the last snapshot are refused rather than handled.
/// </remarks>
public sealed class OnePassBench : IBench
{
    private static readonly DateTime[] Snapshots = [new(2025, 10, 31), new(2026, 9, 30), new(2026, 10, 31)];

    // Days before the last snapshot's end covered by the per-customer purchase-day bitset (16 words of 64 bits).
    private const int DayWindow = 1024, DayWords = DayWindow / 64;
    private const long MicrosPerDay = 86_400_000_000L;

    private const string Columns = "customer_id, \"timestamp\", amount, cost, channel, category, campaign_id, is_return";

    public string Name => "onepass";

    public string Description => "one pass in .NET over 12 M transactions (DuckDB → Arrow) vs the snapshot/KPI hash aggregations in SQL";

    public void Run(string[] args, TextWriter output)
    {
        int customers = args.Length > 0 && int.TryParse(args[0], out var c) ? c : 1_000_000;
        long n = args.Length > 1 && long.TryParse(args[1], out var a) ? a : 12L * customers;
        var parquet = Path.Combine(Path.GetTempPath(), $"seg-bench-e2e-{customers}-{n}", "transactions.parquet");
        if (!File.Exists(parquet))
        {
            output.WriteLine($"   {parquet} is missing: run `Segmentation.Benchmarks e2e {customers}` first.");
            return;
        }
        output.WriteLine($"   data: {parquet}; uptime: {Uptime()}");

        using var con = new DuckDBConnection("DataSource=:memory:");
        con.Open();
        Execute(con, "SET TimeZone = 'UTC'; SET arrow_lossless_conversion = true; SET preserve_insertion_order = true");
        Execute(con, $"CREATE VIEW transactions_file AS SELECT * FROM read_parquet('{parquet}')");
        output.WriteLine($"   file columns: {string.Join(", ", Strings(con, "SELECT column_name || ' ' || column_type FROM (DESCRIBE transactions_file)"))}");
        // The canonical types (a no-op cast where the file has them already).
        Execute(con, """
            CREATE VIEW transactions AS SELECT CAST(customer_id AS VARCHAR) AS customer_id, CAST("timestamp" AS TIMESTAMP) AS "timestamp",
              CAST(amount AS DOUBLE) AS amount, CAST(cost AS DOUBLE) AS cost, CAST(channel AS VARCHAR) AS channel,
              CAST(category AS VARCHAR) AS category, CAST(campaign_id AS VARCHAR) AS campaign_id, CAST(is_return AS BOOLEAN) AS is_return
            FROM transactions_file
            """);

        for (int run = 1; run <= 2; run++)
        {
            var (rows, readWall, readCpu) = Timed(() => ReadOnly(con));
            output.WriteLine($"   run {run} (a) Arrow read only: {rows:N0} rows in {readWall:F2} s wall, {readCpu:F1} CPU-s; load {Load()}");
        }
        OnePassTotals? totals = null;
        for (int run = 1; run <= 2; run++)
        {
            var (t, wall, cpu) = Timed(() => Aggregate(con, customers));
            totals = t;
            output.WriteLine($"   run {run} (b) Arrow read + .NET aggregation: {wall:F2} s wall, {cpu:F1} CPU-s (of which the final per-customer fold " +
                             $"{t.FoldSeconds:F2} s); {t.Customers:N0} customers, {t.CustomerMonths:N0} customer-months; load {Load()}");
        }

        var statements = CustomerAggregateQuery.RenderSnapshots(DuckDbDialect.Instance, Snapshots, "agg_cmp");
        double sqlWall = 0, sqlCpu = 0;
        var parts = new List<string>();
        foreach (var sql in statements)
        {
            var (_, wall, cpu) = Timed(() => { Execute(con, sql); return 0; });
            sqlWall += wall;
            sqlCpu += cpu;
            parts.Add(wall.ToString("F2", CultureInfo.InvariantCulture));
        }
        output.WriteLine($"   (c) SQL snapshot aggregates ({statements.Count} statements: {string.Join(" + ", parts)} s): {sqlWall:F2} s wall, {sqlCpu:F1} CPU-s; load {Load()}");
        string end = $"TIMESTAMP '{Snapshots[^1].AddDays(1):yyyy-MM-dd}'";
        // KpiQuery.Prepare's kpi_cm without the join to the segments.
        string kpi = $"""
            CREATE TEMP TABLE kpi_cmp AS
            SELECT customer_id, (CAST(EXTRACT(YEAR FROM "timestamp") AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM "timestamp") AS BIGINT) - 1) AS month_index,
              CAST(count(*) FILTER (WHERE NOT is_return) AS BIGINT) AS orders,
              CAST(COALESCE(sum(CAST(amount AS DECIMAL(18, 2))) FILTER (WHERE NOT is_return), 0) AS DECIMAL(18, 2)) AS gross,
              CAST(sum(CAST(amount AS DECIMAL(18, 2))) AS DECIMAL(18, 2)) AS net,
              CAST(sum(CAST(COALESCE(cost, 0) AS DECIMAL(18, 2))) AS DECIMAL(18, 2)) AS cost,
              min(CAST("timestamp" AS DATE)) FILTER (WHERE NOT is_return) AS first_day,
              max(CAST("timestamp" AS DATE)) FILTER (WHERE NOT is_return) AS last_day
            FROM transactions WHERE "timestamp" < {end}
            GROUP BY customer_id, month_index
            """;
        var (_, kpiWall, kpiCpu) = Timed(() => { Execute(con, kpi); return 0; });
        output.WriteLine($"   (c) SQL customer × month sums (kpi_cm without the segment join): {kpiWall:F2} s wall, {kpiCpu:F1} CPU-s; " +
                         $"SQL total {sqlWall + kpiWall:F2} s wall, {sqlCpu + kpiCpu:F1} CPU-s; load {Load()}");

        var sqlTotals = Scalars(con, """
            SELECT count(*), CAST(sum(orders) AS BIGINT), CAST(sum(CAST(round(net_amount * 100) AS BIGINT)) AS BIGINT),
                   CAST(sum(purchase_days) AS BIGINT), CAST(sum(categories) AS BIGINT), CAST(sum(top_category_orders) AS BIGINT),
                   CAST(sum(online_orders) AS BIGINT), CAST(sum(campaign_orders) AS BIGINT), CAST(sum(CAST(round(cost * 100) AS BIGINT)) AS BIGINT),
                   CAST(sum(epoch_us(last_purchase) % 1000000007) AS BIGINT)
            FROM agg_cmp WHERE snap = 2
            """);
        var sqlKpi = Scalars(con, """
            SELECT count(*), CAST(sum(orders) AS BIGINT), CAST(sum(CAST(net * 100 AS BIGINT)) AS BIGINT), CAST(sum(CAST(gross * 100 AS BIGINT)) AS BIGINT),
                   CAST(sum(CAST(cost * 100 AS BIGINT)) AS BIGINT), CAST(sum(day(last_day) - day(first_day)) AS BIGINT)
            FROM kpi_cmp
            """);
        var t2 = totals!;
        string[] names = ["customers", "Σ orders", "Σ net (cents)", "Σ purchase days", "Σ categories", "Σ top category orders", "Σ online orders",
            "Σ campaign orders", "Σ cost (cents)", "Σ last purchase µs mod 1e9+7"];
        output.WriteLine($"   totals at {Snapshots[^1]:yyyy-MM-dd}: {"",-30} {"SQL",18} {".NET",18}");
        for (int i = 0; i < names.Length; i++)
            output.WriteLine($"     {names[i],-40} {sqlTotals[i],18:N0} {t2.Last[i],18:N0} {(sqlTotals[i] == t2.Last[i] ? "same" : "DIFFERENT")}");
        string[] kpiNames = ["customer-months", "Σ orders", "Σ net (cents)", "Σ gross (cents)", "Σ cost (cents)", "Σ (last − first purchase day)"];
        for (int i = 0; i < kpiNames.Length; i++)
            output.WriteLine($"     kpi {kpiNames[i],-36} {sqlKpi[i],18:N0} {t2.Kpi[i],18:N0} {(sqlKpi[i] == t2.Kpi[i] ? "same" : "DIFFERENT")}");
        output.WriteLine($"   uptime: {Uptime()}");
    }

    private sealed record OnePassTotals(int Customers, long CustomerMonths, long[] Last, long[] Kpi, double FoldSeconds);

    private static long ReadOnly(DuckDBConnection con)
    {
        using var cmd = con.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM transactions";
        using var stream = cmd.ExecuteArrowStream();
        long rows = 0;
        while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
            using (batch)
                rows += batch.Length;
        return rows;
    }

    private static OnePassTotals Aggregate(DuckDBConnection con, int expectedCustomers)
    {
        int s = Snapshots.Length;
        var ends = Snapshots.Select(d => (d.AddDays(1) - DateTime.UnixEpoch).Ticks / 10).ToArray();
        long endDay = ends[^1] / MicrosPerDay, baseDay = endDay - DayWindow;
        // Month slot and day of month of each day of the window, looked up per row.
        var monthOf = new int[DayWindow];
        var dayOfMonthOf = new byte[DayWindow];
        int baseMonth = MonthIndex(DateOnly.FromDayNumber((int)(baseDay + EpochDayNumber)));
        for (int i = 0; i < DayWindow; i++)
        {
            var date = DateOnly.FromDayNumber((int)(baseDay + i + EpochDayNumber));
            monthOf[i] = MonthIndex(date) - baseMonth;
            dayOfMonthOf[i] = (byte)date.Day;
        }
        var state = new CustomerState(expectedCustomers, s);
        var ids = new CustomerIndex(expectedCustomers);
        var categories = new List<byte[]>();

        using (var cmd = con.CreateCommand())
        {
            cmd.CommandText = $"SELECT {Columns} FROM transactions";
            using var stream = cmd.ExecuteArrowStream();
            while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
                using (batch)
                {
                    var id = (StringArray)batch.Column(0);
                    var ts = (TimestampArray)batch.Column(1);
                    var amount = (DoubleArray)batch.Column(2);
                    var cost = (DoubleArray)batch.Column(3);
                    var channel = (StringArray)batch.Column(4);
                    var category = (StringArray)batch.Column(5);
                    var campaign = (IArrowArray)batch.Column(6);
                    // BOOLEAN arrives as DuckDB's arrow.bool8 (one byte per value) under arrow_lossless_conversion.
                    var isReturn = batch.Column(7);
                    var returnBytes = isReturn is Int8Array bytes8 ? bytes8.Values : default;
                    bool bitPacked = isReturn is BooleanArray;
                    var idOffsets = id.ValueOffsets;
                    var idBytes = id.ValueBuffer.Span;
                    var micros = ts.Values;
                    var amounts = amount.Values;
                    var costs = cost.Values;
                    var chOffsets = channel.ValueOffsets;
                    var chBytes = channel.ValueBuffer.Span;
                    var catOffsets = category.ValueOffsets;
                    var catBytes = category.ValueBuffer.Span;
                    var returnBits = isReturn is BooleanArray packed ? packed.ValueBuffer.Span : default;
                    if (!bitPacked && isReturn is not Int8Array) throw new NotSupportedException($"is_return arrived as {isReturn.GetType().Name}.");
                    for (int i = 0; i < batch.Length; i++)
                    {
                        if (!Valid(ts, i) || !Valid(id, i)) continue;
                        long t = micros[i];
                        if (t >= ends[^1]) continue;
                        long day = Math.DivRem(t, MicrosPerDay, out long rem) - (rem < 0 ? 1 : 0);
                        if (day < baseDay) throw new NotSupportedException($"Prototype: a transaction more than {DayWindow} days before the last snapshot.");
                        int cust = ids.GetOrAdd(idBytes[idOffsets[i]..idOffsets[i + 1]]);
                        if (cust == state.Count) state.Add();
                        int slice = 0;
                        while (t >= ends[slice]) slice++;
                        int cs = cust * s + slice;
                        bool returnValid = Valid(isReturn, i);
                        int rbit = isReturn.Offset + i;
                        bool ret = returnValid && (bitPacked ? (returnBits[rbit >> 3] & (1 << (rbit & 7))) != 0 : returnBytes[i] != 0);
                        bool purchase = returnValid && !ret;
                        bool hasAmount = Valid(amount, i), hasCost = Valid(cost, i);
                        long cents = hasAmount ? (long)Math.Round(amounts[i] * 100, MidpointRounding.AwayFromZero) : 0;
                        long costCents = hasCost ? (long)Math.Round(costs[i] * 100, MidpointRounding.AwayFromZero) : 0;
                        state.Rows[cs]++;
                        state.Net[cs] += cents;
                        if (ret)
                        {
                            state.Returns[cs]++;
                            state.ReturnAmount[cs] -= cents;
                        }
                        int bit = (int)(day - baseDay);
                        var month = state.Month(monthOf[bit]);
                        month.Net[cust] = checked(month.Net[cust] + (int)cents);
                        month.Cost[cust] = checked(month.Cost[cust] + (int)costCents);
                        month.Seen[cust] = true;
                        if (!purchase) continue;
                        state.Orders[cs]++;
                        state.Gross[cs] += cents;
                        state.Cost[cs] += costCents;
                        if (t < state.First[cs]) state.First[cs] = t;
                        if (t > state.Last[cs]) state.Last[cs] = t;
                        if (Valid(channel, i))
                        {
                            state.ChannelOrders[cs]++;
                            var ch = chBytes[chOffsets[i]..chOffsets[i + 1]];
                            if (ch.SequenceEqual("web"u8) || ch.SequenceEqual("app"u8)) state.OnlineOrders[cs]++;
                        }
                        if (Valid(campaign, i)) state.CampaignOrders[cs]++;
                        if (Valid(category, i))
                        {
                            var cat = catBytes[catOffsets[i]..catOffsets[i + 1]];
                            int code = 0;
                            while (code < categories.Count && !cat.SequenceEqual(categories[code])) code++;
                            if (code == categories.Count) categories.Add(cat.ToArray());
                            state.CategoryOrders(code)[cs]++;
                        }
                        state.Days[cust * DayWords + (bit >> 6)] |= 1UL << (bit & 63);
                        month.Orders[cust]++;
                        month.Gross[cust] = checked(month.Gross[cust] + (int)cents);
                        byte dom = dayOfMonthOf[bit];
                        if (month.FirstDay[cust] == 0 || dom < month.FirstDay[cust]) month.FirstDay[cust] = dom;
                        if (dom > month.LastDay[cust]) month.LastDay[cust] = dom;
                    }
                }
        }

        // The per-customer rows of the last snapshot (slices up to it), folded into the totals the SQL is checked against; every
        // snapshot's row is computed the same way, so all are folded to time the work.
        var fold = Stopwatch.StartNew();
        var last = new long[10];
        var dayLimits = ends.Select(e => (int)(e / MicrosPerDay - baseDay)).ToArray();
        for (int cust = 0; cust < state.Count; cust++)
        {
            long rows = 0, orders = 0, net = 0, cost = 0, online = 0, campaign = 0, lastTs = long.MinValue;
            for (int k = 0; k < s; k++)
            {
                int cs = cust * s + k;
                rows += state.Rows[cs];
                orders += state.Orders[cs];
                net += state.Net[cs];
                cost += state.Cost[cs];
                online += state.OnlineOrders[cs];
                campaign += state.CampaignOrders[cs];
                lastTs = Math.Max(lastTs, state.Last[cs]);
                long distinct = 0, top = 0;
                for (int code = 0; code < categories.Count; code++)
                {
                    var counts = state.CategoryOrders(code);
                    long m = 0;
                    for (int j = 0; j <= k; j++) m += counts[cust * s + j];
                    if (m > 0) distinct++;
                    top = Math.Max(top, m);
                }
                long days = 0;
                int limit = dayLimits[k];
                for (int w = 0; w < DayWords; w++)
                {
                    int lo = w * 64;
                    if (lo >= limit) break;
                    ulong bits = state.Days[cust * DayWords + w];
                    if (limit - lo < 64) bits &= (1UL << (limit - lo)) - 1;
                    days += BitOperations.PopCount(bits);
                }
                if (k != s - 1 || rows == 0) continue;
                last[0]++;
                last[1] += orders;
                last[2] += net;
                last[3] += days;
                last[4] += distinct;
                last[5] += top;
                last[6] += online;
                last[7] += campaign;
                last[8] += cost;
                if (orders > 0) last[9] += lastTs % 1_000_000_007;
            }
        }
        var kpi = new long[6];
        foreach (var month in state.Months)
        {
            if (month is null) continue;
            for (int cust = 0; cust < state.Count; cust++)
            {
                if (!month.Seen[cust]) continue;
                kpi[0]++;
                kpi[1] += month.Orders[cust];
                kpi[2] += month.Net[cust];
                kpi[3] += month.Gross[cust];
                kpi[4] += month.Cost[cust];
                if (month.Orders[cust] > 0) kpi[5] += month.LastDay[cust] - month.FirstDay[cust];
            }
        }
        return new OnePassTotals(state.Count, kpi[0], last, kpi, fold.Elapsed.TotalSeconds);
    }

    // DateOnly's day number of 1970-01-01 (Unix days + this = DateOnly day number).
    private const long EpochDayNumber = 719_162;

    private static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;

    private static bool Valid(IArrowArray array, int i)
    {
        if (array.NullCount == 0) return true;
        if (array.NullCount == array.Length) return false;
        var bits = array.Data.Buffers[0].Span;
        int b = array.Offset + i;
        return bits.IsEmpty || (bits[b >> 3] & (1 << (b & 7))) != 0;
    }

    /// <summary>Per customer × slice sums and counts (index customer × slices + slice), per customer purchase-day bits, per month sums.</summary>
    private sealed class CustomerState
    {
        private readonly int slices;
        private int capacity;
        private readonly List<int[]> categoryOrders = [];

        public CustomerState(int expected, int slices)
        {
            this.slices = slices;
            capacity = Math.Max(expected, 1024);
            int m = capacity * slices;
            Rows = new int[m]; Orders = new int[m]; Returns = new int[m];
            OnlineOrders = new int[m]; ChannelOrders = new int[m]; CampaignOrders = new int[m];
            Gross = new long[m]; Net = new long[m]; ReturnAmount = new long[m]; Cost = new long[m];
            First = Filled(m, long.MaxValue); Last = Filled(m, long.MinValue);
            Days = new ulong[capacity * DayWords];
        }

        public int Count { get; private set; }
        public int[] Rows, Orders, Returns, OnlineOrders, ChannelOrders, CampaignOrders;
        public long[] Gross, Net, ReturnAmount, Cost, First, Last;
        public ulong[] Days;
        public MonthSums?[] Months = new MonthSums?[DayWindow / 28 + 2];

        public int[] CategoryOrders(int code)
        {
            while (categoryOrders.Count <= code) categoryOrders.Add(new int[capacity * slices]);
            return categoryOrders[code];
        }

        public MonthSums Month(int slot) => Months[slot] ??= new MonthSums(capacity);

        public void Add()
        {
            if (Count == capacity)
            {
                capacity *= 2;
                int m = capacity * slices;
                Array.Resize(ref Rows, m); Array.Resize(ref Orders, m); Array.Resize(ref Returns, m);
                Array.Resize(ref OnlineOrders, m); Array.Resize(ref ChannelOrders, m); Array.Resize(ref CampaignOrders, m);
                Array.Resize(ref Gross, m); Array.Resize(ref Net, m); Array.Resize(ref ReturnAmount, m); Array.Resize(ref Cost, m);
                int old = First.Length;
                Array.Resize(ref First, m); Array.Resize(ref Last, m);
                First.AsSpan(old).Fill(long.MaxValue);
                Last.AsSpan(old).Fill(long.MinValue);
                Array.Resize(ref Days, capacity * DayWords);
                for (int i = 0; i < categoryOrders.Count; i++)
                {
                    var a = categoryOrders[i];
                    Array.Resize(ref a, m);
                    categoryOrders[i] = a;
                }
                foreach (var month in Months) month?.Resize(capacity);
            }
            Count++;
        }

        private static long[] Filled(int length, long value)
        {
            var a = new long[length];
            a.AsSpan().Fill(value);
            return a;
        }
    }

    /// <summary>One month's sums per customer (what kpi_cm holds): money in cents, first and last purchase day of the month.</summary>
    private sealed class MonthSums(int capacity)
    {
        public int[] Orders = new int[capacity], Gross = new int[capacity], Net = new int[capacity], Cost = new int[capacity];
        public byte[] FirstDay = new byte[capacity], LastDay = new byte[capacity];
        public bool[] Seen = new bool[capacity];

        public void Resize(int length)
        {
            Array.Resize(ref Orders, length); Array.Resize(ref Gross, length); Array.Resize(ref Net, length); Array.Resize(ref Cost, length);
            Array.Resize(ref FirstDay, length); Array.Resize(ref LastDay, length); Array.Resize(ref Seen, length);
        }
    }

    /// <summary>
    /// Dense customer numbers keyed on the UTF-8 bytes of the id (open addressing, linear probing), without a .NET string per row:
    /// the ids' bytes are kept once in an arena.
    /// </summary>
    private sealed class CustomerIndex(int capacity)
    {
        private byte[] arena = new byte[Math.Max(capacity, 1024) * 12];
        private int arenaLength;
        private int[] starts = new int[Math.Max(capacity, 1024) + 1];
        private ulong[] hashes = new ulong[Math.Max(capacity, 1024)];
        private int[] slots = new int[BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 1024) * 2)];
        private int count;

        public int GetOrAdd(ReadOnlySpan<byte> key)
        {
            ulong h = Hash(key);
            int mask = slots.Length - 1;
            int slot = (int)h & mask;
            while (true)
            {
                int entry = slots[slot] - 1;
                if (entry < 0) break;
                if (hashes[entry] == h && key.SequenceEqual(arena.AsSpan(starts[entry], starts[entry + 1] - starts[entry]))) return entry;
                slot = (slot + 1) & mask;
            }
            if (count + 1 >= hashes.Length)
            {
                Array.Resize(ref hashes, hashes.Length * 2);
                Array.Resize(ref starts, hashes.Length + 1);
            }
            if (arenaLength + key.Length > arena.Length) Array.Resize(ref arena, Math.Max(arena.Length * 2, arenaLength + key.Length));
            key.CopyTo(arena.AsSpan(arenaLength));
            starts[count] = arenaLength;
            arenaLength += key.Length;
            starts[count + 1] = arenaLength;
            hashes[count] = h;
            slots[slot] = ++count;
            if (count * 2 > slots.Length) Rehash();
            return count - 1;
        }

        private void Rehash()
        {
            slots = new int[slots.Length * 2];
            int mask = slots.Length - 1;
            for (int e = 0; e < count; e++)
            {
                int slot = (int)hashes[e] & mask;
                while (slots[slot] != 0) slot = (slot + 1) & mask;
                slots[slot] = e + 1;
            }
        }

        // 8 bytes at a time, mixed with splitmix64's multipliers: ids are short, so the tail matters as much as the body.
        private static ulong Hash(ReadOnlySpan<byte> key)
        {
            ulong h = (ulong)key.Length * 0x9E3779B97F4A7C15UL;
            int i = 0;
            for (; i + 8 <= key.Length; i += 8)
            {
                h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(key[i..])) * 0xBF58476D1CE4E5B9UL;
                h ^= h >> 31;
            }
            ulong tail = 0;
            for (int shift = 0; i < key.Length; i++, shift += 8) tail |= (ulong)key[i] << shift;
            h = (h ^ tail) * 0x94D049BB133111EBUL;
            return h ^ (h >> 29);
        }
    }

    private static (T Result, double Wall, double Cpu) Timed<T>(Func<T> work)
    {
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var result = work();
        double wall = sw.Elapsed.TotalSeconds;
        return (result, wall, (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
    }

    private static void Execute(DuckDBConnection con, string sql)
    {
        using var cmd = con.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long[] Scalars(DuckDBConnection con, string sql)
    {
        using var cmd = con.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        reader.Read();
        var values = new long[reader.FieldCount];
        for (int i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
        return values;
    }

    private static List<string> Strings(DuckDBConnection con, string sql)
    {
        using var cmd = con.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Uptime()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("uptime") { RedirectStandardOutput = true })!;
            string text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return Load();
        }
    }
}
