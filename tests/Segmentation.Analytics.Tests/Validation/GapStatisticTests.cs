using Segmentation.Analytics.Tests.Segmenting;
using Segmentation.Analytics.Validation;

namespace Segmentation.Analytics.Tests.Validation;

public class GapStatisticTests
{
    [Theory]
    [InlineData(4, 2, GapReference.PrincipalComponents)]
    [InlineData(4, 2, GapReference.BoundingBox)]
    [InlineData(5, 5, GapReference.PrincipalComponents)]
    [InlineData(5, 5, GapReference.BoundingBox)]
    public void Gap_chooses_the_planted_number_of_blobs(int clusters, int dims, GapReference reference)
    {
        var (x, _) = PlantedBlobs.Gaussian(clusters, dims, 100, separation: 8, seed: 21);
        var result = GapStatistic.Compute(x, new GapStatisticOptions(1, 8, ReferenceSets: 10, Reference: reference, Restarts: 3, Seed: 1));
        Assert.True(result.RuleSatisfied, result.ToString());
        Assert.Equal(clusters, result.ChosenClusters);
    }

    [Fact]
    public void Gap_says_one_cluster_for_uniform_noise()
    {
        var x = PlantedBlobs.Uniform(400, 2, seed: 5);
        var result = GapStatistic.Compute(x, new GapStatisticOptions(1, 6, ReferenceSets: 10, Restarts: 3, Seed: 2));
        Assert.Equal(1, result.ChosenClusters);
    }

    [Fact]
    public void Same_seed_gives_the_same_gaps()
    {
        var (x, _) = PlantedBlobs.Gaussian(3, 2, 60, 8, seed: 2);
        var options = new GapStatisticOptions(1, 5, ReferenceSets: 5, Restarts: 2, Seed: 9);
        Assert.Equal(GapStatistic.Compute(x, options).Gap, GapStatistic.Compute(x, options with { MaxDegreeOfParallelism = 1 }).Gap);
    }
}
