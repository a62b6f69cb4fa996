namespace Segmentation.Analytics.Evaluation;

/// <summary>The active customers of one segment in one period, one entry each (ordered by customer id): the units the bootstrap of
/// order-based ratios (average order value, purchase frequency) resamples — or, for a group too large to resample
/// (<see cref="Statistics.Tests.BootstrapTest.LargeSample"/>), only its sums (<see cref="Moments"/>), which the delta method needs.</summary>
/// <param name="Orders">Purchase transactions of each active customer in the period (empty when only <see cref="Moments"/> are carried).</param>
/// <param name="GrossSales">Purchase amount of each active customer in the period (currency; same length).</param>
public sealed record CustomerSample(double[] Orders, double[] GrossSales)
{
    /// <summary>The group's sums without its customers (a group of more than <see cref="Statistics.Tests.BootstrapTest.LargeSample"/>
    /// customers whose comparisons all use the delta method); null when the customers are carried.</summary>
    public RatioMoments? Moments { get; init; }

    /// <summary>Number of active customers.</summary>
    public int Count => Moments is { } m ? checked((int)m.Count) : Orders.Length;

    /// <summary>A sample carrying only the sums of its customers.</summary>
    public static CustomerSample FromMoments(RatioMoments moments) => new([], []) { Moments = moments };

    /// <summary>The sums of the sample (<see cref="Moments"/>, or computed from its customers).</summary>
    public RatioMoments Sums() => Moments ?? RatioMoments.Of(Orders, GrossSales);

    /// <summary>Concatenation (for the total row); the parts' sums when any part carries only sums.</summary>
    public static CustomerSample Concat(IEnumerable<CustomerSample> parts)
    {
        var list = parts.ToArray();
        if (list.Any(p => p.Moments is not null)) return FromMoments(list.Select(p => p.Sums()).Aggregate(RatioMoments.Zero, (a, b) => a + b));
        return new CustomerSample(list.SelectMany(p => p.Orders).ToArray(), list.SelectMany(p => p.GrossSales).ToArray());
    }
}

/// <summary>Sums over a group's active customers of orders o and gross sales g: what the delta-method variance of the ratios
/// Σg/Σo and Σo/n needs (the sums form of <see cref="Statistics.Tests.BootstrapTest"/>.RatioDifference).</summary>
/// <param name="Count">Customers n.</param>
/// <param name="Orders">Σo.</param>
/// <param name="Gross">Σg.</param>
/// <param name="OrdersSquares">Σo².</param>
/// <param name="GrossSquares">Σg².</param>
/// <param name="OrdersGross">Σo·g.</param>
public readonly record struct RatioMoments(long Count, double Orders, double Gross, double OrdersSquares, double GrossSquares, double OrdersGross)
{
    /// <summary>The empty group.</summary>
    public static RatioMoments Zero => default;

    /// <summary>The sums of per-customer orders and gross sales.</summary>
    public static RatioMoments Of(ReadOnlySpan<double> orders, ReadOnlySpan<double> gross)
    {
        double o = 0, g = 0, oo = 0, gg = 0, og = 0;
        for (int i = 0; i < orders.Length; i++) { o += orders[i]; g += gross[i]; oo += orders[i] * orders[i]; gg += gross[i] * gross[i]; og += orders[i] * gross[i]; }
        return new RatioMoments(orders.Length, o, g, oo, gg, og);
    }

    /// <summary>The sums of two disjoint groups.</summary>
    public static RatioMoments operator +(RatioMoments a, RatioMoments b) =>
        new(a.Count + b.Count, a.Orders + b.Orders, a.Gross + b.Gross, a.OrdersSquares + b.OrdersSquares, a.GrossSquares + b.GrossSquares, a.OrdersGross + b.OrdersGross);
}
