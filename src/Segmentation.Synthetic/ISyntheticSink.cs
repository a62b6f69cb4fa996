namespace Segmentation.Synthetic;

/// <summary>Where the generator puts its rows: CSV files (streamed) or memory. Calls come in this order:
/// customers, campaigns, assignments, then per month transactions and feedback, then market, then truth.</summary>
internal interface ISyntheticSink
{
    void Customers(IReadOnlyList<SyntheticCustomer> rows);
    void Campaigns(IReadOnlyList<SyntheticCampaign> rows);
    void Assignments(IReadOnlyList<SyntheticCampaignAssignment> rows);
    void Transactions(ReadOnlySpan<SyntheticTransaction> rows);
    void Feedback(ReadOnlySpan<SyntheticFeedback> rows);
    void Market(IReadOnlyList<SyntheticMarketSize> rows);
    void Truth(GroundTruth truth);
}
