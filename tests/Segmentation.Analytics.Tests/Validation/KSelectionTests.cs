using Segmentation.Analytics.Tests.Segmenting;
using Segmentation.Analytics.Validation;

namespace Segmentation.Analytics.Tests.Validation;

public class KSelectionTests
{
    [Fact]
    public void All_indices_agree_on_well_separated_blobs_and_the_explanation_says_so()
    {
        var (x, _) = PlantedBlobs.Gaussian(4, 3, 80, separation: 10, seed: 3);
        var result = KSelection.Evaluate(x, new KSelectionOptions(2, 7, Restarts: 4, GapReferenceSets: 8));
        Assert.Equal(4, result.RecommendedClusters);
        Assert.Equal(6, result.Rows.Count);
        Assert.Equal([4, 4, 4], new[] { result.BySilhouette, result.ByCalinskiHarabasz, result.ByDaviesBouldin });
        Assert.Equal(4, result.ByGap);
        Assert.Equal("k = 4: silhouette, Calinski-Harabasz, Davies-Bouldin and gap agree (all indices agree).", result.Explanation);
        var row4 = result.Rows.Single(r => r.Clusters == 4);
        Assert.Equal(ClusterIndices.CalinskiHarabasz(x, new Segmentation.Analytics.Segmenting.KMeans(new(4, 4)).Fit(x).Predict(x)), row4.CalinskiHarabasz, 9);
        Assert.True(result.Rows.Zip(result.Rows.Skip(1)).All(p => p.First.Inertia >= p.Second.Inertia));
    }

    [Fact]
    public void Explanation_names_disagreeing_indices()
    {
        var x = PlantedBlobs.Uniform(300, 2, seed: 8);
        var result = KSelection.Evaluate(x, new KSelectionOptions(2, 6, Restarts: 3, GapReferenceSets: 5));
        Assert.StartsWith($"k = {result.RecommendedClusters}: ", result.Explanation);
        Assert.Contains("gap says 1 (no cluster structure)", result.Explanation);
    }
}
