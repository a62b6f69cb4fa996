namespace Segmentation.Synthetic;

/// <summary>A synthetic dataset held in memory: the six tables as typed rows (in file order) and the planted truth.</summary>
/// <param name="Transactions">transactions.csv rows, in timestamp order.</param>
/// <param name="Customers">customers.csv rows, by customer number.</param>
/// <param name="Feedback">feedback.csv rows, in date order.</param>
/// <param name="Campaigns">campaigns.csv rows.</param>
/// <param name="CampaignAssignments">campaign_assignments.csv rows, by campaign then customer.</param>
/// <param name="Market">market.csv rows, by month (total first, then planted segments).</param>
/// <param name="Truth">The planted truth (ground_truth.json).</param>
/// <param name="PlantedSegmentIndex">Index into <see cref="GroundTruth.Segments"/> of each customer's planted segment (element i = customer number i + 1).</param>
public sealed record SyntheticDataset(
    SyntheticTransaction[] Transactions,
    SyntheticCustomer[] Customers,
    SyntheticFeedback[] Feedback,
    SyntheticCampaign[] Campaigns,
    SyntheticCampaignAssignment[] CampaignAssignments,
    SyntheticMarketSize[] Market,
    GroundTruth Truth,
    int[] PlantedSegmentIndex);
