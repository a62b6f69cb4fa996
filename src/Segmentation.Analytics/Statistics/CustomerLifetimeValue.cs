namespace Segmentation.Analytics.Statistics;

/// <summary>
/// Customer lifetime value over a finite horizon: discounted expected margin from BG/NBD expected
/// purchases per month × Gamma-Gamma expected spend (lifetimes' <c>customer_lifetime_value</c>).
/// </summary>
public static class CustomerLifetimeValue
{
    /// <summary>
    /// CLV_i = Σ_{m=1..M} margin × E[Z | x, z̄] × (E[Y(mτ) | x, t_x, T] − E[Y((m−1)τ) | x, t_x, T]) / (1 + d)^m,
    /// with τ = time units per month, d = monthly discount rate, M = horizon in months.
    /// </summary>
    /// <exception cref="ArgumentException">Options are invalid or lengths differ.</exception>
    public static double[] Compute(BgNbdModel purchases, GammaGammaModel spend, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency,
                                   ReadOnlySpan<double> age, ReadOnlySpan<double> monetaryValue, ClvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        options ??= new ClvOptions();
        options.Validate();
        if (monetaryValue.Length != frequency.Length)
            throw new ArgumentException($"monetaryValue has {monetaryValue.Length} values; frequency has {frequency.Length}.", nameof(monetaryValue));
        var expectedSpend = spend.ConditionalExpectedAverageSpend(frequency, monetaryValue);
        var clv = new double[frequency.Length];
        var previous = new double[frequency.Length];
        for (int month = 1; month <= options.HorizonMonths; month++)
        {
            var cumulative = purchases.ConditionalExpectedPurchases(month * options.TimeUnitsPerMonth, frequency, recency, age);
            double discount = Math.Pow(1 + options.MonthlyDiscountRate, month);
            for (int i = 0; i < clv.Length; i++)
                clv[i] += options.MarginShare * expectedSpend[i] * (cumulative[i] - previous[i]) / discount;
            previous = cumulative;
        }
        return clv;
    }

    /// <summary>CLV of every customer of a summary.</summary>
    public static double[] Compute(BgNbdModel purchases, GammaGammaModel spend, CustomerSummary summary, ClvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Compute(purchases, spend, summary.Frequency, summary.Recency, summary.Age, summary.MonetaryValue, options);
    }
}
