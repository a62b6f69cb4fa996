using Segmentation.Data;
using Segmentation.Synthetic;

namespace Segmentation.Synthetic.Tests;

public sealed class InjectedDefectTests
{
    [Fact]
    public void Validation_rejects_exactly_the_injected_defects_and_accepts_exactly_the_clean_rows()
    {
        using var dir = new TempDirectory();
        var options = new SyntheticOptions { Customers = 400, Months = 12, Seed = 5, DefectRate = 0.01 };
        var truth = SyntheticGenerator.Generate(options, dir.Path);
        var clean = SyntheticGenerator.Create(options with { DefectRate = 0 });
        Assert.True(truth.InjectedDefects["transactions"].Values.Sum() > 20);

        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(new DateTime(2026, 10, 31)));
        Assert.True(ws.Report.Reconciles);
        foreach (var table in new[] { "transactions", "feedback" })
        {
            var ingest = ws.Report.For(table)!;
            var expected = truth.InjectedDefects[table].OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
            Assert.Equal(expected, ingest.RejectsByRule.Select(kv => new KeyValuePair<string, int>(kv.Key, kv.Value)).ToArray());
        }
        Assert.Equal(clean.Transactions.Length, ws.Report.For("transactions")!.RowsAccepted);
        Assert.Equal(clean.Feedback.Length, ws.Report.For("feedback")!.RowsAccepted);
        Assert.Equal(clean.Transactions.Sum(t => t.Amount), ws.Scalar<double>("SELECT sum(amount) FROM transactions"), 6);
    }

    [Fact]
    public void Clean_rows_are_the_same_with_and_without_defects()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var options = new SyntheticOptions { Customers = 200, Months = 6, Seed = 9 };
        SyntheticGenerator.Generate(options, a.Path);
        SyntheticGenerator.Generate(options with { DefectRate = 0.02 }, b.Path);
        var withDefects = File.ReadAllLines(b.File("transactions.csv"));
        var plain = File.ReadAllLines(a.File("transactions.csv"));
        var plainSet = plain.ToHashSet();
        // Every clean line is there, in order; the extra lines are the defects (a duplicate repeats the line before it).
        Assert.Equal(plain, withDefects.Where((l, i) => plainSet.Contains(l) && (i == 0 || l != withDefects[i - 1])));
        Assert.True(withDefects.Length > plain.Length);
        Assert.Empty(SyntheticGenerator.Create(options).Truth.InjectedDefects);
    }
}
