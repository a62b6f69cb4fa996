namespace Segmentation.Analytics.Validation;

/// <summary>Bootstrap stability of one segment (Hennig's clusterboot, see <see cref="ClusterStability"/>).</summary>
/// <param name="Segment">Segment index.</param>
/// <param name="Size">Rows in the segment.</param>
/// <param name="MeanJaccard">Mean best-match Jaccard similarity over the bootstrap runs.</param>
/// <param name="DissolvedRuns">Runs in which the best Jaccard was below the dissolution threshold (0.6).</param>
/// <param name="Runs">Runs that drew at least one of the segment's rows.</param>
/// <param name="Dissolved">True when the mean Jaccard is below the dissolution threshold: the segment is not reproduced.</param>
/// <param name="Level">Hennig's reading of the mean Jaccard.</param>
public sealed record SegmentStability(int Segment, int Size, double MeanJaccard, int DissolvedRuns, int Runs, bool Dissolved, ClusterStabilityLevel Level);
