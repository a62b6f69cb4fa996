using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Features;

/// <summary>
/// The optional tables of the data model the customer feature table reads besides <c>transactions</c>
/// (which is always required).
/// </summary>
/// <param name="Customers">The customer master: demographic, geographic, B2B and psychographic columns, and prospects.</param>
/// <param name="Feedback">Survey and service feedback: CSAT, NPS, complaints, referrals.</param>
/// <param name="CampaignAssignments">Campaign assignments together with the campaigns table (their windows): campaign response rate.</param>
public sealed record FeatureSources(bool Customers, bool Feedback, bool CampaignAssignments)
{
    /// <summary>Only the transactions table.</summary>
    public static FeatureSources TransactionsOnly { get; } = new(false, false, false);

    /// <summary>Every optional table.</summary>
    public static FeatureSources All { get; } = new(true, true, true);

    /// <summary>
    /// The tables <paramref name="engine"/> holds (<see cref="ISqlEngine.HasTable"/>). Campaign response needs both
    /// <c>campaign_assignments</c> and <c>campaigns</c>.
    /// </summary>
    public static FeatureSources Detect(ISqlEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return new(engine.HasTable("customers"), engine.HasTable("feedback"), engine.HasTable("campaign_assignments") && engine.HasTable("campaigns"));
    }
}
