using Segmentation.Analytics.Data;
using Segmentation.Analytics.Data.Sql;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Tests.Features;

namespace Segmentation.Analytics.Tests.Data.ClickHouse;

public sealed class ClickHouseSmokeTests
{
    [Fact]
    public void Smoke()
    {
        using var dir = new TempDirectory();
        FeatureTableTests.WriteHandMadeTables(dir);
        using var duck = DataWorkspace.Load(dir.Path, new IngestOptions(new DateTime(2026, 12, 31)));
        var ws = ClickHouseCluster.Open();
        try
        {
            var report = ws.Load(duck);
            Assert.True(report.Reconciles);
            var snap = new DateTime(2026, 10, 31);
            var a = ws.Query(CustomerAggregateQuery.Render(ws.Dialect, snap));
            Console.WriteLine(a.ToString());
            var f = CustomerFeatureTable.Build(ws, snap, new FeatureTableOptions(Sources: FeatureSources.All));
            Console.WriteLine(f.ToString());
            var g = CustomerFeatureTable.Build(ws.Colocated, snap, new FeatureTableOptions(Sources: FeatureSources.All));
            EngineEquivalenceTests.AssertFramesIdentical(CustomerFeatureTable.Build(duck, snap), f);
            EngineEquivalenceTests.AssertFramesIdentical(f, g);
        }
        finally { ClickHouseCluster.Drop(ws); }
    }
}
