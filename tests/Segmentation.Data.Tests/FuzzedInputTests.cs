using System.Text;
using Segmentation.Data;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Tests;

public sealed class FuzzedInputTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);

    /// <summary>
    /// Random truncations, wrong types, stray quotes and random bytes (invalid UTF-8, NUL, control characters) in a
    /// valid file: every row is accepted or rejected with a reason, counts reconcile, and nothing throws.
    /// </summary>
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)]
    [InlineData(6)] [InlineData(7)] [InlineData(8)] [InlineData(9)] [InlineData(10)]
    public void Fuzzed_transactions_reconcile_without_unhandled_exceptions(int seed)
    {
        using var dir = new TempDirectory();
        var clean = dir.File("clean.csv");
        GeneratedTransactions.Write(clean, customers: 50, rows: 400, seed: seed);
        var lines = File.ReadAllLines(clean);
        var rng = new Random(seed * 7919);
        var output = new MemoryStream();
        output.Write(Encoding.UTF8.GetBytes(lines[0] + "\n"));
        int mutated = 0;
        for (int i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var bytes = Encoding.UTF8.GetBytes(line);
            switch (rng.Next(8))
            {
                case 0: // truncate
                    bytes = bytes[..rng.Next(0, bytes.Length)];
                    mutated++;
                    break;
                case 1: // wrong type in a random field
                    var fields = line.Split(',');
                    fields[rng.Next(fields.Length)] = new[] { "abc", "1e999", "-", "2026-99-99", "NaN", "∞", "  " }[rng.Next(7)];
                    bytes = Encoding.UTF8.GetBytes(string.Join(',', fields));
                    mutated++;
                    break;
                case 2: // random bytes spliced in
                    var junk = new byte[rng.Next(1, 12)];
                    rng.NextBytes(junk);
                    int at = rng.Next(0, bytes.Length + 1);
                    bytes = [.. bytes[..at], .. junk, .. bytes[at..]];
                    mutated++;
                    break;
            }
            output.Write(bytes);
            output.WriteByte((byte)'\n');
        }
        var path = dir.File("transactions.csv");
        File.WriteAllBytes(path, output.ToArray());
        Assert.True(mutated > 50);

        using var ws = DataWorkspace.Create(new IngestOptions(AsOf));
        TableIngest ingest;
        try
        {
            ingest = ws.Ingest("transactions", path);
        }
        catch (DataFileException e)
        {
            // Allowed only as a clear, located file-level error (e.g. the encoding guess fell to GB18030 and the
            // header no longer matches); never an unhandled engine exception.
            Assert.Contains("transactions.csv", e.Message);
            return;
        }
        Assert.True(ingest.Reconciles, $"read {ingest.RowsRead} ≠ accepted {ingest.RowsAccepted} + rejected {ingest.Rejects.Count}");
        Assert.True(ingest.RowsRead >= lines.Length - 1 - mutated / 2, $"read {ingest.RowsRead} of {lines.Length - 1} lines");
        Assert.All(ingest.Rejects, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.All(ingest.Rejects, r => Assert.InRange(r.Row, 2, lines.Length + 20));
        var accepted = ws.Table("transactions");
        Assert.Equal(ingest.RowsAccepted, accepted.Rows.Count);
        // Zero amounts are kept as purchase occasions (flagged), never NaN or infinite.
        Assert.All(accepted["amount"].Cast<double?>(), a => Assert.True(a is { } v && double.IsFinite(v)));
        Assert.All(accepted["customer_id"].Cast<string?>(), c => Assert.False(string.IsNullOrEmpty(c)));
    }

    [Fact]
    public void A_file_of_random_bytes_is_a_clear_error_or_all_rejects()
    {
        using var dir = new TempDirectory();
        var bytes = new byte[20_000];
        new Random(42).NextBytes(bytes);
        var path = dir.File("transactions.csv");
        File.WriteAllBytes(path, bytes);
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf));
        var e = Assert.Throws<DataFileException>(() => ws.Ingest("transactions", path));
        Assert.Contains("transactions.csv", e.Message);
        // Said as what it is (binary data), in a short message: never a dump of the bytes as "headers".
        Assert.Contains("not a text file", e.Message);
        Assert.True(e.Message.Length < 600, $"{e.Message.Length} characters");
    }

    [Fact]
    public void An_empty_file_names_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("transactions.csv", "");
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf));
        var e = Assert.Throws<DataFileException>(() => ws.Ingest("transactions", path));
        Assert.Contains("empty", e.Message);
    }
}
