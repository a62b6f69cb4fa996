namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// One segment's forecast for a month: buyers (customers with at least one purchase), orders (purchase days, as BG/NBD counts
/// them) and revenue, each with a predictive interval; for a past forecast also what happened.
/// </summary>
/// <param name="Segment">Segment key, or <see cref="KpiRow.AllCustomers"/> for the total.</param>
/// <param name="Customers">Customers with a purchase up to the forecast date in the segment (those the models describe).</param>
/// <param name="Buyers">Expected buyers: Σ P(purchase in the month).</param>
/// <param name="Orders">Expected purchase days: Σ E[Y(month) | x, t_x, T].</param>
/// <param name="Revenue">Expected revenue: Σ E[Y] · E[Z | x, z̄]; null when the spend model could not be used.</param>
/// <param name="ActualBuyers">For a past forecast: customers of the segment who bought in the month; null for the next month.</param>
/// <param name="ActualOrders">For a past forecast: their purchase days in the month.</param>
/// <param name="ActualRevenue">For a past forecast: the amounts of those purchase days.</param>
public sealed record SegmentForecast(string Segment, int Customers, ForecastRange Buyers, ForecastRange Orders, ForecastRange? Revenue,
                                     int? ActualBuyers = null, int? ActualOrders = null, double? ActualRevenue = null)
{
    /// <summary>Whether the actual buyers fell in the interval (null for a forecast not yet checked).</summary>
    public bool? BuyersHit => ActualBuyers is { } a ? Buyers.Contains(a) : null;

    /// <summary>Whether the actual orders fell in the interval.</summary>
    public bool? OrdersHit => ActualOrders is { } a ? Orders.Contains(a) : null;

    /// <summary>Whether the actual revenue fell in the interval (null without a revenue forecast).</summary>
    public bool? RevenueHit => ActualRevenue is { } a && Revenue is { } r ? r.Contains(a) : null;
}
