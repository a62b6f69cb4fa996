namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// The additive sums behind one KPI row (one segment, one period), as the engine aggregates them. Adding the rows of all
/// segments gives the total row; every KPI is a ratio of these sums (see <see cref="KpiRow"/>). Money in currency units.
/// </summary>
/// <param name="Customers">Customers of the segment acquired by the period end (first purchase before the period ends).</param>
/// <param name="ActiveCustomers">Customers with ≥ 1 purchase (return rows excluded) in the period.</param>
/// <param name="NewCustomers">Customers whose first purchase ever is in the period.</param>
/// <param name="PreviousActiveCustomers">Customers active in the previous period (the retention base).</param>
/// <param name="RetainedCustomers">Customers active in both the previous and this period.</param>
/// <param name="LiveAtStart">Customers whose last purchase before the period start lies within the churn window W before it (the churn base).</param>
/// <param name="ChurnedCustomers">Customers whose W-th day without a purchase falls in the period (all were live at the start).</param>
/// <param name="RepeatCustomers">Active customers with ≥ 2 purchase occasions (distinct purchase days) in the period.</param>
/// <param name="Orders">Purchase transactions (returns excluded).</param>
/// <param name="GrossSales">Σ purchase amounts (returns excluded).</param>
/// <param name="Revenue">Net revenue: Σ amounts of all transactions dated in the period (returns are negative).</param>
/// <param name="Cost">Σ cost of goods of the period's transactions.</param>
/// <param name="RevenueSquares">Σ over customers of (the customer's net revenue in the period)², for the variance of revenue per customer.</param>
/// <param name="SurveyResponses">Feedback rows dated in the period.</param>
/// <param name="CsatResponses">Responses with a CSAT answer (1–5).</param>
/// <param name="CsatSum">Σ CSAT.</param>
/// <param name="CsatSquares">Σ CSAT².</param>
/// <param name="SatisfiedResponses">Responses with CSAT ≥ 4.</param>
/// <param name="NpsResponses">Responses with a likelihood-to-recommend answer (0–10).</param>
/// <param name="Promoters">NPS answers 9–10.</param>
/// <param name="Detractors">NPS answers 0–6.</param>
/// <param name="Complaints">Responses flagged as a complaint.</param>
/// <param name="Referrals">Σ referred customers reported.</param>
/// <param name="Referrers">Responses reporting ≥ 1 referred customer.</param>
public sealed record KpiCounts(
    long Customers,
    long ActiveCustomers,
    long NewCustomers,
    long PreviousActiveCustomers,
    long RetainedCustomers,
    long LiveAtStart,
    long ChurnedCustomers,
    long RepeatCustomers,
    long Orders,
    double GrossSales,
    double Revenue,
    double Cost,
    double RevenueSquares,
    long SurveyResponses,
    long CsatResponses,
    double CsatSum,
    double CsatSquares,
    long SatisfiedResponses,
    long NpsResponses,
    long Promoters,
    long Detractors,
    long Complaints,
    long Referrals,
    long Referrers)
{
    /// <summary>All zero.</summary>
    public static KpiCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Element-wise sum (money sums rounded to cents, as the engine's exact decimal sums are).</summary>
    public static KpiCounts operator +(KpiCounts a, KpiCounts b) => new(
        a.Customers + b.Customers, a.ActiveCustomers + b.ActiveCustomers, a.NewCustomers + b.NewCustomers,
        a.PreviousActiveCustomers + b.PreviousActiveCustomers, a.RetainedCustomers + b.RetainedCustomers, a.LiveAtStart + b.LiveAtStart,
        a.ChurnedCustomers + b.ChurnedCustomers, a.RepeatCustomers + b.RepeatCustomers, a.Orders + b.Orders,
        Cents(a.GrossSales + b.GrossSales), Cents(a.Revenue + b.Revenue), Cents(a.Cost + b.Cost), a.RevenueSquares + b.RevenueSquares,
        a.SurveyResponses + b.SurveyResponses, a.CsatResponses + b.CsatResponses, a.CsatSum + b.CsatSum, a.CsatSquares + b.CsatSquares,
        a.SatisfiedResponses + b.SatisfiedResponses, a.NpsResponses + b.NpsResponses, a.Promoters + b.Promoters, a.Detractors + b.Detractors,
        a.Complaints + b.Complaints, a.Referrals + b.Referrals, a.Referrers + b.Referrers);

    private static double Cents(double v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);
}
