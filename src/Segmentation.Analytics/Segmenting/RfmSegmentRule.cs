namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// One row of the RFM naming table: a customer whose R, F and M scores all fall within the inclusive ranges gets this
/// segment. Rules are tried in order; the first match wins.
/// </summary>
/// <param name="Key">Stable key (<c>champions</c>).</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="RecencyMin">Lowest R score.</param>
/// <param name="RecencyMax">Highest R score.</param>
/// <param name="FrequencyMin">Lowest F score.</param>
/// <param name="FrequencyMax">Highest F score.</param>
/// <param name="MonetaryMin">Lowest M score.</param>
/// <param name="MonetaryMax">Highest M score.</param>
public sealed record RfmSegmentRule(
    string Key, string NameEn, string NameZh,
    int RecencyMin, int RecencyMax, int FrequencyMin, int FrequencyMax, int MonetaryMin, int MonetaryMax)
{
    /// <summary>True if the scores fall within every range.</summary>
    public bool Matches(int r, int f, int m) =>
        r >= RecencyMin && r <= RecencyMax && f >= FrequencyMin && f <= FrequencyMax && m >= MonetaryMin && m <= MonetaryMax;
}
