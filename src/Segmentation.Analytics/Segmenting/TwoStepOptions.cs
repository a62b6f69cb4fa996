using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Segmenting;

/// <summary>Settings of <see cref="TwoStepClustering"/>.</summary>
/// <param name="Clusters">Final number of clusters k.</param>
/// <param name="MicroClusters">k-means micro-clusters of step 1 (capped at the row count); a few hundred is typical.</param>
/// <param name="Restarts">k-means++ restarts of step 1.</param>
/// <param name="Seed">Seed of step 1.</param>
/// <param name="MaxDegreeOfParallelism">Threads to use (−1 = all). Results do not depend on it.</param>
public sealed record TwoStepOptions(int Clusters = 4, int MicroClusters = 200, int Restarts = 1, int Seed = 0, int MaxDegreeOfParallelism = -1)
{
    /// <summary>Checks the options, then the options against <paramref name="data"/>.</summary>
    public void Validate(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(Clusters, 1, nameof(Clusters));
        ArgumentOutOfRangeException.ThrowIfLessThan(MicroClusters, Clusters, nameof(MicroClusters));
        ArgumentOutOfRangeException.ThrowIfLessThan(Restarts, 1, nameof(Restarts));
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use −1 (all cores) or a positive thread count.");
        FeatureMatrix.CheckTrainingInput(data, nameof(data));
        if (Clusters > data.Rows)
            throw new ArgumentOutOfRangeException(nameof(Clusters), Clusters, $"k = {Clusters} exceeds the number of rows ({data.Rows}).");
    }
}
