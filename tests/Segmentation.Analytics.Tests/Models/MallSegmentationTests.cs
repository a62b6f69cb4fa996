using Segmentation.Analytics.Models;
using Segmentation.Analytics.Validation;

namespace Segmentation.Analytics.Tests.Models;

/// <summary>The segmentation model on a real dataset that is not data/sample: Mall customers (age, income, spending).</summary>
public sealed class MallSegmentationTests
{
    private static SegmentationOptions Options(int k, ClusteringMethod method) =>
        new(["age", "income", "spending"], k, Method: method, Seed: 0, Restarts: 10, Validation: new ValidationOptions(Bootstraps: 0));

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Ward_training_labels_are_sklearns_ward_partition_and_the_nearest_centroid_moves_are_counted(int k)
    {
        var frame = MallCustomers.Frame;
        var (model, labels) = new SegmentationModelBuilder(Options(k, ClusteringMethod.Ward)).FitWithLabels(frame);
        var sklearn = MallCustomers.WardLabels(k);
        // The same partition (numbering differs: ours is by size): ARI exactly 1.
        Assert.Equal(1.0, AdjustedRandIndex.Compute(sklearn, labels));
        // How many training rows the frozen model's nearest-centroid rule would move, as the script counts it.
        Assert.Equal(MallCustomers.NearestCentroidMoves(k), model.Clustering.ReassignedRows);
        Assert.True(model.Clustering.ReassignedRows > 0); // Mall is a case where Ward's cut is not a Voronoi partition
        // The training customers keep their Ward segment when assigned, validated or profiled with the saved model …
        var reloaded = Segmentation.Analytics.Models.SegmentationModel.FromJson(model.ToJson(), "mall.json");
        Assert.Equal(labels, reloaded.Assign(frame).Segments);
        Assert.Equal(model.Segments.Select(s => s.Size), reloaded.Profile(frame).Segments.Select(p => p.Size));
        // … while new customers (here: the same rows with one value changed, so another fingerprint) go to the nearest centroid.
        var fresh = MallCustomers.Frame;
        fresh["age"][0] = 20.0;
        var nearest = reloaded.Predict(reloaded.Transform(fresh));
        Assert.Equal(nearest, reloaded.Assign(fresh).Segments);
        int movedAmongUnchanged = Enumerable.Range(1, labels.Length - 1).Count(i => labels[i] != nearest[i]);
        Assert.InRange(movedAmongUnchanged, MallCustomers.NearestCentroidMoves(k) - 1, MallCustomers.NearestCentroidMoves(k));
    }

    [Theory]
    [InlineData(ClusteringMethod.KMeans)]
    [InlineData(ClusteringMethod.Ward)]
    public void Mall_k5_names_mention_income_and_spending_where_they_set_a_segment_apart_and_are_pairwise_distinct(ClusteringMethod method)
    {
        var frame = MallCustomers.Frame;
        var options = Options(5, method) with { FeatureLabels = [new("spending", "消费评分", "spending score")] };
        var (model, labels) = new SegmentationModelBuilder(options).FitWithLabels(frame);
        Assert.Equal(5, model.Segments.Select(s => s.NameZh).Distinct().Count());
        Assert.Equal(5, model.Segments.Select(s => s.NameEn).Distinct().Count());
        Assert.All(model.Segments, s => Assert.DoesNotMatch(@"\(\d+\)|（\d+）", s.NameZh + s.NameEn));
        // Independently of the profiler: each segment's z-score of income and spending from the raw columns (population sd).
        int mentionsBoth = 0;
        foreach (var s in model.Segments)
        {
            bool both = true;
            foreach (var (column, zh, en) in new[] { ("income", "收入", "income"), ("spending", "消费评分", "spending score") })
            {
                var x = frame[column].Cast<double?>().Select(v => v!.Value).ToArray();
                double mean = x.Average(), sd = Math.Sqrt(x.Select(v => (v - mean) * (v - mean)).Average());
                double z = (x.Where((_, i) => labels[i] == s.Segment).Average() - mean) / sd;
                string direction = z > 0 ? "high" : "low";
                // A strong difference (|z| ≥ 1) always names the segment, with its direction.
                if (Math.Abs(z) >= 1)
                {
                    Assert.Contains((z > 0 ? "高" : "低") + zh, s.NameZh);
                    Assert.Contains($"{direction} {en}", s.NameEn, StringComparison.OrdinalIgnoreCase);
                }
                both &= s.NameEn.Contains(en, StringComparison.Ordinal);
            }
            if (both) mentionsBoth++;
        }
        // At least three segments (Mall's high/low income × high/low spending corners) are named by both.
        Assert.True(mentionsBoth >= 3, string.Join("; ", model.Segments.Select(s => s.NameEn)));
    }
}
