using Microsoft.Data.Analysis;
using Segmentation.Analytics.Profiling;

namespace Segmentation.Analytics.Tests.Profiling;

public sealed class SegmentProfilerTests
{
    /// <summary>Four customers in two segments; every number below is worked out by hand.</summary>
    private static DataFrame HandMade() => new(
        new StringDataFrameColumn("customer_id", ["A", "B", "C", "D"]),
        new DoubleDataFrameColumn("monetary", [10.0, 20, 30, 40]),
        new DoubleDataFrameColumn("age", [20.0, null, 60, 40]),
        new StringDataFrameColumn("gender", ["F", "M", "F", null]));

    private static readonly int[] Labels = [0, 0, 1, 1];

    [Fact]
    public void Hand_made_profile_has_the_hand_computed_means_indices_and_z_scores()
    {
        var p = new SegmentProfiler().Profile(HandMade(), Labels);
        Assert.Equal(4, p.Rows);
        Assert.Equal(["monetary", "age"], p.Population.Select(f => f.Feature));
        var monetary = p.Population[0];
        Assert.Equal(25, monetary.Mean, 12);
        Assert.Equal(Math.Sqrt(125), monetary.StandardDeviation, 12); // √(((−15)² + (−5)² + 5² + 15²) / 4)
        var s0 = p.Segments[0].Feature("monetary")!;
        Assert.Equal(15, s0.Mean, 12);
        Assert.Equal(15, s0.Median, 12);
        Assert.Equal(60, s0.Index, 12);
        Assert.Equal(-10 / Math.Sqrt(125), s0.ZScore, 12);
        Assert.Equal(140, p.Segments[1].Feature("monetary")!.Index, 12);
        // Age: the missing value is left out (population 20, 60, 40: mean 40, sd √(800/3)).
        var age0 = p.Segments[0].Feature("age")!;
        Assert.Equal(1, age0.Count);
        Assert.Equal(50, age0.Index, 12);
        Assert.Equal(-20 / Math.Sqrt(800.0 / 3), age0.ZScore, 12);
        Assert.Equal(125, p.Segments[1].Feature("age")!.Index, 12);
        Assert.Equal(2, p.Segments[0].Size);
        Assert.Equal(0.5, p.Segments[0].Share);
    }

    [Fact]
    public void Value_shares_and_top_features_follow_the_segments()
    {
        var p = new SegmentProfiler().Profile(HandMade(), Labels);
        Assert.Equal(30, p.Segments[0].Value.Revenue!.Value, 12);
        Assert.Equal(0.3, p.Segments[0].Value.RevenueShare!.Value, 12);
        Assert.Equal(0.7, p.Segments[1].Value.RevenueShare!.Value, 12);
        Assert.Null(p.Segments[0].Value.Profit);
        // |z(age)| = 1.22 > |z(monetary)| = 0.89 in segment 0; in segment 1 monetary (0.89) beats age (0.61).
        Assert.Equal(["age", "monetary"], p.Segments[0].TopFeatures);
        Assert.Equal(["monetary", "age"], p.Segments[1].TopFeatures);
    }

    [Fact]
    public void Composition_counts_missing_values_in_the_denominator()
    {
        var p = new SegmentProfiler().Profile(HandMade(), Labels);
        var g0 = p.Segments[0].CompositionOf("gender")!;
        var g1 = p.Segments[1].CompositionOf("gender")!;
        Assert.Equal(["F", "M"], g0.Categories.Select(c => c.Category)); // population order: F (2) before M (1)
        Assert.Equal([0.5, 0.5], g0.Categories.Select(c => c.Share));
        Assert.Equal([0.5, 0.0], g1.Categories.Select(c => c.Share));
        Assert.Equal(0.5, g1.MissingShare);
        Assert.Equal(0.25, g1.PopulationMissingShare);
        Assert.Equal([0.5, 0.25], g1.Categories.Select(c => c.PopulationShare));
    }

    [Fact]
    public void A_label_per_row_is_required()
    {
        var e = Assert.Throws<ArgumentException>(() => new SegmentProfiler().Profile(HandMade(), [0, 1]));
        Assert.Equal("labels", e.ParamName);
    }
}
