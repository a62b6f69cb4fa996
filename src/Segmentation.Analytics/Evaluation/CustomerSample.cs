namespace Segmentation.Analytics.Evaluation;

/// <summary>The active customers of one segment in one period, one entry each (ordered by customer id): the units the bootstrap of
/// order-based ratios (average order value, purchase frequency) resamples.</summary>
/// <param name="Orders">Purchase transactions of each active customer in the period.</param>
/// <param name="GrossSales">Purchase amount of each active customer in the period (currency).</param>
public sealed record CustomerSample(double[] Orders, double[] GrossSales)
{
    /// <summary>Number of active customers.</summary>
    public int Count => Orders.Length;

    /// <summary>Concatenation (for the total row).</summary>
    public static CustomerSample Concat(IEnumerable<CustomerSample> parts)
    {
        var list = parts.ToArray();
        return new CustomerSample(list.SelectMany(p => p.Orders).ToArray(), list.SelectMany(p => p.GrossSales).ToArray());
    }
}
