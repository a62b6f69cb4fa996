namespace Segmentation.Experiments;

/// <summary>The effect of one arm on one outcome within one segment, with its multiplicity-adjusted p-value.</summary>
/// <param name="Segment">Segment label.</param>
/// <param name="Effect">The arm-vs-control statistics within the segment (raw p-value in <c>Effect.Difference.PValue</c>).</param>
/// <param name="AdjustedPValue">p-value adjusted over the family (all segments × arms of the outcome); NaN when untested.</param>
/// <param name="IsSmall">True when the arm or the control has fewer customers in the segment than the small-segment threshold.</param>
/// <param name="Response">The verdict at the family's α.</param>
public sealed record SegmentEffect(string Segment, ArmEffect Effect, double AdjustedPValue, bool IsSmall, SegmentResponse Response);
