using Segmentation.Data;
using Segmentation.Synthetic;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Data.Tests;

public sealed class SampleDataTests
{
    [Fact]
    public void The_bundled_sample_reconciles_and_its_rejects_are_exactly_the_injected_defects()
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(new DateTime(2026, 10, 31)));
        var truth = ModelJson.Load<GroundTruth>(RepoPaths.Data("sample", "ground_truth.json"));
        Assert.True(ws.Report.Reconciles);
        Assert.Equal(6, ws.Report.Tables.Count);
        foreach (var table in ws.Report.Tables)
        {
            var expected = truth.InjectedDefects.TryGetValue(table.Table, out var byRule) ? byRule.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray() : [];
            Assert.Equal(expected, table.RejectsByRule.ToArray());
            Assert.All(table.Rejects, r => Assert.False(string.IsNullOrEmpty(r.Reason)));
        }
        // The sample declares the rules its planted defects are defects under (the generator's import spec).
        Assert.Equal(SyntheticGenerator.ImportSpecJson, File.ReadAllText(RepoPaths.Data("sample", "schema.json")));
        var clean = SyntheticGenerator.Create(truth.Options with { DefectRate = 0 });
        Assert.Equal(clean.Transactions.Length, ws.Report.For("transactions")!.RowsAccepted);
        Assert.Equal(clean.Customers.Length, ws.Report.For("customers")!.RowsAccepted);
    }
}
