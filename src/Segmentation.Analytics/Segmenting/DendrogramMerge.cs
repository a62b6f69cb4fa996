namespace Segmentation.Analytics.Segmenting;

/// <summary>One merge of an agglomerative clustering, one row of a scipy linkage matrix.</summary>
/// <param name="Left">Id of the first merged cluster (the smaller id): 0..n−1 are the leaves, n + i the cluster made by merge i.</param>
/// <param name="Right">Id of the second merged cluster (the larger id).</param>
/// <param name="Height">Merge height; for Ward √(2|A||B|/(|A|+|B|))·‖c_A − c_B‖ (scipy's Ward distance).</param>
/// <param name="Size">Leaves (or total leaf weight) under the new cluster.</param>
public sealed record DendrogramMerge(int Left, int Right, double Height, double Size);
