namespace Segmentation.Analytics.Models;

/// <summary>Settings of the refit lineage (<see cref="SegmentLineage"/>): how far a segment's centre may move and still be the same segment.</summary>
/// <param name="MaxDistance">The largest Euclidean distance, in the previous model's clustering space (its scaled units: standard
/// deviations of the previous training data for z-score scaling), between a previous segment's centroid and a new one for the two to be
/// the same segment; null = the default, <see cref="SegmentLineage.DefaultMaxDistance"/> of the previous model.</param>
public sealed record LineageOptions(double? MaxDistance = null)
{
    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">MaxDistance is not a positive finite number.</exception>
    public void Validate()
    {
        if (MaxDistance is double d && !(d > 0 && double.IsFinite(d)))
            throw new ArgumentOutOfRangeException(nameof(MaxDistance), d, "MaxDistance must be a positive finite distance (in the previous model's scaled units).");
    }
}
