namespace Segmentation.Analytics.Validation;

/// <summary>Bootstrap stability of a segmentation.</summary>
/// <param name="Bootstraps">B, the bootstrap runs.</param>
/// <param name="Segments">Per segment, in segment order.</param>
/// <param name="MeanAdjustedRand">Mean ARI between the original partition and each bootstrap model's partition of all rows.</param>
/// <param name="MinAdjustedRand">The smallest of those ARIs.</param>
public sealed record StabilitySummary(int Bootstraps, EquatableArray<SegmentStability> Segments, double MeanAdjustedRand, double MinAdjustedRand)
{
    /// <summary>True when no segment dissolved.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public bool AllReproduced => Segments.All(s => !s.Dissolved);
}
