using System.Globalization;
using System.Text;
using Segmentation.Data;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Features;

namespace Segmentation.Data.Tests;

/// <summary>
/// A typed Parquet file is validated in place (a cheap predicate picks the suspect rows; only those get the full
/// check). Reference: the same rows through the CSV path, which runs the full validation on every row.
/// </summary>
public sealed class InPlaceParquetTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);

    /// <summary>Seeded rows with defects the fast predicate must send to the full check, mixed with clean rows.</summary>
    private static void WriteDefects(string path, int rows, int seed)
    {
        var rng = new Random(seed);
        string[] oddIds = [" T{0}", "T{0} ", "T{0}\u3000", "\u00A0T{0}", "", "   ", "T{0}\t", "NA", "None"];
        string[] oddCustomers = ["a{0}@mail.example.com", "13812345678", "+86 138 1234 5678", " C{0}", "C{0} ", "", "C{0}\u3000", "1234567890", "0000{0}X", "客户{0}", "C{0}é"];
        string[] oddChannels = ["Web", " app", "STORE ", "fax", "", "web\u3000"];
        string[] oddCategories = ["Home", " sports", "toys", ""];
        var sb = new StringBuilder("transaction_id,customer_id,timestamp,amount,cost,quantity,channel,category,region,campaign_id,is_return\n");
        for (int i = 0; i < rows; i++)
        {
            bool odd = rng.NextDouble() < 0.3;
            string tid = odd && rng.NextDouble() < 0.3 ? string.Format(CultureInfo.InvariantCulture, oddIds[rng.Next(oddIds.Length)], i) : $"T{i}";
            if (rng.NextDouble() < 0.02) tid = $"T{rng.Next(Math.Max(1, i))}"; // duplicate of an earlier id
            if (rng.NextDouble() < 0.01) tid = $" T{rng.Next(Math.Max(1, i))}"; // duplicate only after trimming
            string cid = odd && rng.NextDouble() < 0.3 ? string.Format(CultureInfo.InvariantCulture, oddCustomers[rng.Next(oddCustomers.Length)], rng.Next(50)) : $"C{rng.Next(200):D5}";
            var ts = new DateTime(2025, 1, 1).AddMinutes(rng.Next(0, 700 * 24 * 60));
            if (odd && rng.NextDouble() < 0.1) ts = AsOf.AddDays(rng.Next(0, 3)).AddHours(rng.Next(24)); // as-of day is fine, later is future
            double amount = Math.Round(rng.NextDouble() * 300 - 20, 2);
            if (odd && rng.NextDouble() < 0.1) amount = 0;
            if (odd && rng.NextDouble() < 0.05) amount = 2e9;
            string cost = odd && rng.NextDouble() < 0.1 ? "-1" : odd && rng.NextDouble() < 0.1 ? "" : Math.Round(rng.NextDouble() * 100, 2).ToString(CultureInfo.InvariantCulture);
            string quantity = odd && rng.NextDouble() < 0.1 ? "200000" : odd && rng.NextDouble() < 0.1 ? "" : rng.Next(1, 4).ToString(CultureInfo.InvariantCulture);
            string channel = odd && rng.NextDouble() < 0.3 ? oddChannels[rng.Next(oddChannels.Length)] : new[] { "web", "app", "store", "phone" }[rng.Next(4)];
            string category = odd && rng.NextDouble() < 0.3 ? oddCategories[rng.Next(oddCategories.Length)] : new[] { "apparel", "home", "sports" }[rng.Next(3)];
            string campaign = rng.NextDouble() < 0.1 ? "K1" : odd && rng.NextDouble() < 0.1 ? " K2 " : "";
            string isReturn = odd && rng.NextDouble() < 0.1 ? "" : (amount < 0 ? "true" : rng.NextDouble() < 0.02 ? "true" : "false");
            sb.Append(Csv(tid)).Append(',').Append(Csv(cid)).Append(',').Append(ts.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
              .Append(amount.ToString(CultureInfo.InvariantCulture)).Append(',').Append(cost).Append(',').Append(quantity).Append(',')
              .Append(Csv(channel)).Append(',').Append(Csv(category)).Append(",east,").Append(Csv(campaign)).Append(',').Append(isReturn).Append('\n');
        }
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    private static string Csv(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";

    private static string ToTypedParquet(DataWorkspace ws, string csv, string parquet)
    {
        // Typed columns as a producer would write them: blanks become NULL, text is kept byte for byte.
        ws.Execute($"""
            COPY (SELECT transaction_id, customer_id, CAST("timestamp" AS TIMESTAMP) AS "timestamp", CAST(amount AS DOUBLE) AS amount,
                         CAST(NULLIF(cost, '') AS DOUBLE) AS cost, CAST(NULLIF(quantity, '') AS BIGINT) AS quantity, channel, category, region,
                         NULLIF(campaign_id, '') AS campaign_id, CAST(NULLIF(is_return, '') AS BOOLEAN) AS is_return
                  FROM read_csv('{csv}', header = true, all_varchar = true, quote = '"', escape = '"')) TO '{parquet}' (FORMAT parquet)
            """);
        return parquet;
    }

    /// <summary>The CSV file read with the full check in <paramref name="fromCsv"/>, and as typed Parquet validated in place in
    /// <paramref name="inPlace"/>.</summary>
    private static (TableIngest Csv, TableIngest Parquet, string ParquetPath) IngestBothWays(DataWorkspace fromCsv, DataWorkspace inPlace, string csv, TempDirectory dir)
    {
        var a = fromCsv.Ingest("transactions", csv);
        var parquet = ToTypedParquet(fromCsv, csv, dir.File("transactions.parquet"));
        return (a, inPlace.Ingest("transactions", parquet), parquet);
    }

    /// <summary>The rules before import specs: closed code lists, zero amounts and bad optional fields reject the row.</summary>
    private static readonly SchemaMapping Strict = SchemaMapping.Parse(
        """{ "tables": { "transactions": { "closed": true, "zero_amounts": "reject", "invalid_optional": "reject" } } }""", "strict.json");

    [Theory]
    [InlineData(11, true)]
    [InlineData(12, true)]
    [InlineData(11, false)]
    [InlineData(12, false)]
    public void In_place_parquet_gives_the_rejects_rows_and_aggregates_of_the_full_check(int seed, bool strict)
    {
        using var dir = new TempDirectory();
        var csv = dir.File("transactions.csv");
        WriteDefects(csv, rows: 4_000, seed);
        var mapping = strict ? Strict : null;
        using var fromCsv = DataWorkspace.Create(new IngestOptions(AsOf, mapping));
        var a = fromCsv.Ingest("transactions", csv);
        var parquet = ToTypedParquet(fromCsv, csv, dir.File("transactions.parquet"));

        using var inPlace = DataWorkspace.Create(new IngestOptions(AsOf, mapping));
        var b = inPlace.Ingest("transactions", parquet);
        Assert.True(inPlace.IsInPlace("transactions"));
        using var copied = DataWorkspace.Create(new IngestOptions(AsOf, mapping, CopyParquet: true));
        var c = copied.Ingest("transactions", parquet);
        Assert.False(copied.IsInPlace("transactions"));

        // The planted defects really are there (else the comparison proves little).
        Assert.True(a.Rejects.Count > (strict ? 300 : 150), $"only {a.Rejects.Count} rejects");
        var rules = strict
            ? new[] { RejectRules.Missing, RejectRules.Duplicate, RejectRules.Category, RejectRules.FutureDate, RejectRules.ZeroAmount, RejectRules.Range }
            : [RejectRules.Missing, RejectRules.Duplicate, RejectRules.FutureDate, RejectRules.Range];
        foreach (var rule in rules)
            Assert.Contains(a.Rejects, r => r.Rule == rule);
        if (!strict)
        {
            Assert.Contains(a.FieldRejects, r => r.Rule == RejectRules.Range);
            Assert.Contains(a.Warnings, w => w.Code == IngestWarningCodes.OtherCategory);
            Assert.Contains(a.Warnings, w => w.Code == IngestWarningCodes.ZeroAmount);
        }

        foreach (var x in new[] { b, c })
        {
            Assert.Equal(a.RowsRead, x.RowsRead);
            Assert.Equal(a.RowsAccepted, x.RowsAccepted);
            Assert.True(x.Reconciles);
            // CSV rows count the header line; Parquet records do not.
            // (A duplicate's reason names the kept row, also in file rows: compared below between the two Parquet paths.)
            Assert.Equal(a.Rejects.Select(r => (r.Row - 1, r.Column, r.Rule, r.Rule == RejectRules.Duplicate ? null : r.Reason)),
                x.Rejects.Select(r => (r.Row, r.Column, r.Rule, r.Rule == RejectRules.Duplicate ? null : r.Reason)));
        }
        Assert.Equal(c.Rejects, b.Rejects);
        foreach (var x in new[] { b, c })
        {
            // (Values differ in spelling only: text "-1" in the CSV, the double -1.0 in Parquet.)
            Assert.Equal(a.FieldRejects.Select(r => (r.Row - 1, r.Column, r.Rule, r.Reason)), x.FieldRejects.Select(r => (r.Row, r.Column, r.Rule, r.Reason)));
            Assert.Equal(a.Warnings.Select(w => (w.Column, w.Code, w.Message, w.Rows)), x.Warnings.Select(w => (w.Column, w.Code, w.Message, w.Rows)));
        }
        Frames.AssertIdentical(fromCsv.Table("transactions"), inPlace.Table("transactions"));
        Frames.AssertIdentical(fromCsv.Table("transactions"), copied.Table("transactions"));
        Frames.AssertIdentical(
            fromCsv.Query(CustomerAggregateQuery.Render(fromCsv.Dialect, AsOf)),
            inPlace.Query(CustomerAggregateQuery.Render(inPlace.Dialect, AsOf)));
    }

    /// <summary>
    /// A file where every row passes the fast predicate (no suspects: the table is the passing rows, tallied in the pass that
    /// counts them), with repeated ids, zero amounts and returns: the same rejects, warnings, money and rows as the full check.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Parquet_without_suspects_gives_the_rejects_money_and_rows_of_the_full_check(bool repeatedIds)
    {
        using var dir = new TempDirectory();
        var csv = dir.File("transactions.csv");
        var rng = new Random(21);
        var sb = new StringBuilder("transaction_id,customer_id,timestamp,amount,cost,quantity,channel,category,region,campaign_id,is_return\n");
        for (int i = 0; i < 3_000; i++)
        {
            string tid = repeatedIds && rng.NextDouble() < 0.03 ? $"T{rng.Next(Math.Max(1, i))}" : $"T{i}";
            double amount = rng.NextDouble() < 0.05 ? 0 : Math.Round(rng.NextDouble() * 300 - 30, 2);
            string isReturn = amount < 0 || rng.NextDouble() < 0.02 ? "true" : "false";
            sb.Append(CultureInfo.InvariantCulture, $"{tid},C{rng.Next(300):D5},{new DateTime(2025, 1, 1).AddMinutes(rng.Next(0, 600 * 24 * 60)):yyyy-MM-dd HH:mm:ss},")
              .Append(amount.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Math.Round(rng.NextDouble() * 90, 2).ToString(CultureInfo.InvariantCulture))
              .Append(CultureInfo.InvariantCulture, $",{rng.Next(1, 4)},{new[] { "web", "app", "store" }[rng.Next(3)]},{new[] { "home", "sports", "apparel" }[rng.Next(3)]},east,")
              .Append(rng.NextDouble() < 0.1 ? "K1" : "").Append(',').Append(isReturn).Append('\n');
        }
        File.WriteAllText(csv, sb.ToString(), new UTF8Encoding(false));
        using var fromCsv = DataWorkspace.Create(new IngestOptions(AsOf));
        using var inPlace = DataWorkspace.Create(new IngestOptions(AsOf));
        var (a, b, _) = IngestBothWays(fromCsv, inPlace, csv, dir);

        Assert.True(inPlace.IsInPlace("transactions"));
        Assert.All(a.Rejects, r => Assert.Equal(RejectRules.Duplicate, r.Rule));
        Assert.Equal(repeatedIds, a.Rejects.Count > 0);
        Assert.Contains(a.Warnings, w => w.Code == IngestWarningCodes.ZeroAmount);
        Assert.Equal(a.RowsAccepted, b.RowsAccepted);
        Assert.Equal(a.Rejects.Select(r => (r.Row - 1, r.Column, r.Rule)), b.Rejects.Select(r => (r.Row, r.Column, r.Rule)));
        Assert.Equal(a.Warnings.Select(w => (w.Column, w.Code, w.Message, w.Rows)), b.Warnings.Select(w => (w.Column, w.Code, w.Message, w.Rows)));
        Assert.True(b.Reconciles);
        Assert.Equal(a.Amounts!.Flows.Select(f => (f.Kind, f.Read.Rows, f.Accepted.Rows, f.Rejected.Rows)),
            b.Amounts!.Flows.Select(f => (f.Kind, f.Read.Rows, f.Accepted.Rows, f.Rejected.Rows)));
        foreach (var (x, y) in a.Amounts.Flows.Zip(b.Amounts.Flows))
        {
            Assert.Equal(x.Read.Amount, y.Read.Amount, 6);
            Assert.Equal(x.Accepted.Amount, y.Accepted.Amount, 6);
            Assert.Equal(x.Rejected.Amount, y.Rejected.Amount, 6);
        }
        Frames.AssertIdentical(fromCsv.Table("transactions"), inPlace.Table("transactions"));
        Frames.AssertIdentical(
            fromCsv.Query(CustomerAggregateQuery.Render(fromCsv.Dialect, AsOf)),
            inPlace.Query(CustomerAggregateQuery.Render(inPlace.Dialect, AsOf)));
    }

    /// <summary>The in-process radix sort of the duplicate check finds exactly the repeated values, whatever their bits.</summary>
    [Fact]
    public void Repeated_values_are_found_by_the_radix_sort()
    {
        var rng = new Random(3);
        var values = new ulong[200_000];
        for (int i = 0; i < values.Length; i++) values[i] = (ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63);
        for (int i = 0; i < 500; i++) values[rng.Next(values.Length)] = values[rng.Next(values.Length)];
        values[7] = ulong.MaxValue;
        values[8] = ulong.MaxValue;
        values[9] = 0;
        values[10] = 0;
        values[11] = 0;
        var expected = values.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key).Order().ToList();
        Assert.Equal(expected, TableValidator.RepeatedValues((ulong[])values.Clone()));
        Assert.Empty(TableValidator.RepeatedValues([5, 3, 9]));
        Assert.Empty(TableValidator.RepeatedValues([]));
    }

    [Fact]
    public void Later_exclusions_and_pseudonyms_apply_to_an_in_place_table()
    {
        using var dir = new TempDirectory();
        var csv = dir.File("transactions.csv");
        WriteDefects(csv, rows: 2_000, seed: 5);
        var customers = dir.File("customers.csv");
        File.WriteAllText(customers, "customer_id\n" + string.Join("\n", Enumerable.Range(0, 120).Select(i => $"C{i:D5}")) + "\n");
        using var fromCsv = DataWorkspace.Create(new IngestOptions(AsOf));
        fromCsv.Ingest("transactions", csv);
        fromCsv.Ingest("customers", customers);
        fromCsv.CheckReferences();
        var parquet = ToTypedParquet(fromCsv, csv, dir.File("transactions.parquet"));

        using var inPlace = DataWorkspace.Create(new IngestOptions(AsOf));
        inPlace.Ingest("transactions", parquet);
        inPlace.Ingest("customers", customers);
        inPlace.CheckReferences();
        Assert.True(inPlace.IsInPlace("transactions"));
        var expected = fromCsv.Report.Tables.Single(t => t.Table == "transactions");
        var actual = inPlace.Report.Tables.Single(t => t.Table == "transactions");
        Assert.Contains(expected.Rejects, r => r.Rule == RejectRules.UnknownReference);
        Assert.Equal(expected.RowsAccepted, actual.RowsAccepted);
        Assert.Equal(expected.Rejects.Select(r => (r.Row - 1, r.Rule)), actual.Rejects.Select(r => (r.Row, r.Rule)));
        Frames.AssertIdentical(fromCsv.Table("transactions"), inPlace.Table("transactions"));

        var key = new Pseudonymizer(Encoding.UTF8.GetBytes("k-test-key-32-bytes-long-enough!"));
        fromCsv.Pseudonymize(key);
        inPlace.Pseudonymize(key);
        Assert.False(inPlace.IsInPlace("transactions"));
        Frames.AssertIdentical(fromCsv.Table("transactions"), inPlace.Table("transactions"));
    }

    /// <summary>
    /// An in-place table is its file's clean rows plus the suspects that passed the full check. Without such rows it is a plain
    /// view over the file, without a UNION ALL (which makes every later scan of text columns about twice as slow); with them, they
    /// are in it. Either way it has the columns, types and rows of the copied table.
    /// </summary>
    [Theory]
    [InlineData("clean", false)]
    [InlineData("suspects that all fail", false)]
    [InlineData("suspects that pass", true)]
    public void An_in_place_table_unions_its_repaired_suspects_only_when_there_are_some(string file, bool union)
    {
        using var dir = new TempDirectory();
        var csv = dir.File("transactions.csv");
        var sb = new StringBuilder("transaction_id,customer_id,timestamp,amount,cost,quantity,channel,category,region,campaign_id,is_return\n");
        for (int i = 0; i < 200; i++)
            sb.Append(CultureInfo.InvariantCulture, $"T{i},C{i % 40:D3},{new DateTime(2025, 3, 1).AddHours(i * 7):yyyy-MM-dd HH:mm:ss},{10 + i % 17}.25,4.5,1,web,home,east,,false\n");
        // A future date fails the full check; a customer id with spaces around it is repaired (trimmed) and kept.
        if (file == "suspects that all fail") sb.Append("T900,C001,2027-01-05 10:00:00,12.00,4.5,1,web,home,east,,false\n");
        if (file == "suspects that pass") sb.Append("T901,\" C002 \",2026-01-05 10:00:00,13.00,4.5,1,web,home,east,,false\n");
        File.WriteAllText(csv, sb.ToString(), new UTF8Encoding(false));
        using var fromCsv = DataWorkspace.Create(new IngestOptions(AsOf));
        using var inPlace = DataWorkspace.Create(new IngestOptions(AsOf));
        var (a, b, parquet) = IngestBothWays(fromCsv, inPlace, csv, dir);
        using var copied = DataWorkspace.Create(new IngestOptions(AsOf, CopyParquet: true));
        copied.Ingest("transactions", parquet);

        Assert.True(inPlace.IsInPlace("transactions"));
        var view = inPlace.Scalar<string>("SELECT sql FROM duckdb_views() WHERE view_name = 'transactions'");
        Assert.Equal(union, view.Contains("UNION ALL", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(file == "suspects that all fail" ? 1 : 0, b.Rejects.Count);
        Assert.Equal(a.RowsAccepted, b.RowsAccepted);
        Assert.Equal(file == "clean" ? 200 : 201, b.RowsRead);
        if (union) Assert.Equal(1L, inPlace.Scalar<long>("SELECT count(*) FROM transactions WHERE customer_id = 'C002' AND transaction_id = 'T901'"));
        Assert.Equal(Describe(copied), Describe(inPlace));
        Frames.AssertIdentical(copied.Table("transactions"), inPlace.Table("transactions"));
        Frames.AssertIdentical(fromCsv.Table("transactions"), inPlace.Table("transactions"));

        static List<string> Describe(DataWorkspace ws) =>
            ws.Read("DESCRIBE SELECT * FROM transactions", r =>
            {
                var columns = new List<string>();
                while (r.Read()) columns.Add(r.GetString(0) + " " + r.GetString(1));
                return columns;
            });
    }
}
