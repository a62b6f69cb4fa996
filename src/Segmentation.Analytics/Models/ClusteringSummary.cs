namespace Segmentation.Analytics.Models;

/// <summary>What the clustering step produced.</summary>
/// <param name="Method">Method actually used (Ward becomes two-step on large data).</param>
/// <param name="WithinSumOfSquares">Σ‖x − c_segment‖² of the training rows to their segment centroid (transformed space).</param>
/// <param name="Iterations">Lloyd iterations of the kept k-means start, or null.</param>
/// <param name="Converged">Whether that start converged, or null.</param>
/// <param name="ReassignedRows">Training rows whose segment (the hierarchical partition of Ward or two-step) differs from their
/// nearest centroid: how many the frozen model's nearest-centroid rule, meant for new customers, would move (0 for k-means).</param>
public sealed record ClusteringSummary(ClusteringMethod Method, double WithinSumOfSquares, int? Iterations, bool? Converged, int ReassignedRows);
