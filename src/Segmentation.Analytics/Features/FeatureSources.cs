using Segmentation.Analytics.Data;
using Segmentation.Analytics.Data.Sql;

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
    /// The tables <paramref name="engine"/> has loaded: asks <see cref="DataWorkspace.HasTable"/> /
    /// <see cref="PostgresWorkspace.HasTable"/>, or for another engine probes the table with an empty query.
    /// Campaign response needs both <c>campaign_assignments</c> and <c>campaigns</c>.
    /// </summary>
    public static FeatureSources Detect(ISqlEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return new(Has(engine, "customers"), Has(engine, "feedback"), Has(engine, "campaign_assignments") && Has(engine, "campaigns"));
    }

    private static bool Has(ISqlEngine engine, string table)
    {
        switch (engine)
        {
            case DataWorkspace duck: return duck.HasTable(table);
            case PostgresWorkspace pg: return pg.HasTable(table);
        }
        try
        {
            engine.Query($"SELECT 1 AS present FROM {engine.Dialect.Id(table)} WHERE 1 = 0");
            return true;
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }
}
