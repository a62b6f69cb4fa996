using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Segmenting;

/// <summary>Settings of <see cref="MiniBatchKMeans"/>.</summary>
/// <param name="Clusters">Number of clusters k.</param>
/// <param name="BatchSize">Rows per mini-batch (drawn with replacement).</param>
/// <param name="MaxEpochs">Upper bound on the steps, in passes over the data: steps ≤ MaxEpochs·n / BatchSize.</param>
/// <param name="MaxNoImprovement">Stop after this many steps without improvement of the smoothed batch inertia (scikit-learn's rule).</param>
/// <param name="InitSize">Rows drawn for the k-means++ initialisation (default 3 × BatchSize, at least k).</param>
/// <param name="Seed">Seed of the initialisation and of the batches.</param>
/// <param name="MaxDegreeOfParallelism">Threads for the final full assignment (−1 = all). Results do not depend on it.</param>
public sealed record MiniBatchKMeansOptions(
    int Clusters = 8,
    int BatchSize = 1024,
    int MaxEpochs = 100,
    int MaxNoImprovement = 10,
    int? InitSize = null,
    int Seed = 0,
    int MaxDegreeOfParallelism = -1)
{
    /// <summary>Checks the options, then against <paramref name="data"/>.</summary>
    public void Validate(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(Clusters, 1, nameof(Clusters));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEpochs, 1, nameof(MaxEpochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNoImprovement, 1, nameof(MaxNoImprovement));
        if (InitSize is int s && s < Clusters)
            throw new ArgumentOutOfRangeException(nameof(InitSize), s, $"InitSize must be at least k = {Clusters}.");
        FeatureMatrix.CheckTrainingInput(data, nameof(data));
        if (Clusters > data.Rows)
            throw new ArgumentOutOfRangeException(nameof(Clusters), Clusters, $"k = {Clusters} exceeds the number of rows ({data.Rows}).");
    }
}
