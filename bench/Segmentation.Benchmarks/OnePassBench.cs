using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using Array = System.Array;
using DuckDB.NET.Data;
using Segmentation.Analytics.Features;
using Segmentation.Data;
using Segmentation.Data.Sql;

namespace Segmentation.Benchmarks;

/// <summary>
/// A design question for the monthly job: how fast is ONE pass that reads the transactions once from DuckDB as Arrow batches and
/// computes the per-customer figures in .NET, against DuckDB's hash aggregations? Over the e2e bench's Parquet file (1 M customers,
/// 12 M transactions) it times (a) the Arrow read of the eight canonical columns alone, (b0) the read of customer_id with the mapping
/// of the ids to dense numbers alone, (b) the read of the eight columns with a streaming .NET
/// aggregation — the snapshot aggregates of <see cref="CustomerAggregateQuery.RenderSnapshots(Analytics.Engines.SqlDialect, IReadOnlyList{DateTime}, string, string)"/>
/// at three snapshots plus the customer × month sums of the KPI query's <c>kpi_cm</c> —, (b2) (b) on two threads over disjoint halves
/// of the customers, and (c) the current SQL for the same, and
/// checks a few totals of (b) against (c). Args: [customers=1000000] [transactions=12000000]
/// </summary>
/// <remarks>
/// A prototype (single-threaded on the .NET side but for (b2)): money is summed as whole cents (round(amount × 100)) in longs, customer-month
/// money in ints (checked); days older than <see cref="DayWindow"/> days before the last snapshot and more than
/// <see cref="MaxCategories"/> categories are refused rather than handled.
/// </remarks>
public sealed class OnePassBench : IBench
{
    private static readonly DateTime[] Snapshots = [new(2025, 10, 31), new(2026, 9, 30), new(2026, 10, 31)];

    // Days before the last snapshot's end covered by the per-customer purchase-day bitset (12 words of 64 bits): the data's two years.
    private const int DayWindow = 768, DayWords = DayWindow / 64;
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

        using var con = Open(parquet);
        output.WriteLine($"   file columns: {string.Join(", ", Strings(con, "SELECT column_name || ' ' || column_type FROM (DESCRIBE transactions_file)"))}");

        for (int run = 1; run <= 2; run++)
        {
            var (rows, readWall, readCpu) = Timed(() => ReadOnly(con));
            output.WriteLine($"   run {run} (a) Arrow read only: {rows:N0} rows in {readWall:F2} s wall, {readCpu:F1} CPU-s; load {Load()}");
        }
        for (int run = 1; run <= 2; run++)
        {
            var (count, wall, cpu) = Timed(() => MapIds(con, customers));
            output.WriteLine($"   run {run} (b0) Arrow read + id → dense number only: {count:N0} customers in {wall:F2} s wall, {cpu:F1} CPU-s; load {Load()}");
        }
        OnePassTotals? totals = null;
        for (int run = 1; run <= 2; run++)
        {
            var (t, wall, cpu) = Timed(() => Aggregate(con, customers));
            totals = t;
            output.WriteLine($"   run {run} (b) Arrow read + .NET aggregation: {wall:F2} s wall, {cpu:F1} CPU-s (of which the final per-customer fold " +
                             $"{t.FoldSeconds:F2} s); {t.Customers:N0} customers, {t.CustomerMonths:N0} customer-months; load {Load()}");
        }
        using (var con2 = Open(parquet))
        {
            // Two passes over disjoint halves of the customers (DuckDB's hash of the id), one per thread and connection: no state is
            // shared, each reads the whole file and keeps its half.
            var (halves, wall, cpu) = Timed(() =>
            {
                var r = new OnePassTotals[2];
                Parallel.For(0, 2, k => r[k] = Aggregate(k == 0 ? con : con2, customers / 2, $" WHERE hash(customer_id) % 2 = {k}"));
                return r;
            });
            bool same = halves[0].Last.Zip(halves[1].Last, (x, y) => x + y).SequenceEqual(totals!.Last)
                        && halves[0].Kpi.Zip(halves[1].Kpi, (x, y) => x + y).SequenceEqual(totals.Kpi);
            output.WriteLine($"   (b2) the same on two threads, customers split by hash(customer_id) % 2: {wall:F2} s wall, {cpu:F1} CPU-s; " +
                             $"{halves[0].Customers + halves[1].Customers:N0} customers; totals {(same ? "the same as (b)" : "DIFFERENT from (b)")}; load {Load()}");
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

    // A connection where transactions is a view with the canonical columns over the Parquet file.
    private static DuckDBConnection Open(string parquet)
    {
        var con = new DuckDBConnection("DataSource=:memory:");
        con.Open();
        Execute(con, "SET TimeZone = 'UTC'; SET arrow_lossless_conversion = true; SET preserve_insertion_order = true");
        Execute(con, $"CREATE VIEW transactions_file AS SELECT * FROM read_parquet('{parquet}')");
        // The canonical types (a no-op cast where the file has them already).
        Execute(con, """
            CREATE VIEW transactions AS SELECT CAST(customer_id AS VARCHAR) AS customer_id, CAST("timestamp" AS TIMESTAMP) AS "timestamp",
              CAST(amount AS DOUBLE) AS amount, CAST(cost AS DOUBLE) AS cost, CAST(channel AS VARCHAR) AS channel,
              CAST(category AS VARCHAR) AS category, CAST(campaign_id AS VARCHAR) AS campaign_id, CAST(is_return AS BOOLEAN) AS is_return
            FROM transactions_file
            """);
        return con;
    }

    private static int MapIds(DuckDBConnection con, int expectedCustomers)
    {
        var ids = new ByteKeyIndex(expectedCustomers);
        int count = 0;
        using var cmd = con.CreateCommand();
        cmd.CommandText = "SELECT customer_id FROM transactions";
        using var stream = cmd.ExecuteArrowStream();
        while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
            using (batch)
            {
                var id = (StringArray)batch.Column(0);
                var offsets = id.ValueOffsets;
                var bytes = id.ValueBuffer.Span;
                for (int i = 0; i < batch.Length; i++) count = Math.Max(count, ids.GetOrAdd(bytes[offsets[i]..offsets[i + 1]]) + 1);
            }
        return count;
    }

    private static OnePassTotals Aggregate(DuckDBConnection con, int expectedCustomers, string filter = "")
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
        int monthSlots = monthOf[^1] + 1;
        var state = new CustomerState(expectedCustomers, s, monthSlots);
        var ids = new ByteKeyIndex(expectedCustomers);
        var categories = new List<byte[]>();
        var custs = new int[4096];

        using (var cmd = con.CreateCommand())
        {
            cmd.CommandText = $"SELECT {Columns} FROM transactions{filter}";
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
                    var campaign = batch.Column(6);
                    // BOOLEAN arrives as DuckDB's arrow.bool8 (one byte per value) under arrow_lossless_conversion.
                    var isReturn = batch.Column(7);
                    bool bitPacked = isReturn is BooleanArray;
                    if (!bitPacked && isReturn is not Int8Array) throw new NotSupportedException($"is_return arrived as {isReturn.GetType().Name}.");
                    var returnBytes = isReturn is Int8Array bytes8 ? bytes8.Values : default;
                    var returnBits = isReturn is BooleanArray packed ? packed.ValueBuffer.Span : default;
                    var idOffsets = id.ValueOffsets;
                    var idBytes = id.ValueBuffer.Span;
                    var micros = ts.Values;
                    var amounts = amount.Values;
                    var costs = cost.Values;
                    var chOffsets = channel.ValueOffsets;
                    var chBytes = channel.ValueBuffer.Span;
                    var catOffsets = category.ValueOffsets;
                    var catBytes = category.ValueBuffer.Span;
                    var idValid = ValidityOf(id);
                    var tsValid = ValidityOf(ts);
                    var amountValid = ValidityOf(amount);
                    var costValid = ValidityOf(cost);
                    var channelValid = ValidityOf(channel);
                    var categoryValid = ValidityOf(category);
                    var campaignValid = ValidityOf(campaign);
                    var returnValidity = ValidityOf(isReturn);
                    SliceSums[] slices;
                    ulong[] days;
                    CustomerMonth[] months;
                    // The ids first, in a loop of their own: the table's cache misses of consecutive rows then overlap.
                    if (custs.Length < batch.Length) custs = new int[batch.Length];
                    for (int i = 0; i < batch.Length; i++)
                    {
                        if (!idValid[i]) { custs[i] = -1; continue; }
                        int cust = ids.GetOrAdd(idBytes[idOffsets[i]..idOffsets[i + 1]]);
                        custs[i] = cust;
                        if (cust == state.Count) state.Add();
                    }
                    (slices, days, months) = (state.Slices, state.Days, state.Months);
                    for (int i = 0; i < batch.Length; i++)
                    {
                        int cust = custs[i];
                        if (!tsValid[i] || cust < 0) continue;
                        long t = micros[i];
                        if (t >= ends[^1]) continue;
                        long day = Math.DivRem(t, MicrosPerDay, out long rem) - (rem < 0 ? 1 : 0);
                        if (day < baseDay) throw new NotSupportedException($"Prototype: a transaction more than {DayWindow} days before the last snapshot.");
                        int slice = 0;
                        while (t >= ends[slice]) slice++;
                        ref var sums = ref slices[cust * s + slice];
                        bool returnValid = returnValidity[i];
                        int rbit = isReturn.Offset + i;
                        bool ret = returnValid && (bitPacked ? (returnBits[rbit >> 3] & (1 << (rbit & 7))) != 0 : returnBytes[i] != 0);
                        bool purchase = returnValid && !ret;
                        long cents = amountValid[i] ? (long)Math.Round(amounts[i] * 100, MidpointRounding.AwayFromZero) : 0;
                        long costCents = costValid[i] ? (long)Math.Round(costs[i] * 100, MidpointRounding.AwayFromZero) : 0;
                        sums.Rows++;
                        sums.Net += cents;
                        if (ret)
                        {
                            sums.Returns++;
                            sums.ReturnAmount -= cents;
                        }
                        int bit = (int)(day - baseDay);
                        ref var month = ref months[cust * monthSlots + monthOf[bit]];
                        month.Net = checked(month.Net + (int)cents);
                        month.Cost = checked(month.Cost + (int)costCents);
                        month.Seen = true;
                        if (!purchase) continue;
                        sums.Orders++;
                        sums.Gross += cents;
                        sums.Cost += costCents;
                        if (t < sums.First) sums.First = t;
                        if (t > sums.Last) sums.Last = t;
                        if (channelValid[i])
                        {
                            sums.ChannelOrders++;
                            var ch = chBytes[chOffsets[i]..chOffsets[i + 1]];
                            if (ch.SequenceEqual("web"u8) || ch.SequenceEqual("app"u8)) sums.OnlineOrders++;
                        }
                        if (campaignValid[i]) sums.CampaignOrders++;
                        if (categoryValid[i])
                        {
                            var cat = catBytes[catOffsets[i]..catOffsets[i + 1]];
                            int code = 0;
                            while (code < categories.Count && !cat.SequenceEqual(categories[code])) code++;
                            if (code == categories.Count)
                            {
                                if (code == MaxCategories) throw new NotSupportedException($"Prototype: more than {MaxCategories} categories.");
                                categories.Add(cat.ToArray());
                            }
                            sums.Categories[code]++;
                        }
                        days[cust * DayWords + (bit >> 6)] |= 1UL << (bit & 63);
                        month.Orders++;
                        month.Gross = checked(month.Gross + (int)cents);
                        byte dom = dayOfMonthOf[bit];
                        if (month.FirstDay == 0 || dom < month.FirstDay) month.FirstDay = dom;
                        if (dom > month.LastDay) month.LastDay = dom;
                    }
                }
        }

        // The per-customer rows of every snapshot (slices up to it); the last snapshot's are folded into the totals the SQL is
        // checked against.
        var fold = Stopwatch.StartNew();
        var last = new long[10];
        var dayLimits = ends.Select(e => (int)(e / MicrosPerDay - baseDay)).ToArray();
        Span<int> categoryOrders = stackalloc int[MaxCategories];
        for (int cust = 0; cust < state.Count; cust++)
        {
            long rows = 0, orders = 0, net = 0, cost = 0, online = 0, campaign = 0, lastTs = long.MinValue;
            categoryOrders.Clear();
            for (int k = 0; k < s; k++)
            {
                ref readonly var sums = ref state.Slices[cust * s + k];
                rows += sums.Rows;
                orders += sums.Orders;
                net += sums.Net;
                cost += sums.Cost;
                online += sums.OnlineOrders;
                campaign += sums.CampaignOrders;
                lastTs = Math.Max(lastTs, sums.Last);
                long distinct = 0, top = 0;
                for (int code = 0; code < categories.Count; code++)
                {
                    categoryOrders[code] += sums.Categories[code];
                    if (categoryOrders[code] > 0) distinct++;
                    top = Math.Max(top, categoryOrders[code]);
                }
                long purchaseDays = 0;
                int limit = dayLimits[k];
                for (int w = 0; w < DayWords; w++)
                {
                    int lo = w * 64;
                    if (lo >= limit) break;
                    ulong bits = state.Days[cust * DayWords + w];
                    if (limit - lo < 64) bits &= (1UL << (limit - lo)) - 1;
                    purchaseDays += BitOperations.PopCount(bits);
                }
                if (k != s - 1 || rows == 0) continue;
                last[0]++;
                last[1] += orders;
                last[2] += net;
                last[3] += purchaseDays;
                last[4] += distinct;
                last[5] += top;
                last[6] += online;
                last[7] += campaign;
                last[8] += cost;
                if (orders > 0) last[9] += lastTs % 1_000_000_007;
            }
        }
        var kpi = new long[6];
        for (int cm = 0; cm < state.Count * monthSlots; cm++)
        {
            ref readonly var month = ref state.Months[cm];
            if (!month.Seen) continue;
            kpi[0]++;
            kpi[1] += month.Orders;
            kpi[2] += month.Net;
            kpi[3] += month.Gross;
            kpi[4] += month.Cost;
            if (month.Orders > 0) kpi[5] += month.LastDay - month.FirstDay;
        }
        return new OnePassTotals(state.Count, kpi[0], last, kpi, fold.Elapsed.TotalSeconds);
    }

    // DateOnly's day number of 1970-01-01 (Unix days + this = DateOnly day number).
    private const long EpochDayNumber = 719_162;

    private static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;

    private static Validity ValidityOf(IArrowArray array)
    {
        int nulls = array.NullCount;
        return nulls == 0 ? new Validity(default, 0, true)
            : nulls == array.Length ? new Validity(default, 0, false)
            : new Validity(array.Data.Buffers[0].Span, array.Offset, false);
    }

    /// <summary>Which rows of a batch's column are not NULL, read once per batch (the array's properties are not free per row).</summary>
    private readonly ref struct Validity(ReadOnlySpan<byte> bits, int offset, bool all)
    {
        private readonly ReadOnlySpan<byte> bits = bits;

        public bool this[int i] => all || (!bits.IsEmpty && (bits[(offset + i) >> 3] & (1 << ((offset + i) & 7))) != 0);
    }

    private const int MaxCategories = 8;

    [InlineArray(MaxCategories)]
    private struct CategoryCounts
    {
        private int element;
    }

    /// <summary>One customer's sums in one slice of the time line (money in cents, timestamps in µs), contiguous in memory.</summary>
    private struct SliceSums
    {
        public long Gross, Net, ReturnAmount, Cost, First, Last;
        public int Rows, Orders, Returns, OnlineOrders, ChannelOrders, CampaignOrders;
        public CategoryCounts Categories;
    }

    /// <summary>One customer's sums in one month (what kpi_cm holds): money in cents, first and last purchase day of the month.</summary>
    private struct CustomerMonth
    {
        public int Orders, Gross, Net, Cost;
        public byte FirstDay, LastDay;
        public bool Seen;
    }

    /// <summary>Per customer × slice sums, per customer purchase-day bits, per customer × month sums (customer-major arrays).</summary>
    private sealed class CustomerState
    {
        private readonly int slices, monthSlots;
        private int capacity;

        public CustomerState(int expected, int slices, int monthSlots)
        {
            this.slices = slices;
            this.monthSlots = monthSlots;
            capacity = Math.Max(expected, 1024);
            Slices = NewSlices(capacity * slices);
            Days = new ulong[capacity * DayWords];
            Months = new CustomerMonth[capacity * monthSlots];
        }

        public int Count { get; private set; }
        public SliceSums[] Slices;
        public ulong[] Days;
        public CustomerMonth[] Months;

        public void Add()
        {
            if (Count == capacity)
            {
                capacity *= 2;
                var grown = NewSlices(capacity * slices);
                Slices.CopyTo(grown, 0);
                Slices = grown;
                Array.Resize(ref Days, capacity * DayWords);
                Array.Resize(ref Months, capacity * monthSlots);
            }
            Count++;
        }

        private static SliceSums[] NewSlices(int length)
        {
            var a = new SliceSums[length];
            a.AsSpan().Fill(new SliceSums { First = long.MaxValue, Last = long.MinValue });
            return a;
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
