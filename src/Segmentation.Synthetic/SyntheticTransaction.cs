namespace Segmentation.Synthetic;

/// <summary>One row of transactions.csv. Text fields are shared references to the code lists of <see cref="Analytics.Engines.DataModel"/>.</summary>
/// <param name="TransactionNumber">1-based sequence number in timestamp order; the id is T + 9 digits.</param>
/// <param name="CustomerNumber">1-based customer number; the id is C + 7 digits.</param>
/// <param name="Timestamp">Date and time of the purchase or return (whole seconds).</param>
/// <param name="Amount">Amount in currency units, rounded to cents; negative for a return.</param>
/// <param name="Cost">Cost of goods, rounded to cents; 0 for a return (the data model requires cost ≥ 0: returned goods are written off).</param>
/// <param name="Quantity">Items; negative for a return.</param>
/// <param name="Channel">web, app, store or phone.</param>
/// <param name="Category">Product category.</param>
/// <param name="Region">The customer's region.</param>
/// <param name="CampaignId">The campaign a treated customer's purchase in the campaign window belongs to, else null.</param>
/// <param name="IsReturn">True for a return: the full amount and quantity of an earlier purchase of the same customer, negated.</param>
public readonly record struct SyntheticTransaction(
    long TransactionNumber,
    int CustomerNumber,
    DateTime Timestamp,
    double Amount,
    double Cost,
    int Quantity,
    string Channel,
    string Category,
    string Region,
    string? CampaignId,
    bool IsReturn)
{
    /// <summary>The transaction id, e.g. T000000001.</summary>
    public string TransactionId => SyntheticIds.Transaction(TransactionNumber);

    /// <summary>The customer id, e.g. C0000001.</summary>
    public string CustomerId => SyntheticIds.Customer(CustomerNumber);
}
