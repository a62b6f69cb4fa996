using Segmentation.Analytics.Features;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Validation;
using static Segmentation.Analytics.Tests.Segmenting.ClusteringReference;

namespace Segmentation.Analytics.Tests.Segmenting;

public class WardClusteringTests
{
    private static readonly Lazy<WardModel> WholesaleWard = new(() => new WardClustering(new WardOptions(4)).Fit(Wholesale));
    private static readonly Lazy<WardModel> MarketingWard = new(() => new WardClustering(new WardOptions(4)).Fit(Marketing));

    private static WardModel Fitted(string dataset) => dataset == "wholesale_log" ? WholesaleWard.Value : MarketingWard.Value;

    [Fact]
    public void Merge_list_equals_scipy_linkage_on_wholesale()
    {
        var expected = Rows(Root.GetProperty("ward").GetProperty("wholesale_log").GetProperty("linkage"));
        var merges = WholesaleWard.Value.Dendrogram.Merges;
        Assert.Equal(expected.Length, merges.Length);
        for (int i = 0; i < merges.Length; i++)
        {
            Assert.Equal((int)expected[i][0], merges[i].Left);
            Assert.Equal((int)expected[i][1], merges[i].Right);
            AssertRelative(expected[i][2], merges[i].Height, 1e-9, $"height of merge {i}");
            Assert.Equal(expected[i][3], merges[i].Size);
        }
    }

    [Fact]
    public void Merge_heights_equal_scipy_on_marketing()
    {
        var top = Rows(Root.GetProperty("ward").GetProperty("marketing_z").GetProperty("linkage")).TakeLast(20).ToArray();
        var ours = MarketingWard.Value.Dendrogram.Merges.TakeLast(20).ToArray();
        for (int i = 0; i < 20; i++) Assert.Equal(top[i][3], ours[i].Size);
        // marketing has duplicate rows (zero-height merges in any order), so compare the sorted heights.
        var expected = Rows(Root.GetProperty("ward").GetProperty("marketing_z").GetProperty("linkage")).Select(r => r[2]).ToArray();
        var actual = MarketingWard.Value.Dendrogram.Heights;
        for (int i = 0; i < actual.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-9 * Math.Abs(expected[i]) + 1e-12, $"height {i}: {expected[i]:R} vs {actual[i]:R}");
    }

    [Theory]
    [InlineData("wholesale_log")]
    [InlineData("marketing_z")]
    public void Cut_labels_equal_scipy_fcluster_and_partition_equals_sklearn_for_k_2_to_8(string dataset)
    {
        var tree = Fitted(dataset).Dendrogram;
        var reference = Root.GetProperty("ward").GetProperty(dataset);
        for (int k = 2; k <= 8; k++)
        {
            var labels = tree.CutTree(k);
            var fcluster = Ints(reference.GetProperty("fcluster").GetProperty(k.ToString())).Select(v => v - 1).ToArray();
            // Same numbering as fcluster where the node ids agree (no tied heights: wholesale); marketing's duplicate
            // rows make zero-height merges whose order, and so the ids of later nodes, is arbitrary: same partition.
            if (dataset == "wholesale_log") Assert.Equal(fcluster, labels);
            Assert.Equal(1.0, AdjustedRandIndex.Compute(fcluster, labels));
            var sklearn = Ints(reference.GetProperty("sklearn").GetProperty(k.ToString()));
            Assert.Equal(1.0, AdjustedRandIndex.Compute(sklearn, labels));
        }
    }

    [Fact]
    public void Model_centroids_are_the_cluster_means_and_json_round_trips()
    {
        var x = Wholesale;
        var model = Fitted("wholesale_log").Recut(x, 3);
        Assert.Equal(3, model.SegmentCount);
        for (int j = 0; j < 3; j++)
            for (int t = 0; t < x.Columns; t++)
            {
                var rows = Enumerable.Range(0, x.Rows).Where(i => model.Labels[i] == j).ToArray();
                Assert.Equal(rows.Average(i => x[i, t]), model.Centroids[j][t], 1e-12);
            }
        AssertRelative(ClusterIndices.Inertia(x, model.Labels.AsSpan()), model.WithinSumOfSquares, 1e-12, "within SS");
        var back = WardModel.FromJson(model.ToJson());
        Assert.Equal(model.ToJson(), back.ToJson());
        Assert.Equal(model.Predict(x), back.Predict(x));
    }

    [Fact]
    public void Result_does_not_depend_on_the_thread_count()
    {
        var (x, _) = PlantedBlobs.Gaussian(5, 3, 1000, 6, seed: 4); // 5 000 rows: the parallel scan path is used
        var one = new WardClustering(new WardOptions(5, MaxDegreeOfParallelism: 1)).Fit(x);
        var two = new WardClustering(new WardOptions(5, MaxDegreeOfParallelism: 2)).Fit(x);
        Assert.Equal(one.ToJson(), two.ToJson());
    }

    [Fact]
    public void Two_step_with_one_row_per_micro_cluster_is_exact_Ward()
    {
        var x = Wholesale;
        var tree = Fitted("wholesale_log").Dendrogram;
        for (int k = 2; k <= 8; k++)
        {
            var model = new TwoStepClustering(new TwoStepOptions(k, MicroClusters: x.Rows)).Fit(x);
            Assert.Equal(x.Rows, model.MicroCentroids.Length);
            Assert.Equal(1.0, AdjustedRandIndex.Compute(tree.CutTree(k), model.Predict(x)));
        }
    }

    [Fact]
    public void Two_step_recovers_planted_blobs()
    {
        var (x, truth) = PlantedBlobs.Gaussian(6, 4, 2000, 10, seed: 9);
        var model = new TwoStepClustering(new TwoStepOptions(6, MicroClusters: 150, Seed: 2)).Fit(x);
        Assert.Equal(1.0, AdjustedRandIndex.Compute(truth, model.Predict(x)));
        Assert.Equal(x.Rows, model.ClusterSizes.Sum());
    }

    [Fact]
    public void Bad_options_name_the_parameter()
    {
        Assert.Equal("Clusters", Assert.Throws<ArgumentOutOfRangeException>(() => new WardClustering(new WardOptions(0)).Fit(Wholesale)).ParamName);
        Assert.Equal("Clusters", Assert.Throws<ArgumentOutOfRangeException>(() => new WardClustering(new WardOptions(441)).Fit(Wholesale)).ParamName);
        Assert.Equal("MicroClusters", Assert.Throws<ArgumentOutOfRangeException>(() => new TwoStepClustering(new TwoStepOptions(5, MicroClusters: 4)).Fit(Wholesale)).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => WardClustering.Tree(Wholesale, new double[440])).ParamName);
    }
}
