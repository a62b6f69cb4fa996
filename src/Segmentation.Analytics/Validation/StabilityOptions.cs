namespace Segmentation.Analytics.Validation;

/// <summary>Settings of <see cref="ClusterStability"/>.</summary>
/// <param name="Bootstraps">B, the number of bootstrap samples (Hennig's default 100; 20–50 are often enough to see instability).</param>
/// <param name="Seed">Seed of the bootstrap draws.</param>
/// <param name="DissolvedBelow">A cluster with mean Jaccard below this is <see cref="ClusterStabilityLevel.Dissolved"/>; also the per-run dissolution threshold.</param>
/// <param name="StableFrom">Mean Jaccard from which a cluster is <see cref="ClusterStabilityLevel.Stable"/>; also the per-run recovery threshold.</param>
/// <param name="HighlyStableFrom">Mean Jaccard from which a cluster is <see cref="ClusterStabilityLevel.HighlyStable"/>.</param>
public sealed record StabilityOptions(int Bootstraps = 50, int Seed = 0, double DissolvedBelow = 0.6, double StableFrom = 0.75, double HighlyStableFrom = 0.85)
{
    /// <summary>Checks the options.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Bootstraps, 1, nameof(Bootstraps));
        if (!(DissolvedBelow > 0 && DissolvedBelow <= StableFrom))
            throw new ArgumentOutOfRangeException(nameof(DissolvedBelow), DissolvedBelow, "Need 0 < DissolvedBelow ≤ StableFrom.");
        if (!(StableFrom <= HighlyStableFrom && HighlyStableFrom <= 1))
            throw new ArgumentOutOfRangeException(nameof(HighlyStableFrom), HighlyStableFrom, "Need StableFrom ≤ HighlyStableFrom ≤ 1.");
    }
}
