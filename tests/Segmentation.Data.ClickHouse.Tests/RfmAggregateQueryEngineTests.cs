using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Segmenting;

namespace Segmentation.Data.ClickHouse.Tests;

/// <summary>The slim RFM aggregate renders for DuckDB, PostgreSQL and ClickHouse with the same result as the full aggregate's columns.</summary>
[Trait("Requires", "ClickHouse")]
[Trait("Requires", "PostgreSQL")]
public sealed class RfmAggregateQueryEngineTests(ThreeEngineFixture data) : IClassFixture<ThreeEngineFixture>
{
    [Theory]
    [MemberData(nameof(ThreeEngineTests.Cases), MemberType = typeof(ThreeEngineTests))]
    public void The_slim_rfm_aggregate_and_its_scores_equal_duckdbs_full_aggregate(string dataSet, string engineName)
    {
        var set = data[dataSet];
        var duck = set.DuckDb;
        var engine = set.Engine(engineName);
        var full = duck.Query(CustomerAggregateQuery.Render(duck.Dialect, set.AsOf));
        var expected = new DataFrame(RfmAggregateQuery.Columns.Select(c => full[c]));
        Frames.AssertIdentical(expected, duck.Query(RfmAggregateQuery.Render(duck.Dialect, set.AsOf)));
        var slim = Frames.SortedById(engine.Query(RfmAggregateQuery.Render(engine.Dialect, set.AsOf)));
        ThreeEngineTests.AssertFramesEqual(expected, slim);

        var model = new RfmScorer(new RfmOptions()).Fit(full);
        Assert.Equal(model, new RfmScorer(new RfmOptions()).Fit(slim));
        var scores = model.ScoreFrame(full);
        ThreeEngineTests.AssertFramesEqual(scores, model.ScoreFrame(slim));
        var inEngine = Frames.SortedById(engine.Query(InEngineAssignment.RenderRfm(engine.Dialect, model, RfmAggregateQuery.Render(engine.Dialect, set.AsOf, "transactions", ordered: false))));
        Assert.Equal(scores["segment_key"].Cast<string>(), inEngine["segment"].Cast<string>());
    }
}
