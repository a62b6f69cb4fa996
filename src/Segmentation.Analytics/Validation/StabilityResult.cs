using System.Globalization;
using System.Text;

namespace Segmentation.Analytics.Validation;

/// <summary>Result of a bootstrap stability assessment.</summary>
/// <param name="Clusters">Per-cluster stability, by original label.</param>
/// <param name="AdjustedRand">ARI between the original partition and each bootstrap model's partition of all original rows.</param>
/// <param name="MeanAdjustedRand">Mean of <paramref name="AdjustedRand"/>.</param>
public sealed record StabilityResult(IReadOnlyList<ClusterStabilityEntry> Clusters, double[] AdjustedRand, double MeanAdjustedRand)
{
    /// <summary>True when no cluster is <see cref="ClusterStabilityLevel.Dissolved"/>.</summary>
    public bool AllReproduced => Clusters.All(c => c.Level != ClusterStabilityLevel.Dissolved);

    /// <summary>Culture-invariant table.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("cluster  size  mean Jaccard  dissolved  recovered  level\n");
        foreach (var c in Clusters)
            sb.Append(CultureInfo.InvariantCulture, $"{c.Cluster}  {c.Size}  {c.MeanJaccard:F3}  {c.DissolvedCount}/{c.Runs}  {c.RecoveredCount}/{c.Runs}  {c.Level}\n");
        return sb.Append(CultureInfo.InvariantCulture, $"mean ARI vs original = {MeanAdjustedRand:F3} over {AdjustedRand.Length} bootstraps").ToString();
    }
}
