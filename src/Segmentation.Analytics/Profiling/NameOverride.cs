namespace Segmentation.Analytics.Profiling;

/// <summary>An analyst's name for a segment, replacing the generated one (kept in the model).</summary>
/// <param name="Segment">Segment index.</param>
/// <param name="Zh">Chinese name.</param>
/// <param name="En">English name.</param>
/// <param name="Description">Replaces the generated description in both languages when given.</param>
public sealed record NameOverride(int Segment, string Zh, string En, string? Description = null);
