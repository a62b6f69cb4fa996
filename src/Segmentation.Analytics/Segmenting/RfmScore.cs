namespace Segmentation.Analytics.Segmenting;

/// <summary>The RFM result of one customer.</summary>
/// <param name="R">Recency score, 1..bins (recent = high).</param>
/// <param name="F">Frequency score.</param>
/// <param name="M">Monetary score.</param>
/// <param name="Segment">The named segment (first matching rule).</param>
public sealed record RfmScore(int R, int F, int M, RfmSegmentRule Segment)
{
    /// <summary>The RFM cell, e.g. <c>"545"</c>.</summary>
    public string Cell => $"{R}{F}{M}";
}
