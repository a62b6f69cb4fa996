using Microsoft.Data.Analysis;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Randomness;
using Segmentation.Analytics.Validation;

namespace Segmentation.Analytics.Tests.Evaluation;

/// <summary>
/// The stability part of the refit rule on planted data: a model of three well-separated groups is still reproduced by a later
/// month drawn from the same groups, and no longer when two of its groups have merged into one cloud (the frozen centroids then
/// cut a single group in two, which refits on bootstrap samples do not repeat).
/// </summary>
public sealed class StabilityDriftTests
{
    private static readonly (double X, double Y)[] Centres = [(0, 0), (10, 0), (0, 10)];

    /// <summary>Customers around the given centres (σ = 1), <paramref name="perGroup"/> each.</summary>
    private static DataFrame Customers((double X, double Y)[] centres, int perGroup, int seed)
    {
        var random = new StreamRandom(seed);
        int n = centres.Length * perGroup;
        var id = new StringDataFrameColumn("customer_id", n);
        var x = new DoubleDataFrameColumn("x", n);
        var y = new DoubleDataFrameColumn("y", n);
        for (int i = 0; i < n; i++)
        {
            var c = centres[i / perGroup];
            id[i] = $"C{i:D5}";
            x[i] = c.X + random.Normal();
            y[i] = c.Y + random.Normal();
        }
        return new DataFrame(id, x, y);
    }

    private static SegmentationModel Fit() =>
        new SegmentationModelBuilder(new SegmentationOptions(["x", "y"], 3, Seed: 7, Restarts: 5, Validation: new ValidationOptions(Bootstraps: 10)))
            .Fit(Customers(Centres, 300, seed: 1));

    [Fact]
    public void Segments_of_the_same_groups_a_month_later_are_reproduced_and_decide_nothing()
    {
        var model = Fit();
        var later = Customers(Centres, 250, seed: 2);

        var drift = StabilityDrift.Measure(model, model.Transform(later));

        Assert.Equal(3, drift.Segments.Count);
        Assert.All(drift.Segments, s => Assert.True(s.CurrentJaccard > 0.9, $"{s.Key}: {s.CurrentJaccard}"));
        Assert.All(drift.Segments, s => Assert.True(s.TrainingJaccard > 0.9, $"{s.Key}: {s.TrainingJaccard}"));
        Assert.Equal(DriftLevel.Stable, drift.Level);
        Assert.Equal(750, drift.Rows);
    }

    [Fact]
    public void Two_groups_merged_into_one_dissolve_their_segments_and_decide_refit()
    {
        var model = Fit();
        // A month later the groups at (10, 0) and (0, 10) have moved together to (7, 7); the third group is where it was, and a
        // new, separate group appeared so that k = 3 refits still find three clusters — one of which the frozen model does not have.
        var later = Customers([(0, 0), (7, 7), (7, 7), (20, 20)], 200, seed: 3);

        var drift = StabilityDrift.Measure(model, model.Transform(later));

        Assert.Equal(DriftLevel.Refit, drift.Level);
        Assert.Contains(drift.Segments, s => s.CurrentJaccard < StabilityDrift.DissolvedBelow);
        // The group that stayed put is still reproduced.
        int stayed = model.Predict(model.Transform(Customers([(0, 0)], 1, seed: 4)))[0];
        Assert.True(drift.Segments[stayed].CurrentJaccard > 0.75, $"{drift.Segments[stayed].CurrentJaccard}");
        // The same numbers for the same model and data (seeded by the model).
        Assert.Equal(drift.Segments.Select(s => s.CurrentJaccard), StabilityDrift.Measure(model, model.Transform(later)).Segments.Select(s => s.CurrentJaccard));
    }

    [Fact]
    public void A_segment_unstable_at_training_is_shown_but_does_not_decide()
    {
        var model = Fit();
        var flagged = model with { Segments = model.Segments.Select((s, i) => i == 0 ? s with { Unstable = true } : s).ToEquatableArray() };
        var later = Customers(Centres, 250, seed: 2);
        var drift = StabilityDrift.Measure(flagged, flagged.Transform(later));
        Assert.False(drift.Segments[0].Deciding);
        Assert.True(drift.Segments[1].Deciding);
        var level = new StabilityDrift(drift.Bootstraps, drift.Rows,
            [drift.Segments[0] with { CurrentJaccard = 0.2 }, .. drift.Segments.Skip(1)], drift.MeanAdjustedRand).Level;
        Assert.Equal(DriftLevel.Stable, level);
    }
}
