namespace Segmentation.Synthetic;

/// <summary>One row of feedback.csv: a survey response (at most one per customer and month).</summary>
/// <param name="CustomerNumber">1-based customer number.</param>
/// <param name="Date">Date of the response.</param>
/// <param name="Csat">Satisfaction 1–5.</param>
/// <param name="Nps">Likelihood to recommend 0–10.</param>
/// <param name="Complaint">True if the customer filed a complaint.</param>
/// <param name="ReferredCustomers">Customers referred since the last response.</param>
public sealed record SyntheticFeedback(int CustomerNumber, DateOnly Date, int Csat, int Nps, bool Complaint, int ReferredCustomers)
{
    /// <summary>The customer id, e.g. C0000001.</summary>
    public string CustomerId => SyntheticIds.Customer(CustomerNumber);
}
