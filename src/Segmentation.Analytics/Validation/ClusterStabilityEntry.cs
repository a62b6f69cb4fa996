namespace Segmentation.Analytics.Validation;

/// <summary>Bootstrap stability of one cluster of the original partition.</summary>
/// <param name="Cluster">Cluster label in the original partition.</param>
/// <param name="Size">Rows of the original data in the cluster.</param>
/// <param name="MeanJaccard">γ: mean over bootstrap runs of the largest Jaccard similarity |A ∩ B| / |A ∪ B| between the cluster (restricted to the rows drawn) and any bootstrap cluster.</param>
/// <param name="DissolvedCount">Runs in which that Jaccard was below <see cref="StabilityOptions.DissolvedBelow"/>.</param>
/// <param name="RecoveredCount">Runs in which it was at least <see cref="StabilityOptions.StableFrom"/>.</param>
/// <param name="Runs">Runs in which at least one of the cluster's rows was drawn.</param>
/// <param name="Level">Hennig's reading of γ.</param>
public sealed record ClusterStabilityEntry(int Cluster, int Size, double MeanJaccard, int DissolvedCount, int RecoveredCount, int Runs, ClusterStabilityLevel Level);
