using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Features;

/// <summary>
/// The optional tables of the data model the customer feature table reads besides <c>transactions</c>
/// (which is always required).
/// </summary>
/// <param name="Customers">The customer master: demographic, geographic, B2B and psychographic columns, and prospects.</param>
/// <param name="Feedback">Survey and service feedback: CSAT, NPS, complaints, referrals.</param>
/// <param name="CampaignAssignments">Campaign assignments together with the campaigns table (their windows): campaign response rate.</param>
/// <param name="CampaignIds">The transactions carry campaign ids (at least one is not null): without them <c>campaign_share</c> is
/// missing for every customer rather than 0 (a purchase without a campaign id is "no campaign" only when campaigns are recorded).</param>
/// <param name="Categories">The transactions carry product categories: without them <c>category_breadth</c> is missing for every
/// customer, also for those without purchases (with them, a customer without purchases has bought 0 categories).</param>
public sealed record FeatureSources(bool Customers, bool Feedback, bool CampaignAssignments, bool CampaignIds = true, bool Categories = true)
{
    /// <summary>Only the transactions table.</summary>
    public static FeatureSources TransactionsOnly { get; } = new(false, false, false);

    /// <summary>Every optional table.</summary>
    public static FeatureSources All { get; } = new(true, true, true);

    /// <summary>
    /// The tables <paramref name="engine"/> holds (<see cref="ISqlEngine.HasTable"/>), and whether its transactions carry campaign
    /// ids and categories (a <c>LIMIT 1</c> query each). Campaign response needs both <c>campaign_assignments</c> and <c>campaigns</c>.
    /// </summary>
    public static FeatureSources Detect(ISqlEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var d = engine.Dialect;
        bool transactions = engine.HasTable("transactions");
        bool Recorded(string column) =>
            transactions && engine.Query($"SELECT 1 AS found FROM {d.Id("transactions")} WHERE {d.Id(column)} IS NOT NULL LIMIT 1").Rows.Count > 0;
        return new(engine.HasTable("customers"), engine.HasTable("feedback"), engine.HasTable("campaign_assignments") && engine.HasTable("campaigns"),
            Recorded("campaign_id"), Recorded("category"));
    }
}
