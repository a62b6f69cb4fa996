namespace Segmentation.Analytics.Models;

/// <summary>How one segment of a refit relates to the previous model (<see cref="SegmentLineage.Matches"/>).</summary>
/// <param name="Segment">Index of the segment in the refit.</param>
/// <param name="PreviousSegment">Index of the previous segment it continues, or null for a new segment.</param>
/// <param name="PreviousKey">Key of that previous segment, or null.</param>
/// <param name="Distance">Distance between the two centroids (previous model's scaled units), or null for a new segment.</param>
/// <param name="NearestPrevious">Index of the nearest previous centroid (for a new segment: the one it was too far from).</param>
/// <param name="NearestDistance">Distance to that nearest previous centroid.</param>
public sealed record SegmentMatch(int Segment, int? PreviousSegment, string? PreviousKey, double? Distance, int NearestPrevious, double NearestDistance)
{
    /// <summary>True when the segment continues a previous one (keeps its key and name).</summary>
    public bool Continued => PreviousSegment is not null;
}
