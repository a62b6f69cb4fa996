using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Statistics;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Next month's buyers, orders and revenue per segment with predictive intervals, and last month's forecast beside what
/// happened. BG/NBD and Gamma-Gamma are fitted on every customer's purchases up to the forecast date (weeks); the intervals
/// come from <see cref="HoldoutPredictiveSimulation"/> over <see cref="ParametricBootstrap"/> draws (parameter uncertainty and
/// the customers' own randomness). Last month's forecast is recomputed by fitting at the previous month end, so no state is stored.
/// </summary>
/// <param name="PeriodEnd">The forecast date (the report month's last day).</param>
/// <param name="HorizonEnd">The last day of the forecast month.</param>
/// <param name="Level">Level of the predictive intervals (0.9).</param>
/// <param name="Reliable">False when the BG/NBD fit is not identified: no forecast is made (<see cref="Reason"/> says why).</param>
/// <param name="Reason">Why there is no forecast (the fit's diagnostics), or null.</param>
/// <param name="Segments">Per segment in definition order (segments without a buying customer left out), then the total; empty when not reliable.</param>
/// <param name="Previous">Last month's forecast per segment (segments of the previous month end) with the actuals; null when there is
/// no previous month in the data or its fit was not reliable (<see cref="PreviousReason"/>).</param>
/// <remarks>
/// Customers are those with a purchase up to the forecast date (new customers of the coming month are not forecast). The month's
/// fits are the churn section's (<see cref="ChurnRiskSummary"/>: the same summary, so they are made once); last month's are made
/// here on every customer's summary, where customers whose first purchase is on that date (T = 0) are left out.
/// The spend model's parameter uncertainty is included when its fit is identified; otherwise (on the bundled sample p → ∞: every
/// customer spends about their own mean) its estimates are used as they are. Simulations are bounded (≈ 1.5 million customer-simulations, 200…1 000 per customer) so the monthly job stays cheap.
/// </remarks>
public sealed record NextPeriodForecast(DateOnly PeriodEnd, DateOnly HorizonEnd, double Level, bool Reliable, string? Reason,
                                        IReadOnlyList<SegmentForecast> Segments, IReadOnlyList<SegmentForecast>? Previous)
{
    /// <summary>Why last month's forecast could not be recomputed although a previous month exists (its BG/NBD fit is not identified,
    /// or too few repeat customers to fit); null when it was recomputed or there is no purchase before the previous month end.</summary>
    public string? PreviousReason { get; init; }

    /// <summary>The diagnostics of the BG/NBD fit at <see cref="PeriodEnd"/> (says which parameter ran to a bound when not reliable).</summary>
    public FitDiagnostics? Diagnostics { get; init; }

    /// <summary>The previous month's last day (the date last month's forecast was made at).</summary>
    public DateOnly PreviousEnd => PreviousEndOf(PeriodEnd);

    /// <summary>The last day of the month before <paramref name="periodEnd"/>'s month.</summary>
    internal static DateOnly PreviousEndOf(DateOnly periodEnd) => new DateOnly(periodEnd.Year, periodEnd.Month, 1).AddDays(-1);

    /// <summary>The predictive intervals' level unless told otherwise.</summary>
    internal const double DefaultLevel = 0.9;

    /// <summary>Parameter draws of the predictive simulation.</summary>
    public const int ParameterDraws = 100;

    /// <summary>
    /// Forecasts the month after <paramref name="periodEnd"/> per segment of <paramref name="assignment"/> and, when
    /// <paramref name="previous"/> (the segments at the previous month end) is given, recomputes last month's forecast and checks it.
    /// </summary>
    /// <param name="engine">The engine holding the validated <c>transactions</c>.</param>
    /// <param name="assignment">Every customer's segment at <paramref name="periodEnd"/>.</param>
    /// <param name="previous">The segments at the previous month end, or null for no check of last month's forecast.</param>
    /// <param name="periodEnd">The forecast date.</param>
    /// <param name="seed">Seed of the fits, draws and simulations.</param>
    /// <param name="level">Level of the predictive intervals.</param>
    /// <param name="churn">The churn models fitted at <paramref name="periodEnd"/> on <paramref name="assignment"/> (same summary and
    /// fits, so the month's models are fitted once); null to fit here.</param>
    public static NextPeriodForecast Compute(ISqlEngine engine, SegmentAssignment assignment, SegmentAssignment? previous, DateOnly periodEnd,
                                             int seed = 0, double level = DefaultLevel, ChurnRiskSummary? churn = null) =>
        Compute(engine, assignment, previous, periodEnd, seed, level, churn, null);

    /// <summary>As the public overload, taking the summaries at <paramref name="periodEnd"/> and at the previous month end from
    /// <paramref name="summaries"/> when it holds them (one pass over the transactions for both) instead of querying each.</summary>
    internal static NextPeriodForecast Compute(ISqlEngine engine, SegmentAssignment assignment, SegmentAssignment? previous, DateOnly periodEnd,
                                               int seed, double level, ChurnRiskSummary? churn, CustomerSummaryAtTwoEnds? summaries,
                                               Task<Fits?>? pastFits = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(assignment);
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "must be in (0, 1).");
        var horizonEnd = periodEnd.AddDays(1).AddMonths(1).AddDays(-1);
        var fitted = churn is { Summary: { } cs } && churn.PeriodEnd == periodEnd ? new Fits(cs, churn.Purchases, churn.Spend) : null;
        var (segments, reason, diagnostics) = Forecast(engine, assignment, periodEnd, horizonEnd, seed, level, withActuals: false, fitted, summaries);
        IReadOnlyList<SegmentForecast>? past = null;
        string? pastReason = null;
        if (previous is not null)
        {
            var previousEnd = PreviousEndOf(periodEnd);
            try
            {
                (past, pastReason, _) = Forecast(engine, previous, previousEnd, periodEnd, seed, level, withActuals: true, pastFits?.GetAwaiter().GetResult(), summaries);
            }
            catch (ArgumentException e)
            {
                pastReason = e.Message;
            }
        }
        return new NextPeriodForecast(periodEnd, horizonEnd, level, segments is not null, reason, segments ?? [], past) { PreviousReason = pastReason, Diagnostics = diagnostics };
    }

    /// <summary>A forecast's summary and fits, made before the forecast needs them: the churn section's at the month end, or
    /// last month's (<see cref="StartPastFits"/>). <see cref="Spend"/> is null when the spend model could not be fitted.</summary>
    internal sealed record Fits(CustomerSummary Summary, BgNbdModel Purchases, GammaGammaModel? Spend);

    /// <summary>
    /// The summary and fits of last month's forecast (at the month end before <paramref name="periodEnd"/>), started on another
    /// thread from the held summaries alone, so that they run while the evaluation reads the KPIs. Null when the summaries do not
    /// hold that month end. The task gives what <see cref="Forecast"/> fits itself, the same models bit for bit (their sums are
    /// combined in a fixed order, whatever the threads): null when nobody bought by then, no spend model when it cannot be fitted,
    /// and the purchase model's own <see cref="ArgumentException"/> (too few repeat customers) when that cannot be.
    /// </summary>
    internal static Task<Fits?>? StartPastFits(CustomerSummaryAtTwoEnds? summaries, DateOnly periodEnd, int seed) =>
        summaries is null ? null : Task.Run(() => FitPast(summaries, periodEnd, seed));

    /// <summary>What <see cref="StartPastFits"/>'s task gives, on the calling thread.</summary>
    internal static Fits? FitPast(CustomerSummaryAtTwoEnds summaries, DateOnly periodEnd, int seed)
    {
        if (summaries.SummaryAt(PreviousEndOf(periodEnd), 7) is not { Count: > 0 } summary) return null;
        var bg = new BgNbdFitter(new BgNbdOptions(Seed: seed)).Fit(summary);
        if (!bg.ProbabilityAliveIsInformative) return new Fits(summary, bg, null);
        GammaGammaModel? spend = null;
        try
        {
            spend = new GammaGammaFitter(new GammaGammaOptions(Seed: seed)).Fit(RepeatWithPositiveSpend(summary));
        }
        catch (ArgumentException)
        {
            // As in Forecast: no spend model.
        }
        return new Fits(summary, bg, spend);
    }

    private static (IReadOnlyList<SegmentForecast>? Rows, string? Reason, FitDiagnostics? Diagnostics) Forecast(ISqlEngine engine, SegmentAssignment assignment, DateOnly end,
                                                                                  DateOnly horizonEnd, int seed, double level, bool withActuals,
                                                                                  Fits? fitted, CustomerSummaryAtTwoEnds? summaries)
    {
        // The churn section's summary holds assignment positions as ids; one built here holds the data's customer keys.
        var summary = fitted?.Summary ?? summaries?.SummaryAt(end, 7) ?? CustomerSummary.FromTransactions(engine, end, 7);
        if (summary.Count == 0) return (null, null, null);  // nothing bought yet: nothing to forecast, nothing to say
        var bg = fitted?.Purchases ?? new BgNbdFitter(new BgNbdOptions(Seed: seed)).Fit(summary);
        if (!bg.ProbabilityAliveIsInformative) return (null, bg.Diagnostics!.Meaning, bg.Diagnostics);
        GammaGammaModel? gg = null;
        try
        {
            var spendFit = fitted is not null ? fitted.Spend : new GammaGammaFitter(new GammaGammaOptions(Seed: seed)).Fit(RepeatWithPositiveSpend(summary));
            if (spendFit is { Q: > 1 }) gg = spendFit;
        }
        catch (ArgumentException)
        {
            // No repeat customer with a positive spend: orders and buyers are still forecast, revenue is not.
        }

        var segmentIndex = assignment.Segments.Select((s, k) => (s.Key, k)).ToDictionary(p => p.Key, p => p.k, StringComparer.Ordinal);
        int n = summary.Count, groupCount = assignment.Segments.Count;
        var groups = new int[n];
        var keys = new string[n];
        if (summary.CustomerKeys is { } customerKeys)
        {
            var position = new Dictionary<string, int>(assignment.Count, StringComparer.Ordinal);
            for (int i = 0; i < assignment.Count; i++) position[assignment.CustomerIds[i]] = segmentIndex[assignment.SegmentKeys[i]];
            for (int i = 0; i < n; i++) { keys[i] = customerKeys[i]; groups[i] = position.TryGetValue(keys[i], out int g) ? g : -1; }
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                int p = checked((int)summary.CustomerIds[i]);
                keys[i] = assignment.CustomerIds[p];
                groups[i] = segmentIndex[assignment.SegmentKeys[p]];
            }
        }

        double horizon = (horizonEnd.DayNumber - end.DayNumber) / 7.0;
        int simulations = Math.Clamp(1_500_000 / n, 200, 1000);
        var bgDraws = ParametricBootstrap.Draw(bg, summary, ParameterDraws, seed);
        // A spend fit that is not identified (e.g. p → ∞ when every customer always spends about the same) has no sampling
        // distribution: its estimates are used as they are, which still gives each customer's expected spend (their own mean).
        GammaGammaModel[]? ggDraws = gg is null ? null
            : gg.Diagnostics is { Identified: false } ? [gg] : ParametricBootstrap.Draw(gg, RepeatWithPositiveSpend(summary), ParameterDraws, seed);
        var sim = HoldoutPredictiveSimulation.Run(bgDraws, ggDraws, summary, horizon, groups, groupCount, simulations, seed, keepCustomerDraws: false);

        var expectedOrders = bg.ConditionalExpectedPurchases(horizon, summary);
        var spend = gg?.ConditionalExpectedAverageSpend(RepeatWithPositiveSpend(summary));
        var customers = new int[groupCount];
        var buyers = new double[groupCount];
        var orders = new double[groupCount];
        var revenue = new double[groupCount];
        for (int i = 0; i < n; i++)
        {
            if (groups[i] < 0) continue;
            customers[groups[i]]++;
            buyers[groups[i]] += ClvScorecard.ProbabilityOfPurchase(bg, horizon, summary.Frequency[i], summary.Recency[i], summary.Age[i]);
            orders[groups[i]] += expectedOrders[i];
            if (spend is not null) revenue[groups[i]] += expectedOrders[i] * spend[i];
        }

        var actualBuyers = new int[groupCount];
        var actualOrders = new int[groupCount];
        var actualRevenue = new double[groupCount];
        if (withActuals)
        {
            var rowOf = new Dictionary<string, int>(n, StringComparer.Ordinal);
            for (int i = 0; i < n; i++) rowOf[keys[i]] = i;
            string? lastCustomer = null;
            foreach (var (id, _, amount) in ClvHoldoutData.Occasions(engine, end, horizonEnd))
            {
                if (!rowOf.TryGetValue(id, out int i) || groups[i] < 0) continue;  // new customers are not part of the forecast
                if (id != lastCustomer) actualBuyers[groups[i]]++;
                lastCustomer = id;
                actualOrders[groups[i]]++;
                actualRevenue[groups[i]] += amount;
            }
        }

        ForecastRange Range(double expected, IEnumerable<double[]> draws)
        {
            var total = new double[simulations];
            foreach (var d in draws) for (int k = 0; k < simulations; k++) total[k] += d[k];
            var (lo, hi) = HoldoutPredictiveSimulation.Interval(total, level);
            return new ForecastRange(expected, lo, hi);
        }
        SegmentForecast Row(string key, int[] members)
        {
            var forecast = new SegmentForecast(key, members.Sum(g => customers[g]),
                Range(members.Sum(g => buyers[g]), members.Select(g => sim.GroupBuyers[g])),
                Range(members.Sum(g => orders[g]), members.Select(g => sim.GroupPurchases[g])),
                sim.GroupRevenue is { } gr ? Range(members.Sum(g => revenue[g]), members.Select(g => gr[g])) : null);
            return withActuals
                ? forecast with { ActualBuyers = members.Sum(g => actualBuyers[g]), ActualOrders = members.Sum(g => actualOrders[g]), ActualRevenue = members.Sum(g => actualRevenue[g]) }
                : forecast;
        }
        var rows = Enumerable.Range(0, groupCount).Where(g => customers[g] > 0).Select(g => Row(assignment.Segments[g].Key, [g])).ToList();
        rows.Add(Row(KpiRow.AllCustomers, Enumerable.Range(0, groupCount).ToArray()));
        return (rows, null, bg.Diagnostics);
    }

    /// <summary>The summary with repeat customers whose repeat days net to ≤ 0 counted as non-repeaters (Gamma-Gamma needs a positive mean).</summary>
    private static CustomerSummary RepeatWithPositiveSpend(CustomerSummary s) =>
        s.MonetaryValue.Select((m, i) => s.Frequency[i] == 0 || m > 0).All(ok => ok)
            ? s
            : s with { Frequency = s.Frequency.Select((f, i) => s.MonetaryValue[i] > 0 ? f : 0).ToArray() };
}
