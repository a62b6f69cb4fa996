using Segmentation.Analytics.Features;
using Segmentation.Analytics.Validation;
using static Segmentation.Analytics.Tests.Segmenting.ClusteringReference;

namespace Segmentation.Analytics.Tests.Validation;

public class ClusterIndicesTests
{
    public static TheoryData<string> Cases() => new()
    {
        "marketing_z_k2", "marketing_z_k4", "marketing_z_k6", "wholesale_log_k2", "wholesale_log_k4", "wholesale_log_k6", "wholesale_log_singleton",
    };

    private static (FeatureMatrix X, int[] Labels, System.Text.Json.JsonElement Ref) Load(string name)
    {
        var reference = Root.GetProperty("indices").GetProperty(name);
        var x = Matrix(name.StartsWith("marketing") ? "marketing_z" : "wholesale_log");
        return (x, Ints(reference.GetProperty("labels")), reference);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Silhouette_matches_sklearn_on_real_data(string name)
    {
        var (x, labels, reference) = Load(name);
        AssertRelative(reference.GetProperty("silhouette").GetDouble(), Silhouette.Score(x, labels), 1e-9, "silhouette");
        var expected = Doubles(reference.GetProperty("silhouette_samples"));
        var actual = Silhouette.Samples(x, labels);
        for (int i = 0; i < x.Rows; i++) Assert.Equal(expected[i], actual[i], 1e-9);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Calinski_Harabasz_matches_sklearn_on_real_data(string name)
    {
        var (x, labels, reference) = Load(name);
        AssertRelative(reference.GetProperty("calinski_harabasz").GetDouble(), ClusterIndices.CalinskiHarabasz(x, labels), 1e-9, "CH");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Davies_Bouldin_matches_sklearn_on_real_data(string name)
    {
        var (x, labels, reference) = Load(name);
        AssertRelative(reference.GetProperty("davies_bouldin").GetDouble(), ClusterIndices.DaviesBouldin(x, labels), 1e-9, "DB");
    }

    [Fact]
    public void Adjusted_rand_index_matches_sklearn()
    {
        foreach (var c in Root.GetProperty("ari").EnumerateArray())
        {
            var a = Ints(c.GetProperty("a"));
            var b = Ints(c.GetProperty("b"));
            AssertRelative(c.GetProperty("ari").GetDouble(), AdjustedRandIndex.Compute(a, b), 1e-12, "ARI");
            AssertRelative(c.GetProperty("ari").GetDouble(), AdjustedRandIndex.Compute(b, a), 1e-12, "ARI symmetric");
        }
        Assert.Equal(1.0, AdjustedRandIndex.Compute([0, 0, 1, 1, 2], [5, 5, 3, 3, 9]));
    }

    [Fact]
    public void Sampled_silhouette_interval_covers_the_exact_value()
    {
        var (x, labels, reference) = Load("marketing_z_k4");
        double exact = reference.GetProperty("silhouette").GetDouble();
        var estimate = Silhouette.Estimate(x, labels, sampleSize: 400, seed: 3, confidenceLevel: 0.99);
        Assert.InRange(exact, estimate.Lower, estimate.Upper);
        Assert.True(estimate.StandardError is > 0 and < 0.02, estimate.ToString());
        var all = Silhouette.Estimate(x, labels, sampleSize: x.Rows);
        AssertRelative(exact, all.Mean, 1e-9, "sampling every row gives the exact mean");
        Assert.Equal(0, all.StandardError);
    }

    [Fact]
    public void Silhouette_is_the_same_with_one_or_two_threads()
    {
        var (x, labels, _) = Load("marketing_z_k6");
        Assert.Equal(Silhouette.Samples(x, labels, 1), Silhouette.Samples(x, labels, 2));
    }

    [Fact]
    public void Indices_reject_a_single_cluster_naming_labels()
    {
        var x = Wholesale;
        var one = new int[x.Rows];
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Silhouette.Score(x, one)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => ClusterIndices.CalinskiHarabasz(x, one)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => ClusterIndices.DaviesBouldin(x, new int[3])).ParamName);
    }
}
