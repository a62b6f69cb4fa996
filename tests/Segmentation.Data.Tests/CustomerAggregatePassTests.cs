using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsCheck;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;

namespace Segmentation.Data.Tests;

/// <summary>
/// The one-pass .NET aggregation (<see cref="CustomerAggregatePass"/>) gives exactly the frame of the SQL definition
/// (<see cref="CustomerAggregateQuery.Render(Segmentation.Analytics.Engines.SqlDialect, DateTime, string)"/>): same columns,
/// column classes, NULLs, row order (customer_id in ordinal UTF-8 byte order), doubles bit for bit, DateTime ticks and Kind.
/// </summary>
public sealed class CustomerAggregatePassTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);

    /// <summary>The snapshot of the hand-made table.</summary>
    private static readonly DateTime Snapshot = new(2026, 6, 15);

    private const string CanonicalColumns = "transaction_id, customer_id, \"timestamp\", amount, cost, quantity, channel, category, region, campaign_id, is_return";

    private const string TxHeader = "transaction_id,customer_id,timestamp,amount,cost,quantity,channel,category,region,campaign_id,is_return";

    private static DataFrame Sql(DataWorkspace ws, DateTime snapshot, string transactions = "transactions") =>
        ws.Query(CustomerAggregateQuery.Render(ws.Dialect, snapshot, transactions));

    /// <summary>The pass handles the table, its frame is the SQL's, and so is the workspace's entry point's; returns the SQL's frame.</summary>
    private static DataFrame AssertPassMatchesSql(DataWorkspace ws, DateTime snapshot, string transactions = "transactions")
    {
        var expected = Sql(ws, snapshot, transactions);
        var pass = CustomerAggregatePass.TryRun(ws, snapshot, transactions);
        Assert.NotNull(pass);
        Frames.AssertSame(expected, pass);
        Frames.AssertSame(expected, ws.CustomerAggregates(snapshot, transactions));
        return expected;
    }

    private static void AssertOrdinalUtf8Order(DataFrame frame)
    {
        var ids = frame["customer_id"].Cast<string>().Select(Encoding.UTF8.GetBytes).ToArray();
        for (int i = 1; i < ids.Length; i++)
            Assert.True(ids[i - 1].AsSpan().SequenceCompareTo(ids[i]) < 0, $"row {i}: '{frame["customer_id"][i - 1]}' before '{frame["customer_id"][i]}'");
    }

    // ---- 1. data/sample ----

    /// <summary>data/sample loaded once for the snapshot theory (loading it takes a few seconds).</summary>
    public sealed class SampleWorkspace : IDisposable
    {
        private readonly Lazy<DataWorkspace> workspace = new(() => DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(AsOf)));

        public DataWorkspace Workspace => workspace.Value;

        public void Dispose()
        {
            if (workspace.IsValueCreated) workspace.Value.Dispose();
        }
    }

    public sealed class OnSampleData(SampleWorkspace sample) : IClassFixture<SampleWorkspace>
    {
        [Theory]
        [InlineData("2026-10-31")]
        [InlineData("2025-11-17")]
        [InlineData("2024-11-01")]
        [InlineData("2030-01-01")]
        public void The_pass_equals_the_sql_on_the_sample_data(string day)
        {
            var ws = sample.Workspace;
            var snapshot = DateTime.Parse(day, CultureInfo.InvariantCulture);
            var frame = AssertPassMatchesSql(ws, snapshot);
            long expected = ws.Scalar<long>($"SELECT count(DISTINCT customer_id) FROM transactions WHERE \"timestamp\" < {ws.Dialect.Timestamp(snapshot.AddDays(1))}");
            Assert.Equal(expected, frame.Rows.Count);
            Assert.True(frame.Rows.Count > 100, $"{frame.Rows.Count} customers at {day}");
            AssertOrdinalUtf8Order(frame);
        }

        [Fact]
        public void Before_every_transaction_the_pass_gives_the_empty_frame_with_the_same_columns_and_types()
        {
            var ws = sample.Workspace;
            var first = ws.Scalar<DateTime>("SELECT min(\"timestamp\") FROM transactions");
            var frame = AssertPassMatchesSql(ws, first.Date.AddDays(-1));
            Assert.Equal(0, frame.Rows.Count);
            Assert.Equal(CustomerAggregateQuery.Columns, frame.Columns.Select(c => c.Name));
            Assert.IsType<StringDataFrameColumn>(frame["customer_id"]);
            Assert.IsType<Int64DataFrameColumn>(frame["orders"]);
            Assert.IsType<DoubleDataFrameColumn>(frame["net_amount"]);
            Assert.IsType<PrimitiveDataFrameColumn<DateTime>>(frame["first_purchase"]);
            // On the first day itself, the customers of that day only.
            var firstDay = AssertPassMatchesSql(ws, first.Date);
            Assert.Equal(ws.Scalar<long>($"SELECT count(DISTINCT customer_id) FROM transactions WHERE CAST(\"timestamp\" AS DATE) = {ws.Dialect.Timestamp(first.Date)}"), firstDay.Rows.Count);
        }
    }

    // ---- 2. Real exports ----

    public static TheoryData<string> OnlineRetailDays => new() { "2011-12-09", "2011-06-30", "2010-12-01" };

    [Theory]
    [MemberData(nameof(OnlineRetailDays))]
    public void The_pass_equals_the_sql_on_online_retail_line_items_with_returns(string day)
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("real", "online_retail"), new IngestOptions(new DateTime(2011, 12, 31)));
        // Amounts are sums of quantity × price (many decimals) and include returns (credit notes).
        Assert.True(ws.Scalar<long>("SELECT count(*) FROM transactions WHERE is_return") > 0);
        Assert.True(ws.Scalar<long>("SELECT count(*) FROM transactions WHERE amount * 100 <> round(amount * 100)") > 0);
        var snapshot = DateTime.Parse(day, CultureInfo.InvariantCulture);
        var frame = AssertPassMatchesSql(ws, snapshot);
        Assert.True(frame.Rows.Count > 0);
        if (day == "2011-12-09")
        {
            Assert.Equal(ws.Scalar<DateTime>("SELECT max(\"timestamp\") FROM transactions").Date, snapshot);
            Assert.Equal(ws.Scalar<long>("SELECT count(DISTINCT customer_id) FROM transactions"), frame.Rows.Count);
            Assert.Contains(frame["orders"].Cast<long>(), n => n == 0);
        }
    }

    [Theory]
    [InlineData("1998-06-30")]
    [InlineData("1997-09-15")]
    [InlineData("1997-01-01")]
    public void The_pass_equals_the_sql_on_cdnow(string day)
    {
        using var ws = DataWorkspace.Load(RealData.CdnowRawDirectory, new IngestOptions(RealData.CdnowEnd));
        var snapshot = DateTime.Parse(day, CultureInfo.InvariantCulture);
        var frame = AssertPassMatchesSql(ws, snapshot);
        Assert.True(frame.Rows.Count > 0);
        if (snapshot == RealData.CdnowEnd) Assert.Equal(23_570, frame.Rows.Count);
    }

    // ---- 3. Hand-made edge cases ----

    /// <summary>Customers whose ids sort differently in ordinal UTF-8, UTF-16 and culture order, with 12/13/16/17-byte ids.</summary>
    private static readonly string[] OrderIds =
    [
        "a10", "a9", "B", "Z", "é", "ß", "日本", "aa", "A", "10", "9", "010",
        "\uFF21", "\U0002000B", // Ａ (U+FF21) sorts before 𠀋 (U+2000B) in UTF-8 bytes, after it in UTF-16 code units
        "0123456789abcdef", "0123456789abcdeg", "0123456789abcdef0", "customer-prefix-0001-x", "customer-prefix-0001-y",
        "abcdefghijklmnoé", "abcdefghijklmno", "abcdefghijkl", "abcdefghijklm", "abcdefghijkm",
    ];

    /// <summary>Amounts with exact binary half-cent ties (0.125), decimal ties that are not binary ties (2.675, 1.005, 0.005) and many decimals.</summary>
    private static readonly string[] OrderAmounts =
        ["0.125", "-0.125", "2.675", "-2.675", "1.005", "-1.005", "0.005", "-0.005", "1234567.125", "999999999.995", "7.333333", "0.285", "-0.015", "1.455", "0"];

    private static string HandMadeCsv()
    {
        var csv = new StringBuilder(TxHeader).Append('\n');
        csv.Append("""
            T01,a,2026-06-15 23:59:59.999999,0.125,0.005,1,web,apparel,east,K1,0
            T02,a,2026-06-16 00:00:00,100,,1,web,apparel,,,0
            T03,a,2026-06-15 08:00:00,2.675,1.005,1,app,apparel,,,0
            T04,a,2026-06-15 12:00:00,1.005,,1,store,home,,K2,0
            T05,a,2026-05-01 10:00:00,10,2.5,1,phone,home,,,0
            T06,a,1950-06-01 10:00:00,0.005,,1,,,,,0
            T07,a,2026-05-02 10:00:00,-0.125,,,web,home,,,
            T08,a,2026-07-01 10:00:00,50,,,,,,,0
            T10,ret,2026-03-01 09:00:00,-15.50,,,web,apparel,,,1
            T11,ret,2026-04-01 09:00:00,4.125,1,,store,,,K1,1
            T12,ret,1969-12-31 23:59:59,-2.675,,,,,,,
            T20,b,2026-06-01 00:00:00,19.99,,,store,grocery,,,0
            T21,b,2026-06-01 00:00:00,5.00,,,store,grocery,,,0
            T22,b,2026-06-02 09:30:00,7.333333,,,phone,sports,,,0
            T23,b,2026-06-03 09:30:00,1.115,,,phone,sports,,C9,0
            T24,b,2026-06-04 09:30:00,3,,,,beauty,,,0
            T25,b,2026-06-05 09:30:00,-3,,,,beauty,,,
            T26,b,2026-06-14 00:00:00,0,,,web,,,,0
            T30,c,2026-01-01 00:00:00,12.34,,,,,,,0
            T40,late,2026-06-16 00:00:00,5,,,web,home,,,0
            T41,late,2026-09-01 00:00:00,5,,,web,home,,,0
            T50,zr,2026-02-02 10:00:00,0,,,,,,,1
            T51,negzero,2026-02-02 10:00:00,-0.00,,,,,,,0
            T60,pre70,1969-12-31 23:59:59.5,3.5,,,store,home,,,0
            T61,pre70,1970-01-01 00:00:01,4.5,,,store,home,,,0
            T62,pre70,1969-12-31 00:00:00,1,,,,,,,0

            """.Replace("\r", ""));
        string[] channels = ["web", "app", "store", "phone", ""], categories = ["apparel", "beauty", "electronics", "grocery", "home", "sports", ""];
        int n = 100;
        for (int i = 0; i < OrderIds.Length; i++)
            for (int k = 0; k <= i % 3; k++, n++)
            {
                string amount = OrderAmounts[(i + 5 * k) % OrderAmounts.Length];
                var ts = (i + k) % 4 == 0 ? new DateTime(1950, 6, 1, 10, 0, 0) : Snapshot.AddDays(-(i * 7 + k) % 40).AddHours(i % 24);
                string cost = (i + k) % 3 == 0 ? "" : OrderAmounts[(i + k) % OrderAmounts.Length].TrimStart('-');
                csv.Append(CultureInfo.InvariantCulture, $"T{n},{OrderIds[i]},{ts:yyyy-MM-dd HH:mm:ss},{amount},{cost},,{channels[(i + k) % channels.Length]},")
                    .Append(CultureInfo.InvariantCulture, $"{categories[(i * 2 + k) % categories.Length]},,{((i + k) % 2 == 0 ? "K" + i : "")},{(k == 2 ? "1" : "")}\n");
            }
        return csv.ToString();
    }

    [Fact]
    public void The_pass_equals_the_sql_on_a_hand_made_table_of_edge_cases_whose_figures_are_known()
    {
        using var dir = new TempDirectory();
        dir.Write("transactions.csv", HandMadeCsv());
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        var ingest = ws.Report.For("transactions")!;
        Assert.Empty(ingest.Rejects);
        Assert.Empty(ingest.FieldRejects);

        var frame = AssertPassMatchesSql(ws, Snapshot);
        AssertOrdinalUtf8Order(frame);
        var ids = frame["customer_id"].Cast<string>().ToList();
        // "late" buys from the snapshot's next day on only.
        Assert.Equal(OrderIds.Length + 7, ids.Count);
        Assert.DoesNotContain("late", ids);
        Assert.True(ids.IndexOf("\uFF21") < ids.IndexOf("\U0002000B"));
        Assert.True(ids.IndexOf("0123456789abcdef") < ids.IndexOf("0123456789abcdef0"));
        Assert.True(ids.IndexOf("0123456789abcdef0") < ids.IndexOf("0123456789abcdeg"));

        object? Cell(string id, string column) => frame[column][ids.IndexOf(id)];
        void Row(string id, params (string Column, object? Value)[] expected)
        {
            foreach (var (column, value) in expected) Assert.True(Equals(value, Cell(id, column)), $"{id}.{column}: expected {value}, got {Cell(id, column)}");
        }

        // a: five purchases on three days (1950-06-01, 2026-05-01, 2026-06-15 ×3, the last at 23:59:59.999999), one return;
        // the midnight of the next day and July are out. Money rounds half away from zero (0.125 → 0.13, 2.675 → 2.68 as
        // 2.675 × 100 = 267.5 in doubles, 1.005 → 1.00, 0.005 → 0.01).
        Row("a", ("orders", 5L), ("purchase_days", 3L), ("returns", 1L), ("gross_amount", 13.82), ("net_amount", 13.69), ("return_amount", 0.13),
            ("cost", 3.51), ("first_purchase", new DateTime(1950, 6, 1, 10, 0, 0)), ("last_purchase", new DateTime(2026, 6, 15, 23, 59, 59).AddTicks(9_999_990)),
            ("recency_days", 0L), ("tenure_days", (long)(Snapshot - new DateTime(1950, 6, 1)).TotalDays), ("online_orders", 2L), ("channel_orders", 4L),
            ("campaign_orders", 2L), ("categories", 2L), ("top_category_orders", 2L), ("category_orders", 4L));
        // ret: returns only (one flagged with a positive amount, one before 1970): no purchase dates, zero orders.
        Row("ret", ("orders", 0L), ("purchase_days", 0L), ("returns", 3L), ("gross_amount", 0.0), ("net_amount", -22.31), ("return_amount", 22.31),
            ("cost", 0.0), ("first_purchase", null), ("last_purchase", null), ("recency_days", null), ("tenure_days", null), ("online_orders", 0L),
            ("channel_orders", 0L), ("campaign_orders", 0L), ("categories", 0L), ("top_category_orders", 0L), ("category_orders", 0L));
        // b: two purchases at midnight of one day, a tie for the top category (grocery 2, sports 2, beauty 1), a zero-amount purchase.
        Row("b", ("orders", 6L), ("purchase_days", 5L), ("returns", 1L), ("gross_amount", 36.44), ("net_amount", 33.44), ("return_amount", 3.0),
            ("cost", 0.0), ("first_purchase", new DateTime(2026, 6, 1)), ("last_purchase", new DateTime(2026, 6, 14)), ("recency_days", 1L),
            ("tenure_days", 14L), ("online_orders", 1L), ("channel_orders", 5L), ("campaign_orders", 1L), ("categories", 3L), ("top_category_orders", 2L),
            ("category_orders", 5L));
        // c: no channel, category, cost or campaign.
        Row("c", ("orders", 1L), ("gross_amount", 12.34), ("channel_orders", 0L), ("online_orders", 0L), ("campaign_orders", 0L), ("categories", 0L),
            ("top_category_orders", 0L), ("category_orders", 0L), ("cost", 0.0), ("tenure_days", 165L));
        // A flagged return of amount 0, and a purchase of -0.00: no negative zero comes out.
        Row("zr", ("orders", 0L), ("returns", 1L), ("net_amount", 0.0), ("return_amount", 0.0), ("first_purchase", null));
        Row("negzero", ("orders", 1L), ("returns", 0L), ("gross_amount", 0.0), ("net_amount", 0.0));
        // pre70: days before 1970 count as their calendar day (not truncated toward the epoch): 1969-12-31 twice, 1970-01-01 once.
        Row("pre70", ("orders", 3L), ("purchase_days", 2L), ("gross_amount", 9.0), ("first_purchase", new DateTime(1969, 12, 31)),
            ("last_purchase", new DateTime(1970, 1, 1, 0, 0, 1)), ("recency_days", (long)(Snapshot - new DateTime(1970, 1, 1)).TotalDays),
            ("tenure_days", (long)(Snapshot - new DateTime(1969, 12, 31)).TotalDays), ("categories", 1L), ("top_category_orders", 2L), ("category_orders", 2L));
        foreach (var column in new[] { "gross_amount", "net_amount", "return_amount", "cost" })
            Assert.DoesNotContain(frame[column].Cast<double>(), x => x == 0 && double.IsNegative(x));
        // 999999999.995 rounds up to a whole billion.
        Assert.Equal(1_000_000_000.0, (double)Cell("10", "gross_amount")!);
    }

    [Fact]
    public void The_hand_made_table_gives_the_sqls_frame_at_every_day_around_its_edges()
    {
        using var dir = new TempDirectory();
        dir.Write("transactions.csv", HandMadeCsv());
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        foreach (var day in new[] { new DateTime(1950, 5, 31), new DateTime(1950, 6, 1), new DateTime(1969, 12, 31), new DateTime(1970, 1, 1),
                     Snapshot.AddDays(-1), Snapshot.AddDays(1), new DateTime(2026, 9, 1), AsOf })
            AssertPassMatchesSql(ws, day);
        Assert.Equal(0, AssertPassMatchesSql(ws, new DateTime(1949, 1, 1)).Rows.Count);
        // A snapshot is a day: its time of day and Kind do not matter.
        var atDay = Sql(ws, Snapshot);
        foreach (var snapshot in new[] { Snapshot.AddHours(13.75), Snapshot.AddDays(1).AddTicks(-1), DateTime.SpecifyKind(Snapshot.AddHours(23), DateTimeKind.Utc),
                     DateTime.SpecifyKind(Snapshot.AddHours(1), DateTimeKind.Local) })
            Frames.AssertSame(atDay, AssertPassMatchesSql(ws, snapshot));
        // A table name that needs quoting.
        ws.Execute("CREATE TEMP TABLE \"hand made \"\"tx\"\"\" AS SELECT * FROM transactions");
        Frames.AssertSame(atDay, AssertPassMatchesSql(ws, Snapshot, "hand made \"tx\""));
    }

    [Fact]
    public void The_pass_equals_the_sql_on_parquet_read_in_place_with_rejected_rows_left_out()
    {
        using var dir = new TempDirectory();
        var csv = dir.File("source.csv");
        GeneratedTransactions.Write(csv, customers: 300, rows: 6_000, seed: 5);
        var parquet = dir.File("transactions.parquet");
        using (var staging = DataWorkspace.Create(new IngestOptions(AsOf)))
            staging.Execute($"""
                COPY (SELECT transaction_id, customer_id, CAST("timestamp" AS TIMESTAMP) AS "timestamp", TRY_CAST(amount AS DOUBLE) AS amount,
                             CAST(NULLIF(cost, '') AS DOUBLE) AS cost, CAST(NULLIF(quantity, '') AS BIGINT) AS quantity, channel, category, region,
                             NULLIF(campaign_id, '') AS campaign_id, CAST(NULLIF(is_return, '') AS BOOLEAN) AS is_return
                      FROM read_csv('{csv}', header = true, all_varchar = true)) TO '{parquet}' (FORMAT parquet)
                """);
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf));
        var ingest = ws.Ingest("transactions", parquet);
        Assert.True(ws.IsInPlace("transactions"));
        Assert.NotEmpty(ingest.Rejects);
        var frame = AssertPassMatchesSql(ws, new DateTime(2026, 3, 31));
        Assert.Equal(300, frame.Rows.Count);
    }

    // ---- 4. Property: random small tables ----

    private sealed record RandomRow(int Customer, int Day, int TimeKind, int Seconds, int AmountKind, long Units, int Decimals, bool Return,
        int Cost, int Channel, int Category, bool Campaign);

    private static readonly string[] IdPool = ["a", "B", "b", "a10", "a9", "é", "日本", "0123456789abcdef", "0123456789abcdef0", "customer-prefix-0001-x",
        "customer-prefix-0001-y", "Z", "ß", "\uFF21", "\U0002000B", "abcdefghijkl", "abcdefghijklm", "x", "C0001", "C0002", "C10", "aa"];

    private static readonly double[] Ties = [0.125, 2.675, 1.005, 0.005, 0.015, 1.115, 0.285, 4.125, 1234567.125, 999999999.995, 0.375, 10.245];

    private static readonly Gen<RandomRow> Rows =
        Gen.Select(Gen.Int[0, IdPool.Length - 1], Gen.Int[-4, 2], Gen.Int[0, 5], Gen.Int[0, 86_399], Gen.Int[0, 4], Gen.Long[0, 100_000_000], Gen.Int[0, 6])
            .SelectMany(t => Gen.Select(Gen.Bool, Gen.Int[0, 5], Gen.Int[0, 5], Gen.Int[0, 6], Gen.Bool)
                .Select((ret, cost, channel, category, campaign) => new RandomRow(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7, ret, cost, channel, category, campaign)));

    private static readonly Gen<(RandomRow[] Rows, int Customers)> Tables =
        from customers in Gen.Int[1, 20]
        from rows in Rows.Array[1, 300]
        select (rows, customers);

    private static readonly string[] Channels = ["web", "app", "store", "phone"], Categories = ["apparel", "beauty", "home", "sports"];

    private static string Literal(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A random row as the validator leaves it: a flagged positive amount is negated, a negative amount is a return.</summary>
    private static string Values(RandomRow r, int customers, int index)
    {
        double magnitude = r.AmountKind switch
        {
            0 => Ties[(int)(r.Units % Ties.Length)],
            1 => r.Units / Math.Pow(10, r.Decimals),
            2 => Math.Round(r.Units / 100.0, 2),
            3 => r.Units % 1000 / 8.0,
            _ => (r.Units % 7) * 0.1 + (r.Units % 3) * 0.005,
        };
        double amount = r.Return ? -magnitude : magnitude;
        bool isReturn = r.Return || amount < 0;
        var day = Snapshot.AddDays(r.Day);
        var ts = r.TimeKind switch
        {
            0 => day,
            1 => day.AddDays(1).AddTicks(-10),
            2 => new DateTime(1950, 6, 1, 10, 0, 0).AddSeconds(r.Seconds),
            3 => new DateTime(1969, 12, 31, 12, 0, 0).AddSeconds(r.Seconds).AddTicks(r.Units % 10 * 10),
            _ => day.AddSeconds(r.Seconds).AddTicks(r.Units % 10 * 10),
        };
        string cost = r.Cost switch { 0 or 1 => "NULL", 2 => Literal(Ties[r.Seconds % Ties.Length]), _ => Literal(r.Units % 100_000 / 1000.0) };
        string channel = r.Channel < 4 ? $"'{Channels[r.Channel]}'" : "NULL";
        string category = r.Category < 4 ? $"'{Categories[r.Category]}'" : "NULL";
        string id = IdPool[r.Customer % customers];
        return $"('R{index}', '{id}', TIMESTAMP '{ts:yyyy-MM-dd HH:mm:ss.ffffff}', {Literal(amount)}::DOUBLE, {cost}::DOUBLE, NULL, {channel}, {category}, NULL, " +
            $"{(r.Campaign ? "'K1'" : "NULL")}, {(isReturn ? "true" : "false")})";
    }

    [Fact]
    public void The_pass_equals_the_sql_on_random_small_tables()
    {
        using var dir = new TempDirectory();
        dir.Write("transactions.csv", $"{TxHeader}\nT1,a,2026-01-05 10:00:00,1,1,1,web,apparel,east,K1,0\n");
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        // A longer or other run: SEG_AGGREGATE_ITERATIONS, SEG_AGGREGATE_SEED.
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("SEG_AGGREGATE_ITERATIONS"), out var n) ? n : 300;
        ulong seed = ulong.TryParse(Environment.GetEnvironmentVariable("SEG_AGGREGATE_SEED"), out var sd) ? sd : 20_261_203;
        var pcg = new PCG(1, seed);
        int onlyReturns = 0, topTies = 0, customersSeen = 0, lastMicrosecond = 0;
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            var (rows, customers) = Tables.Generate(pcg, null, out _);
            string values = string.Join(",\n", rows.Select((r, i) => Values(r, customers, i)));
            ws.Execute($"CREATE OR REPLACE TEMP TABLE prop AS SELECT {CanonicalColumns} FROM transactions LIMIT 0");
            ws.Execute($"INSERT INTO prop VALUES {values}");
            try
            {
                var frame = AssertPassMatchesSql(ws, Snapshot, "prop");
                customersSeen += (int)frame.Rows.Count;
                onlyReturns += frame["orders"].Cast<long>().Count(n => n == 0);
                topTies += (int)ws.Scalar<long>($"""
                    SELECT count(*) FROM (
                      SELECT customer_id FROM (
                        SELECT customer_id, n, max(n) OVER (PARTITION BY customer_id) AS top FROM (
                          SELECT customer_id, category, count(*) AS n FROM prop
                          WHERE NOT is_return AND category IS NOT NULL AND "timestamp" < {ws.Dialect.Timestamp(Snapshot.AddDays(1))}
                          GROUP BY customer_id, category) c) t
                      WHERE n = top GROUP BY customer_id HAVING count(*) > 1)
                    """);
                lastMicrosecond += rows.Any(r => r.TimeKind == 1 && r.Day == 0) ? 1 : 0;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new Xunit.Sdk.XunitException($"iteration {iteration} (SEG_AGGREGATE_SEED={seed}) failed: {e.Message}\nrows ({CanonicalColumns}):\n{values}");
            }
        }
        // The generator reaches the edges: customers with only returns, ties for the top category, the snapshot's last microsecond.
        Assert.True(onlyReturns > iterations / 6 && topTies > iterations / 6 && lastMicrosecond > iterations / 6 && customersSeen > iterations * 6,
            $"{onlyReturns} {topTies} {lastMicrosecond} {customersSeen}");
    }

    // ---- 5. Many batches ----

    [Fact]
    public void The_pass_equals_the_sql_over_many_arrow_batches()
    {
        using var dir = new TempDirectory();
        GeneratedTransactions.Write(dir.File("transactions.csv"), customers: 5_000, rows: 50_000, seed: 18);
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        var frame = AssertPassMatchesSql(ws, new DateTime(2026, 6, 30));
        Assert.True(frame.Rows.Count > 4_900);
        AssertPassMatchesSql(ws, new DateTime(2025, 3, 1));

        // A wider table built in the engine: 300 000 rows, 100 000 customers (more than the pass's first tables hold) with ids of 2 to
        // 22 bytes, ties and many decimals.
        ws.Execute($"CREATE TEMP TABLE wide AS SELECT {CanonicalColumns} FROM transactions LIMIT 0");
        ws.Execute("""
            INSERT INTO wide
            SELECT 'W' || i, CASE WHEN i * 7919 % 100000 % 3 = 0 THEN 'customer-prefix-' ELSE 'c' END || (i * 7919 % 100000),
              TIMESTAMP '2025-06-15 00:00:00' + INTERVAL (i * 7907 % 31536000) SECOND + INTERVAL (i % 1000) MICROSECOND,
              CASE WHEN i % 17 = 0 THEN -((i % 5000) / 8.0) ELSE (i % 100003) / 1000.0 + (i % 4) * 0.125 END,
              CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 7919) / 200.0 END, NULL,
              ['web', 'app', 'store', 'phone', NULL][i % 5 + 1], ['apparel', 'beauty', 'home', NULL][i % 4 + 1], NULL,
              CASE WHEN i % 9 = 0 THEN 'K' || (i % 3) END, i % 17 = 0
            FROM range(300000) t(i)
            """);
        var wide = AssertPassMatchesSql(ws, new DateTime(2026, 6, 14), "wide");
        Assert.Equal(100_000, wide.Rows.Count);
        AssertOrdinalUtf8Order(wide);
    }

    // ---- Large sums ----

    /// <summary>A workspace whose table <c>big</c> (canonical columns, empty) takes hand-written rows.</summary>
    private static DataWorkspace EmptyCanonicalTable(TempDirectory dir, string table)
    {
        dir.Write("transactions.csv", $"{TxHeader}\nT1,a,2026-01-05 10:00:00,1,1,1,web,apparel,east,K1,0\n");
        var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        ws.Execute($"CREATE TEMP TABLE {table} AS SELECT {CanonicalColumns} FROM transactions LIMIT 0");
        return ws;
    }

    [Fact]
    public void Sums_beyond_two_to_the_53_cents_come_out_as_the_sql_converts_them()
    {
        using var dir = new TempDirectory();
        using var ws = EmptyCanonicalTable(dir, "big");
        // odd: 9 × 9999999999999.99 + 9999999999999.98 = 99999999999999.89, i.e. 9999999999999989 cents (> 2^53, odd): the SQL gives the
        // double nearest to it (…99.890625); a conversion of the cents to double first rounds to …988 and then gives …99.875.
        // many: 40 customers of 10 amounts near ±1e13 (returns for half of them).
        ws.Execute("""
            INSERT INTO big SELECT 'O' || i, 'odd', TIMESTAMP '2026-01-05 10:00:00', CASE WHEN i = 0 THEN 9999999999999.98 ELSE 9999999999999.99 END,
              NULL, NULL, NULL, NULL, NULL, NULL, false FROM range(10) t(i);
            INSERT INTO big SELECT 'B' || i, 'many' || (i % 40), TIMESTAMP '2026-01-05 10:00:00',
              CASE WHEN i % 40 < 20 THEN -1 ELSE 1 END * (9999999999999.99 - (i % 7) * 0.01 - (i % 40) * 0.37),
              (i % 40) * 249999999999.99, NULL, NULL, NULL, NULL, NULL, i % 40 < 20
            FROM range(400) t(i)
            """);
        var expected = Sql(ws, Snapshot, "big");
        Assert.Equal(99999999999999.890625, (double)expected["gross_amount"][expected["customer_id"].Cast<string>().ToList().IndexOf("odd")]);
        if (CustomerAggregatePass.TryRun(ws, Snapshot, "big") is { } pass) Frames.AssertSame(expected, pass);
        Frames.AssertSame(expected, ws.CustomerAggregates(Snapshot, "big"));
    }

    [Fact]
    public void A_sum_just_under_two_to_the_53_cents_is_aggregated_and_one_cent_more_is_left_to_the_sql()
    {
        using var dir = new TempDirectory();
        using var ws = EmptyCanonicalTable(dir, "big");
        // 9 × 900719925474099 + 900719925474100 = 2^53 - 1 cents for one customer, as purchases and as returns.
        ws.Execute("""
            INSERT INTO big SELECT 'E' || i, CASE WHEN i < 10 THEN 'buyer' ELSE 'returner' END, TIMESTAMP '2026-01-05 10:00:00',
              CASE WHEN i < 10 THEN 1 ELSE -1 END * CASE WHEN i % 10 = 0 THEN 9007199254741.00 ELSE 9007199254740.99 END,
              NULL, NULL, NULL, NULL, NULL, NULL, i >= 10
            FROM range(20) t(i)
            """);
        var expected = AssertPassMatchesSql(ws, Snapshot, "big");
        Assert.Equal(((1L << 53) - 1) / 100.0, (double)expected["gross_amount"][0]);
        Assert.Equal(-((1L << 53) - 1) / 100.0, (double)expected["net_amount"][1]);
        ws.Execute("INSERT INTO big VALUES ('E99', 'buyer', TIMESTAMP '2026-01-05 10:00:00', 0.01, NULL, NULL, NULL, NULL, NULL, NULL, false)");
        Assert.Null(CustomerAggregatePass.TryRun(ws, Snapshot, "big"));
        Frames.AssertSame(Sql(ws, Snapshot, "big"), ws.CustomerAggregates(Snapshot, "big"));
    }

    [Fact]
    public void A_sum_beyond_64_bit_cents_makes_the_pass_decline_while_batches_are_still_coming()
    {
        using var dir = new TempDirectory();
        using var ws = EmptyCanonicalTable(dir, "big");
        // 9.9e12 × 100 cents × 10 000 rows > 2^63: the overflow comes after about 9 300 rows of one customer, 40 000 rows before the end.
        ws.Execute("""
            INSERT INTO big SELECT 'B' || i, CASE WHEN i < 12000 THEN 'whale' ELSE 'c' || (i % 1000) END, TIMESTAMP '2026-01-05 10:00:00',
              CASE WHEN i < 12000 THEN 9.9e12 ELSE i / 100.0 END, NULL, NULL, 'web', 'home', NULL, NULL, false
            FROM range(50000) t(i)
            """);
        Assert.Null(CustomerAggregatePass.TryRun(ws, Snapshot, "big"));
        var expected = Sql(ws, Snapshot, "big");
        Frames.AssertSame(expected, ws.CustomerAggregates(Snapshot, "big"));
        Assert.Equal(1001, expected.Rows.Count);
        // The workspace still answers after the pass gave up mid-stream.
        Assert.Equal(50_000, ws.Scalar<long>("SELECT count(*) FROM big"));
    }

    [Fact]
    public void Ids_with_control_characters_and_nul_bytes_sort_as_the_sql_sorts_them()
    {
        using var dir = new TempDirectory();
        using var ws = EmptyCanonicalTable(dir, "odd_ids");
        ws.Execute("""
            INSERT INTO odd_ids SELECT 'I' || i, ['a', 'a' || chr(0), 'a' || chr(0) || 'b', 'a' || chr(1), 'a ', '', chr(127), chr(0),
                repeat('x', 16) || chr(0), repeat('x', 16), repeat('x', 17), repeat('x', 15) || 'é', repeat('x', 15) || chr(0),
                repeat('y', 5000), repeat('y', 5000) || 'z', repeat('y', 4999) || 'z'][i % 16 + 1],
              TIMESTAMP '2026-01-05 10:00:00', i * 1.5, NULL, NULL, NULL, NULL, NULL, NULL, false
            FROM range(48) t(i)
            """);
        var expected = Sql(ws, Snapshot, "odd_ids");
        Assert.Equal(16, expected.Rows.Count);
        if (CustomerAggregatePass.TryRun(ws, Snapshot, "odd_ids") is { } pass) Frames.AssertSame(expected, pass);
        Frames.AssertSame(expected, ws.CustomerAggregates(Snapshot, "odd_ids"));
    }

    [Fact]
    public void A_table_of_other_column_types_is_declined_or_aggregated_as_the_sql_does_never_an_error()
    {
        using var dir = new TempDirectory();
        using var ws = EmptyCanonicalTable(dir, "unused");
        // Money as DECIMAL and INTEGER, a DATE-less VARCHAR category, ids as VARCHAR: the SQL reads them all.
        ws.Execute("""
            CREATE TEMP TABLE typed AS SELECT 'T' || i AS transaction_id, 'c' || (i % 10) AS customer_id, TIMESTAMP '2026-01-05 10:00:00' + INTERVAL (i) HOUR AS "timestamp",
              (i * 1.25)::DECIMAL(18, 2) AS amount, (i % 4)::INTEGER AS cost, 1 AS quantity, 'web' AS channel, 'home' AS category, NULL AS region,
              NULL AS campaign_id, false AS is_return
            FROM range(100) t(i)
            """);
        var expected = Sql(ws, Snapshot, "typed");
        if (CustomerAggregatePass.TryRun(ws, Snapshot, "typed") is { } pass) Frames.AssertSame(expected, pass);
        Frames.AssertSame(expected, ws.CustomerAggregates(Snapshot, "typed"));
    }

    [Theory]
    [InlineData("TIMESTAMP_NS")]
    [InlineData("TIMESTAMPTZ")]
    [InlineData("TIMESTAMP_MS")]
    public void A_timestamp_of_another_precision_or_with_a_time_zone_is_left_to_the_sql(string type)
    {
        using var dir = new TempDirectory();
        using var ws = EmptyCanonicalTable(dir, "unused");
        // Nanoseconds the pass would drop (its µs), a zone it would not apply: the SQL's frame, whoever computes it.
        ws.Execute($"""
            CREATE TEMP TABLE stamped AS SELECT 'T' || i AS transaction_id, 'c' || (i % 7) AS customer_id,
              CAST(TIMESTAMP_NS '2026-01-05 10:00:00.123456789' + INTERVAL (i * 13) HOUR AS {type}) AS "timestamp",
              i * 1.25 AS amount, NULL::DOUBLE AS cost, 1 AS quantity, 'web' AS channel, 'home' AS category, NULL AS region,
              NULL AS campaign_id, false AS is_return
            FROM range(60) t(i)
            """);
        var expected = Sql(ws, Snapshot, "stamped");
        Assert.Equal(7, expected.Rows.Count);
        Assert.Null(CustomerAggregatePass.TryRun(ws, Snapshot, "stamped"));
        Frames.AssertSame(expected, ws.CustomerAggregates(Snapshot, "stamped"));
    }

    [Fact]
    public void A_session_with_a_default_collation_is_left_to_the_sql()
    {
        using var dir = new TempDirectory();
        using var ws = EmptyCanonicalTable(dir, "cased");
        ws.Execute("""
            INSERT INTO cased SELECT 'T' || i, ['A', 'a', 'B'][i % 3 + 1], TIMESTAMP '2026-01-05 10:00:00', i + 1, NULL, NULL, NULL, NULL, NULL, NULL, false
            FROM range(9) t(i)
            """);
        Assert.NotNull(CustomerAggregatePass.TryRun(ws, Snapshot, "cased"));
        ws.Execute("SET default_collation = 'nocase'");
        Assert.Null(CustomerAggregatePass.TryRun(ws, Snapshot, "cased"));
        Frames.AssertSame(Sql(ws, Snapshot, "cased"), ws.CustomerAggregates(Snapshot, "cased"));
    }

    [Fact]
    public void A_cancellation_while_the_transactions_stream_is_an_operation_canceled_exception_or_comes_too_late()
    {
        using var dir = new TempDirectory();
        dir.Write("transactions.csv", $"{TxHeader}\nT1,a,2026-01-05 10:00:00,1,1,1,web,apparel,east,K1,0\n");
        int cancelled = 0;
        foreach (int delay in new[] { 0, 20, 60, 150, 300 })
        {
            using var cts = new CancellationTokenSource();
            using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf) { Cancellation = cts.Token });
            ws.Execute($"""
                CREATE TEMP TABLE many AS SELECT 'T' || i AS transaction_id, 'c' || (hash(i) % 200000) AS customer_id,
                  TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (i % 100000) MINUTE AS "timestamp", (i % 1000) / 10.0 AS amount, NULL::DOUBLE AS cost,
                  1 AS quantity, 'web' AS channel, 'home' AS category, NULL AS region, NULL AS campaign_id, false AS is_return
                FROM range(2000000) t(i)
                """);
            long customers = ws.Scalar<long>("SELECT count(DISTINCT customer_id) FROM many");
            cts.CancelAfter(delay);
            DataFrame? frame = null;
            var error = Record.Exception(() => frame = ws.CustomerAggregates(Snapshot, "many"));
            if (error is null)
                Assert.Equal(customers, frame!.Rows.Count);
            else
            {
                Assert.IsAssignableFrom<OperationCanceledException>(error);
                cancelled++;
            }
        }
        Assert.True(cancelled > 0, "no run was cancelled: the test proves nothing");
    }

    // ---- 6. Fallback ----

    /// <summary>Whether the pass must decline a case: yes (null), no (the SQL's frame), or either (but if it answers, the SQL's frame).</summary>
    public enum Expect
    {
        Declines,
        Handles,
        Either,
    }

    public static TheoryData<string, string, Expect> Outside => new()
    {
        // case, the extra row's (customer_id, timestamp, amount, cost, is_return), what the pass must do
        { "a NULL amount", "'C00001', TIMESTAMP '2026-01-05 10:00:00', NULL, NULL, false", Expect.Declines },
        { "a NULL customer_id", "NULL, TIMESTAMP '2026-01-05 10:00:00', 5, NULL, false", Expect.Declines },
        { "a NaN amount", "'C00001', TIMESTAMP '2026-01-05 10:00:00', 'NaN'::DOUBLE, NULL, false", Expect.Declines },
        { "an infinite amount", "'C00001', TIMESTAMP '2026-01-05 10:00:00', 'Infinity'::DOUBLE, NULL, false", Expect.Declines },
        { "an amount of 1e13", "'C00001', TIMESTAMP '2026-01-05 10:00:00', 1e13, NULL, false", Expect.Declines },
        { "an amount of -1e13 flagged as a return", "'C00001', TIMESTAMP '2026-01-05 10:00:00', -1e13, NULL, true", Expect.Declines },
        { "a cost of 1e13", "'C00001', TIMESTAMP '2026-01-05 10:00:00', 5, 1e13, false", Expect.Declines },
        { "a NULL amount on the snapshot's last microsecond", "'C00001', TIMESTAMP '2026-06-30 23:59:59.999999', NULL, NULL, false", Expect.Declines },
        { "a NULL amount at the snapshot's next midnight", "'C00001', TIMESTAMP '2026-07-01 00:00:00', NULL, NULL, false", Expect.Handles },
        { "a NULL customer_id after the snapshot", "NULL, TIMESTAMP '2026-08-01 00:00:00', 5, NULL, false", Expect.Handles },
        { "an amount of 1e13 after the snapshot", "'C00001', TIMESTAMP '2026-08-01 00:00:00', 1e13, 1e13, false", Expect.Handles },
        { "an amount just under 1e13", "'C00001', TIMESTAMP '2026-01-05 10:00:00', 9999999999999.98, 9999999999999.98, false", Expect.Handles },
        { "a cost of -1e13", "'C00001', TIMESTAMP '2026-01-05 10:00:00', 5, -1e13, false", Expect.Either },
        { "an empty customer_id", "'', TIMESTAMP '2026-01-05 10:00:00', 5, NULL, false", Expect.Either },
        { "a control character in a customer_id", "'C' || chr(1), TIMESTAMP '2026-01-05 10:00:00', 5, NULL, false", Expect.Either },
        { "a NULL timestamp", "'C00001', NULL, 5, NULL, false", Expect.Either },
        { "a NULL is_return", "'C00001', TIMESTAMP '2026-01-05 10:00:00', 5, NULL, NULL", Expect.Either },
        { "a negative amount not flagged as a return", "'C00001', TIMESTAMP '2026-01-05 10:00:00', -5, NULL, false", Expect.Either },
        { "a positive amount flagged as a return", "'C00001', TIMESTAMP '2026-01-05 10:00:00', 5.125, NULL, true", Expect.Either },
        { "a negative cost", "'C00001', TIMESTAMP '2026-01-05 10:00:00', 5, -2.125, false", Expect.Either },
    };

    [Theory]
    [MemberData(nameof(Outside))]
    public void Outside_what_the_pass_handles_it_declines_and_the_workspace_falls_back_to_the_sql(string description, string row, Expect expect)
    {
        using var dir = new TempDirectory();
        GeneratedTransactions.Write(dir.File("transactions.csv"), customers: 50, rows: 500, seed: 3);
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        ws.Execute($"CREATE TEMP TABLE tx2 AS SELECT {CanonicalColumns} FROM transactions");
        ws.Execute($"INSERT INTO tx2 (transaction_id, customer_id, \"timestamp\", amount, cost, is_return) SELECT 'X1', {row}");
        var snapshot = new DateTime(2026, 6, 30);
        var pass = CustomerAggregatePass.TryRun(ws, snapshot, "tx2");
        if (expect == Expect.Declines) Assert.True(pass is null, description);
        DataFrame expected;
        try
        {
            expected = Sql(ws, snapshot, "tx2");
        }
        catch (DuckDB.NET.Data.DuckDBException e)
        {
            // NaN and infinity do not cast to DECIMAL: the SQL fails, and so must the workspace, the same way.
            Assert.Equal(e.Message, Assert.Throws<DuckDB.NET.Data.DuckDBException>(() => ws.CustomerAggregates(snapshot, "tx2")).Message);
            Assert.True(pass is null, description);
            return;
        }
        if (expect == Expect.Handles) Assert.True(pass is not null, description);
        if (pass is not null) Frames.AssertSame(expected, pass);
        Frames.AssertSame(expected, ws.CustomerAggregates(snapshot, "tx2"));
        // One row per customer (a NULL customer_id is a group of its own in the SQL).
        Assert.Equal(expected.Rows.Count, ws.Scalar<long>($"SELECT count(*) FROM (SELECT DISTINCT customer_id FROM tx2 WHERE \"timestamp\" < {ws.Dialect.Timestamp(snapshot.AddDays(1))})"));
    }
}
