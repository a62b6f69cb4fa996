namespace Segmentation.Notebooks;

/// <summary>One named RFM segment of a <see cref="RfmSegmentSummary"/>.</summary>
/// <param name="Key">Stable segment key (<c>champions</c>).</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Customers">Customers in the segment.</param>
/// <param name="Share">Customers / all customers.</param>
/// <param name="MeanRecencyDays">Mean recency in days over customers who bought (NaN when none did).</param>
/// <param name="MeanFrequency">Mean frequency (purchase occasions).</param>
/// <param name="MeanMonetary">Mean monetary value.</param>
/// <param name="MonetaryShare">Segment's monetary total / the positive monetary total of all customers.</param>
public sealed record RfmSegmentSummaryRow(string Key, string NameZh, string NameEn, int Customers, double Share,
    double MeanRecencyDays, double MeanFrequency, double MeanMonetary, double MonetaryShare);
