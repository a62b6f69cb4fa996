using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Segmentation.Data;
using Segmentation.Synthetic;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Synthetic.Tests;

public sealed class SyntheticFilesTests : IDisposable
{
    private static readonly SyntheticOptions Small = new() { Customers = 800, Seed = 7 };
    private readonly string root = Path.Combine(Path.GetTempPath(), "seg-synth-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private string GenerateInto(string name, SyntheticOptions options)
    {
        string dir = Path.Combine(root, name);
        SyntheticGenerator.Generate(options, dir);
        return dir;
    }

    private static Dictionary<string, string> Hashes(string dir) =>
        SyntheticGenerator.FileNames.ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, f)))));

    [Fact]
    public void Same_seed_gives_byte_identical_files()
    {
        var a = Hashes(GenerateInto("a", Small));
        var b = Hashes(GenerateInto("b", Small));
        Assert.Equal(8, a.Count);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Different_seed_gives_different_files()
    {
        var a = Hashes(GenerateInto("a", Small));
        var b = Hashes(GenerateInto("b", Small with { Seed = 8 }));
        foreach (var file in new[] { "transactions.csv", "customers.csv", "feedback.csv", "campaign_assignments.csv", "market.csv", "ground_truth.json" })
            Assert.NotEqual(a[file], b[file]);
    }

    [Fact]
    public void Files_hold_the_same_rows_as_the_in_memory_dataset()
    {
        string dir = GenerateInto("a", Small);
        var data = SyntheticGenerator.Create(Small);
        var (_, tx) = SimpleCsv.Read(Path.Combine(dir, "transactions.csv"));
        Assert.Equal(data.Transactions.Length, tx.Count);
        for (int i = 0; i < tx.Count; i += 97)
        {
            var t = data.Transactions[i];
            Assert.Equal(t.TransactionId, tx[i][0]);
            Assert.Equal(t.CustomerId, tx[i][1]);
            Assert.Equal(t.Amount, double.Parse(tx[i][3], CultureInfo.InvariantCulture));
        }
        Assert.Equal(data.Customers.Length, SimpleCsv.Read(Path.Combine(dir, "customers.csv")).Rows.Count);
        Assert.Equal(data.Feedback.Length, SimpleCsv.Read(Path.Combine(dir, "feedback.csv")).Rows.Count);
        Assert.Equal(data.CampaignAssignments.Length, SimpleCsv.Read(Path.Combine(dir, "campaign_assignments.csv")).Rows.Count);
        Assert.Equal(data.Market.Length, SimpleCsv.Read(Path.Combine(dir, "market.csv")).Rows.Count);
        var truth = Segmentation.Analytics.Serialization.ModelJson.Load<GroundTruth>(Path.Combine(dir, "ground_truth.json"));
        Assert.Equal(data.Truth.CustomerSegments, truth.CustomerSegments);
        Assert.Equal(data.Truth.Campaigns.Select(c => c.ExpectedConversionUplift), truth.Campaigns.Select(c => c.ExpectedConversionUplift));
    }

    public static TheoryData<string> Tables => new(DataModel.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_file_satisfies_the_data_model_spec(string table)
    {
        var spec = DataModel.Get(table);
        string dir = GenerateInto("a", Small);
        var (header, rows) = SimpleCsv.Read(Path.Combine(dir, table + ".csv"));
        Assert.Equal(spec.Columns.Select(c => c.Name), header);
        Assert.NotEmpty(rows);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var keyIndex = spec.Key.Select(k => Array.IndexOf(header, k)).ToArray();
        foreach (var (row, n) in rows.Select((r, n) => (r, n + 2)))
        {
            Assert.True(row.Length == header.Length, $"{table} line {n}: {row.Length} fields");
            for (int j = 0; j < header.Length; j++) CheckCell(spec.Columns[j], row[j], $"{table} line {n} column {header[j]}");
            Assert.True(keys.Add(string.Join('\u0001', keyIndex.Select(k => row[k]))), $"{table} line {n}: duplicate key");
        }
    }

    private static void CheckCell(ColumnSpec column, string value, string where)
    {
        if (value.Length == 0)
        {
            Assert.False(column.Required, $"{where}: required but empty");
            return;
        }
        var inv = CultureInfo.InvariantCulture;
        double? number = null;
        switch (column.Kind)
        {
            case ColumnKind.Integer:
                Assert.True(long.TryParse(value, NumberStyles.AllowLeadingSign, inv, out long l), $"{where}: '{value}' is not an integer");
                number = l;
                break;
            case ColumnKind.Number:
                Assert.True(Regex.IsMatch(value, @"^-?\d+\.\d\d$"), $"{where}: '{value}' is not a number with 2 decimals");
                number = double.Parse(value, inv);
                break;
            case ColumnKind.Boolean:
                Assert.True(value is "0" or "1", $"{where}: '{value}' is not 0/1");
                break;
            case ColumnKind.Date:
                Assert.True(DateOnly.TryParseExact(value, "yyyy-MM-dd", inv, DateTimeStyles.None, out _), $"{where}: '{value}' is not yyyy-MM-dd");
                break;
            case ColumnKind.Timestamp:
                Assert.True(DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", inv, DateTimeStyles.None, out _), $"{where}: '{value}' is not yyyy-MM-dd HH:mm:ss");
                break;
            case ColumnKind.Month:
                Assert.True(DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", inv, DateTimeStyles.None, out _) && value.Length == 7, $"{where}: '{value}' is not yyyy-MM");
                break;
        }
        if (number is double x)
        {
            if (column.Min is double min) Assert.True(x >= min, $"{where}: {x} < {min}");
            if (column.Max is double max) Assert.True(x <= max, $"{where}: {x} > {max}");
        }
        if (column.Categories is { } categories)
            Assert.True(categories.Contains(value), $"{where}: '{value}' is not in the code list");
    }

    [Fact]
    public void Ids_are_pseudonymous_sequential_and_referentially_consistent()
    {
        string dir = GenerateInto("a", Small);
        var customers = SimpleCsv.Read(Path.Combine(dir, "customers.csv")).Rows;
        Assert.Equal(Enumerable.Range(1, 800).Select(i => $"C{i:D7}"), customers.Select(r => r[0]));
        var ids = customers.Select(r => r[0]).ToHashSet();
        var tx = SimpleCsv.Read(Path.Combine(dir, "transactions.csv")).Rows;
        Assert.Equal(Enumerable.Range(1, tx.Count).Select(i => $"T{i:D9}"), tx.Select(r => r[0]));
        Assert.All(tx, r => Assert.Contains(r[1], ids));
        var times = tx.Select(r => r[2]).ToArray();
        Assert.True(times.SequenceEqual(times.Order(StringComparer.Ordinal)), "transactions are not in timestamp order");
        Assert.True(string.CompareOrdinal(times[0], "2024-11-01") >= 0 && string.CompareOrdinal(times[^1], "2026-11-01") < 0);
        var campaigns = SimpleCsv.Read(Path.Combine(dir, "campaigns.csv")).Rows;
        Assert.All(campaigns, c => Assert.Contains(c[2], PlantedSegments.Keys));
        var campaignIds = campaigns.Select(c => c[0]).ToHashSet();
        Assert.All(SimpleCsv.Read(Path.Combine(dir, "campaign_assignments.csv")).Rows, a =>
        {
            Assert.Contains(a[0], campaignIds);
            Assert.Contains(a[1], ids);
        });
        Assert.All(tx.Where(r => r[9].Length > 0), r => Assert.Contains(r[9], campaignIds));
        Assert.All(SimpleCsv.Read(Path.Combine(dir, "feedback.csv")).Rows, f => Assert.Contains(f[0], ids));
        var header = SimpleCsv.Read(Path.Combine(dir, "customers.csv")).Header;
        Assert.DoesNotContain(header, h => h.Contains("name") || h.Contains("phone") || h.Contains("email"));
    }
}
