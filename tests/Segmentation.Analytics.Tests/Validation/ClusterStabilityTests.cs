using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Tests.Segmenting;
using Segmentation.Analytics.Validation;

namespace Segmentation.Analytics.Tests.Validation;

public class ClusterStabilityTests
{
    [Fact]
    public void Well_separated_blobs_are_highly_stable_for_k_means()
    {
        var (x, _) = PlantedBlobs.Gaussian(4, 3, 100, separation: 10, seed: 6);
        var result = ClusterStability.Bootstrap(x, (data, run) => new KMeans(new KMeansOptions(4, 3, Seed: run)).Fit(data), new StabilityOptions(Bootstraps: 20, Seed: 1));
        Assert.All(result.Clusters, c => Assert.True(c.MeanJaccard >= 0.85, result.ToString()));
        Assert.All(result.Clusters, c => Assert.Equal(ClusterStabilityLevel.HighlyStable, c.Level));
        Assert.True(result.MeanAdjustedRand > 0.95, result.ToString());
    }

    [Fact]
    public void Well_separated_blobs_are_highly_stable_for_Ward()
    {
        var (x, _) = PlantedBlobs.Gaussian(3, 2, 80, separation: 10, seed: 7);
        var result = ClusterStability.Bootstrap(x, data => new WardClustering(new WardOptions(3)).Fit(data), new StabilityOptions(Bootstraps: 15, Seed: 2));
        Assert.All(result.Clusters, c => Assert.True(c.MeanJaccard >= 0.85, result.ToString()));
    }

    [Fact]
    public void Segmenting_uniform_noise_is_flagged_as_unstable()
    {
        var x = PlantedBlobs.Uniform(300, 4, seed: 4);
        var result = ClusterStability.Bootstrap(x, (data, run) => new KMeans(new KMeansOptions(6, 1, Seed: run)).Fit(data), new StabilityOptions(Bootstraps: 20, Seed: 3));
        Assert.Contains(result.Clusters, c => c.MeanJaccard < 0.6);
        Assert.False(result.AllReproduced, result.ToString());
    }

    [Fact]
    public void Same_seed_gives_the_same_result()
    {
        var (x, _) = PlantedBlobs.Gaussian(3, 2, 50, 6, seed: 1);
        StabilityResult Run() => ClusterStability.Bootstrap(x, (d, r) => new KMeans(new KMeansOptions(3, 2, Seed: r)).Fit(d), new StabilityOptions(10, Seed: 5));
        Assert.Equal(Run().ToString(), Run().ToString());
    }
}
