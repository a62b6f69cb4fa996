namespace Segmentation.Synthetic;

/// <summary>One row of campaign_assignments.csv.</summary>
/// <param name="CampaignId">Campaign id.</param>
/// <param name="CustomerNumber">1-based customer number.</param>
/// <param name="Group">treatment or control.</param>
public sealed record SyntheticCampaignAssignment(string CampaignId, int CustomerNumber, string Group)
{
    /// <summary>The customer id, e.g. C0000001.</summary>
    public string CustomerId => SyntheticIds.Customer(CustomerNumber);
}
