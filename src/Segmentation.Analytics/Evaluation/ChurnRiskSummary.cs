using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Statistics;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// At-risk customers and lifetime value at risk per segment at a period end: the customers' purchase summary (frequency, recency,
/// age in weeks; mean repeat-day spend) is aggregated in the engine, BG/NBD and Gamma-Gamma are fitted on it
/// (<see cref="BgNbdFitter"/>, <see cref="GammaGammaFitter"/>), CLV over 12 months (<see cref="CustomerLifetimeValue"/>) and the churn
/// warning (<see cref="ChurnWarning"/>) are computed per customer and summed per segment.
/// </summary>
/// <param name="PeriodEnd">Last day of the calibration (inclusive).</param>
/// <param name="Purchases">The fitted BG/NBD model (weeks).</param>
/// <param name="Spend">The fitted Gamma-Gamma model.</param>
/// <param name="Segments">Per segment, in definition order, then the total.</param>
/// <param name="LifetimeValue">CLV of every assigned customer in the assignment's order (0 for customers without a purchase).</param>
/// <param name="AtRisk">Churn flag of every assigned customer in the assignment's order.</param>
/// <remarks>
/// P(alive) is used only from a BG/NBD fit that passes its diagnostics (<see cref="BgNbdModel.ProbabilityAliveIsInformative"/>).
/// When the fit is not identified — typically a → 0, b → ∞ on a short export where nobody is seen to drop out, which makes
/// P(alive) ≈ 1 for everyone — customers are flagged by the recency rule alone
/// (<see cref="ChurnWarning.AssessByRecency(ReadOnlySpan{int}, ReadOnlySpan{double}, ReadOnlySpan{double}, ChurnWarningOptions?)"/>),
/// <see cref="UsesProbabilityAlive"/> is false and the segments' mean P(alive) is NaN.
/// </remarks>
public sealed record ChurnRiskSummary(DateOnly PeriodEnd, BgNbdModel Purchases, GammaGammaModel Spend, IReadOnlyList<SegmentChurnRisk> Segments,
                                      double[] LifetimeValue, bool[] AtRisk)
{
    /// <summary>Whether the churn warning used P(alive) (true) or fell back to the recency rule because the BG/NBD fit is not identified (false).</summary>
    public bool UsesProbabilityAlive => Purchases.ProbabilityAliveIsInformative;

    /// <summary>The churn warning's options (P(alive) threshold, rhythm multiple k).</summary>
    public ChurnWarningOptions Warning { get; init; } = new();

    /// <summary>The recency rule's gap (weeks) for customers without a purchase rhythm of their own; null when P(alive) was used.</summary>
    public double? PopulationGapWeeks { get; init; }

    /// <summary>The summary the models were fitted on (weeks; <see cref="CustomerSummary.CustomerIds"/> are positions in the
    /// assignment); null when the record was built by hand. The next-month forecast reuses it and the fits.</summary>
    public CustomerSummary? Summary { get; init; }

    /// <summary>The total row.</summary>
    public SegmentChurnRisk Total => Segments[^1];

    /// <summary>The rows as computed on a sample of customers when <see cref="Segments"/> are estimates for all customers scaled
    /// from it (<see cref="ScaledTo"/>); null when the summary covers every customer.</summary>
    public IReadOnlyList<SegmentChurnRisk>? SampleSegments { get; init; }

    /// <summary>Whether <see cref="Segments"/> are estimated from a sample of the customers (<see cref="SampleSegments"/>): the
    /// per-customer arrays then follow the sample.</summary>
    public bool Sampled => SampleSegments is not null;

    /// <summary>
    /// The summary of a sample of customers (drawn without regard to segment, e.g. by <see cref="InEngineSegments.DrawCustomers"/>)
    /// scaled to the population: each segment's customers become its number of buyers <paramref name="buyers"/>, its at-risk count
    /// (rounded), lifetime value and value at risk are scaled by buyers / sampled buyers, its mean P(alive) is the sample's; the total
    /// row sums the segments (its mean P(alive) weighted by buyers). The summary itself when the sample holds every buyer.
    /// </summary>
    /// <param name="buyers">Customers with a purchase up to the period end per segment key, in the whole population.</param>
    /// <exception cref="ArgumentException">A segment has buyers but none in the sample.</exception>
    public ChurnRiskSummary ScaledTo(IReadOnlyDictionary<string, long> buyers)
    {
        ArgumentNullException.ThrowIfNull(buyers);
        var rows = Segments.Take(Segments.Count - 1).ToArray();
        if (rows.All(r => buyers.GetValueOrDefault(r.Segment) == r.Customers)) return this;
        var scaled = rows.Select(r =>
        {
            long n = buyers.GetValueOrDefault(r.Segment);
            if (n > 0 && r.Customers == 0)
                throw new ArgumentException($"Segment '{r.Segment}' has {n} buyers but none in the sample: its churn figures cannot be estimated.", nameof(buyers));
            double f = r.Customers == 0 ? 0 : (double)n / r.Customers;
            return new SegmentChurnRisk(r.Segment, checked((int)n), checked((int)Math.Round(r.AtRiskCustomers * f)), r.LifetimeValue * f, r.ValueAtRisk * f,
                r.MeanProbabilityAlive);
        }).ToArray();
        long all = scaled.Sum(r => (long)r.Customers);
        double alive = UsesProbabilityAlive && all > 0 ? scaled.Sum(r => r.Customers == 0 ? 0 : r.Customers * r.MeanProbabilityAlive) / all : UsesProbabilityAlive ? 0 : double.NaN;
        var total = new SegmentChurnRisk(Total.Segment, checked((int)all), scaled.Sum(r => r.AtRiskCustomers), scaled.Sum(r => r.LifetimeValue),
            scaled.Sum(r => r.ValueAtRisk), alive);
        return this with { Segments = [.. scaled, total], SampleSegments = Segments };
    }

    /// <summary>Fits the models on the assigned customers' transactions up to <paramref name="periodEnd"/> and sums per segment.</summary>
    public static ChurnRiskSummary Compute(ISqlEngine engine, SegmentAssignment assignment, DateOnly periodEnd,
                                           ChurnWarningOptions? warning = null, ClvOptions? clv = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(assignment);
        EngineTables.Upload(engine, assignment);
        try
        {
            return Compute(engine, assignment, periodEnd, warning, clv, seed, EngineTables.Segments);
        }
        finally
        {
            engine.Execute($"DROP TABLE IF EXISTS {engine.Dialect.Id(EngineTables.Segments)}");
        }
    }

    internal static ChurnRiskSummary Compute(ISqlEngine engine, SegmentAssignment assignment, DateOnly periodEnd,
                                             ChurnWarningOptions? warning, ClvOptions? clv, int seed, string segmentsTable)
    {
        var rows = CustomerSummaryRow.Read(engine, Render(engine.Dialect, periodEnd, segmentsTable));
        return Compute(assignment, periodEnd, rows, warning, clv, seed);
    }

    /// <summary>Fits and sums on customers' summary rows at <paramref name="periodEnd"/> (in ordinal order of the customer id, e.g.
    /// <see cref="CustomerSummaryAtTwoEnds.Later"/>); rows of customers not in <paramref name="assignment"/> are left out.</summary>
    internal static ChurnRiskSummary Compute(SegmentAssignment assignment, DateOnly periodEnd, IReadOnlyList<CustomerSummaryRow> summaryRows,
                                             ChurnWarningOptions? warning, ClvOptions? clv, int seed)
    {
        var rows = new List<(string Id, int Position, int X, int RecencyDays, int AgeDays, double Monetary)>(summaryRows.Count);
        if (Increasing(assignment.CustomerIds.Count, i => assignment.CustomerIds[i]) && Increasing(summaryRows.Count, i => summaryRows[i].Id))
        {
            // Both in customer-id order (as the monthly job's are): a merge finds each row's position without a dictionary of a
            // million strings; the rows keep their order, so the fits see the same input.
            int p = 0;
            foreach (var row in summaryRows)
            {
                while (p < assignment.Count && string.CompareOrdinal(assignment.CustomerIds[p], row.Id) < 0) p++;
                if (p < assignment.Count && assignment.CustomerIds[p] == row.Id) rows.Add((row.Id, p, row.X, row.RecencyDays, row.AgeDays, row.Monetary));
            }
        }
        else
        {
            var position = new Dictionary<string, int>(assignment.Count, StringComparer.Ordinal);
            for (int i = 0; i < assignment.Count; i++) position[assignment.CustomerIds[i]] = i;
            foreach (var row in summaryRows)
                if (position.TryGetValue(row.Id, out int p)) rows.Add((row.Id, p, row.X, row.RecencyDays, row.AgeDays, row.Monetary));
        }
        const double week = 7;
        int n = rows.Count;
        var frequency = rows.Select(x => x.X).ToArray();
        var recency = rows.Select(x => x.RecencyDays / week).ToArray();
        var age = rows.Select(x => Math.Max(x.AgeDays, 1) / week).ToArray();
        var monetary = rows.Select(x => x.Monetary).ToArray();
        var summary = new CustomerSummary(rows.Select(x => (long)x.Position).ToArray(), frequency, recency, age, monetary,
            rows.Select(x => periodEnd.DayNumber - x.AgeDays).ToArray(), rows.Select(x => periodEnd.DayNumber - x.AgeDays + x.RecencyDays).ToArray(),
            periodEnd.DayNumber, week);
        // The two models are independent: the spend model is fitted beside the purchases' (when both fail, the purchases' error is
        // the one reported, as when they were fitted in turn).
        var spendFit = Task.Run(() => new GammaGammaFitter(new GammaGammaOptions(Seed: seed)).Fit(summary));
        BgNbdModel purchases;
        try
        {
            purchases = new BgNbdFitter(new BgNbdOptions(Seed: seed)).Fit(summary);
        }
        catch
        {
            ((Task)spendFit).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
            throw;
        }
        var spend = spendFit.GetAwaiter().GetResult();
        var values = CustomerLifetimeValue.Compute(purchases, spend, summary, clv ?? new ClvOptions());
        var assessment = ChurnWarning.Assess(purchases, summary, warning);  // recency rule alone when P(alive) is not informative

        var lifetime = new double[assignment.Count];
        var atRisk = new bool[assignment.Count];
        var alive = new double[assignment.Count];
        var has = new bool[assignment.Count];
        for (int k = 0; k < n; k++)
        {
            int i = rows[k].Position;
            lifetime[i] = values[k];
            atRisk[i] = assessment.AtRisk[k];
            alive[i] = assessment.ProbabilityAlive[k];
            has[i] = true;
        }
        SegmentChurnRisk Sum(string key, Func<int, bool> member)
        {
            int customers = 0, risk = 0;
            double total = 0, valueAtRisk = 0, aliveSum = 0;
            for (int i = 0; i < assignment.Count; i++)
            {
                if (!has[i] || !member(i)) continue;
                customers++;
                total += lifetime[i];
                aliveSum += alive[i];
                if (atRisk[i]) { risk++; valueAtRisk += lifetime[i]; }
            }
            return new SegmentChurnRisk(key, customers, risk, total, valueAtRisk,
                customers == 0 ? 0 : assessment.UsesProbabilityAlive ? aliveSum / customers : double.NaN);
        }
        var segments = assignment.Segments.Select(s => Sum(s.Key, i => assignment.SegmentKeys[i] == s.Key)).Append(Sum(KpiRow.AllCustomers, _ => true)).ToArray();
        return new ChurnRiskSummary(periodEnd, purchases, spend, segments, lifetime, atRisk) { PopulationGapWeeks = assessment.PopulationGap, Warning = warning ?? new ChurnWarningOptions(), Summary = summary };
    }

    // Strictly increasing in ordinal order (so also free of repeats).
    private static bool Increasing(int count, Func<int, string> id)
    {
        for (int i = 1; i < count; i++)
            if (string.CompareOrdinal(id(i - 1), id(i)) >= 0) return false;
        return true;
    }

    /// <summary>customer_id, x (repeat purchase days), t_x and T in days, mean amount of the repeat purchase days; per assigned customer
    /// with a purchase up to the period end (the caller orders them by customer id).</summary>
    internal static string Render(SqlDialect d, DateOnly periodEnd, string segmentsTable, string transactions = "transactions") =>
        CustomerSummaryQuery.Render(d, periodEnd, null, transactions, $"customer_id IN (SELECT customer_id FROM {d.Id(segmentsTable)})");
}
