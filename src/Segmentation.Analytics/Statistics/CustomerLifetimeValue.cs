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
        // E[Y(t) | x, t_x, T] = E[Y(t) | alive; x, T] · P(alive | x, t_x, T): P(alive) once per customer, the hypergeometric part once
        // per distinct (x, T) and month (days in weeks: a few thousand pairs for a million customers). The products are the same
        // floating-point operations as BgNbdModel.ConditionalExpectedPurchases, so the values are identical.
        var alive = purchases.ProbabilityAlive(frequency, recency, age);
        int n = frequency.Length;
        var pattern = new int[n];
        var index = new Dictionary<(int, double), int>();
        var patternFrequency = new List<int>();
        var patternAge = new List<double>();
        for (int i = 0; i < n; i++)
        {
            if (!index.TryGetValue((frequency[i], age[i]), out int p))
            {
                p = patternFrequency.Count;
                index.Add((frequency[i], age[i]), p);
                patternFrequency.Add(frequency[i]);
                patternAge.Add(age[i]);
            }
            pattern[i] = p;
        }
        var ifAlive = new double[patternFrequency.Count];
        var clv = new double[n];
        var previous = new double[n];
        for (int month = 1; month <= options.HorizonMonths; month++)
        {
            double t = month * options.TimeUnitsPerMonth;
            for (int p = 0; p < ifAlive.Length; p++) ifAlive[p] = purchases.ConditionalExpectedPurchasesIfAlive(t, patternFrequency[p], patternAge[p]);
            double discount = Math.Pow(1 + options.MonthlyDiscountRate, month);
            for (int i = 0; i < n; i++)
            {
                double cumulative = ifAlive[pattern[i]] * alive[i];
                clv[i] += options.MarginShare * expectedSpend[i] * (cumulative - previous[i]) / discount;
                previous[i] = cumulative;
            }
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
