using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Segmenting;

/// <summary>Settings of <see cref="KMeans"/>.</summary>
/// <param name="Clusters">Number of clusters k (≥ 1, ≤ rows).</param>
/// <param name="Restarts">Independent k-means++ starts (scikit-learn's <c>n_init</c>); the run with the lowest inertia is kept.</param>
/// <param name="MaxIterations">Maximum Lloyd iterations per start.</param>
/// <param name="Tolerance">Relative tolerance: a start stops when Σ_j ‖c_j(new) − c_j(old)‖² ≤ Tolerance × mean column variance of the data (as scikit-learn).</param>
/// <param name="Seed">Seed of every random choice (k-means++ draws).</param>
/// <param name="Algorithm">Assignment-step algorithm; all give the same partition.</param>
/// <param name="MaxDegreeOfParallelism">Threads to use (−1 = all). Results do not depend on it.</param>
public sealed record KMeansOptions(
    int Clusters = 8,
    int Restarts = 10,
    int MaxIterations = 300,
    double Tolerance = 1e-4,
    int Seed = 0,
    KMeansAlgorithm Algorithm = KMeansAlgorithm.Auto,
    int MaxDegreeOfParallelism = -1)
{
    /// <summary>Checks the options, then the options against <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or k exceeds the number of rows.</exception>
    /// <exception cref="ArgumentException">The data have no rows or a value that is not finite.</exception>
    public void Validate(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(Clusters, 1, nameof(Clusters));
        ArgumentOutOfRangeException.ThrowIfLessThan(Restarts, 1, nameof(Restarts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1, nameof(MaxIterations));
        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be a finite number ≥ 0.");
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use −1 (all cores) or a positive thread count.");
        FeatureMatrix.CheckTrainingInput(data, nameof(data));
        if (Clusters > data.Rows)
            throw new ArgumentOutOfRangeException(nameof(Clusters), Clusters, $"k = {Clusters} exceeds the number of rows ({data.Rows}).");
    }
}
