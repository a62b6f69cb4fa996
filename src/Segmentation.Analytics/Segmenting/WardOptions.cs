using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Segmenting;

/// <summary>Settings of <see cref="WardClustering"/>.</summary>
/// <param name="Clusters">Number of clusters k at which the tree is cut for the model's labels and centroids (1..n).</param>
/// <param name="MaxDegreeOfParallelism">Threads to use (−1 = all). Results do not depend on it.</param>
public sealed record WardOptions(int Clusters = 4, int MaxDegreeOfParallelism = -1)
{
    /// <summary>Checks the options, then the options against <paramref name="data"/>.</summary>
    public void Validate(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(Clusters, 1, nameof(Clusters));
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use −1 (all cores) or a positive thread count.");
        FeatureMatrix.CheckTrainingInput(data, nameof(data));
        if (Clusters > data.Rows)
            throw new ArgumentOutOfRangeException(nameof(Clusters), Clusters, $"k = {Clusters} exceeds the number of rows ({data.Rows}).");
    }
}
