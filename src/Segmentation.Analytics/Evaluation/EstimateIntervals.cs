using Segmentation.Analytics.Statistics.Intervals;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// An interval on every estimate of a monthly evaluation that the report prints, with the method chosen per number:
/// <list type="bullet">
/// <item>segment sizes and shares of customers — Wilson on the share (a bootstrap over customers draws each segment's count from
/// Binomial(N, share): Wilson is its closed form with better coverage at small shares; the size is N × the share's bounds);</item>
/// <item>revenue shares — delta method over customers, from the sums the engine returns;</item>
/// <item>CLV (mean per customer, total, value at risk) — BCa bootstrap over the segment's customers (<see cref="BootstrapInterval"/>;
/// the CLV model's parameter uncertainty is not propagated: the fitted BG/NBD of a short export is often not identified);</item>
/// <item>at-risk share, repeat-purchase rate, satisfied share — Wilson; mean CSAT — Student t; NPS — delta method;</item>
/// <item>migration rates (a row's share moving to each column) — Clopper-Pearson, exact for the small counts most cells hold;</item>
/// <item>KPI changes — the comparison's own test interval (<see cref="KpiComparer"/>); revenue's relative and absolute change — delta
/// method on the two totals.</item>
/// </list>
/// </summary>
/// <param name="Confidence">The level of every interval.</param>
/// <param name="Segments">Per segment in definition order, then all customers.</param>
/// <param name="MigrationRates">Per migration cell (row, column) the interval of its row share (<see cref="SegmentMigration.RowShares"/>);
/// null without a migration or for a row without customers.</param>
/// <param name="Changes">Every KPI change with an interval, of every comparison of the result.</param>
/// <remarks>Deterministic: the bootstraps draw from <see cref="Randomness.StreamRandom"/> streams keyed by the seed and the segment's
/// index, so the result is the same on any thread count. Cost: O(B × customers) below <see cref="BootstrapInterval.LargeSample"/>
/// customers per segment, O(customers) above.</remarks>
public sealed record EstimateIntervals(double Confidence, IReadOnlyList<SegmentIntervals> Segments, IReadOnlyList<IReadOnlyList<Interval?>>? MigrationRates,
                                       IReadOnlyList<ChangeInterval> Changes)
{
    /// <summary>The intervals of a segment key (or <see cref="KpiRow.AllCustomers"/>).</summary>
    /// <exception cref="KeyNotFoundException">Unknown key.</exception>
    public SegmentIntervals Segment(string key) =>
        Segments.FirstOrDefault(s => s.Segment == key) ?? throw new KeyNotFoundException($"No intervals for segment '{key}'.");

    /// <summary>The interval of a KPI change, or null when it has none.</summary>
    public ChangeInterval? Change(ComparisonKind kind, string segment, string kpi) =>
        Changes.FirstOrDefault(c => c.Kind == kind && c.Segment == segment && c.Kpi == kpi);

    /// <summary>Computes the intervals of <paramref name="result"/>; <paramref name="assignment"/> is the month-end assignment the
    /// result was computed on (its order is the order of the churn summary's per-customer CLV).</summary>
    /// <param name="result">The evaluation.</param>
    /// <param name="assignment">The assignment of the report month.</param>
    /// <param name="seed">Seed of the bootstraps (default: the evaluation's).</param>
    /// <param name="replicates">Bootstrap replicates (≥ 100).</param>
    /// <param name="confidence">Level in (0, 1).</param>
    /// <exception cref="ArgumentException">The assignment does not match the churn summary's customers.</exception>
    public static EstimateIntervals Compute(EvaluationResult result, SegmentAssignment assignment, int? seed = null,
                                            int replicates = BootstrapInterval.DefaultReplicates, double confidence = Interval.DefaultConfidence)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 100);
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");
        int s0 = seed ?? result.Options.Seed;
        var churn = result.ChurnRisk;
        if (churn is not null && churn.LifetimeValue.Length != assignment.Count)
            throw new ArgumentException($"The assignment has {assignment.Count} customers; the churn summary has {churn.LifetimeValue.Length}.", nameof(assignment));
        int last = result.Kpis.Periods.Count - 1;
        string[] keys = [.. result.Segments.Select(s => s.Key), KpiRow.AllCustomers];
        var total = result.Kpis.Row(KpiRow.AllCustomers, last).Counts;

        // Members of each segment in assignment order (the total: every customer); buyers exclude prospects, who have not bought.
        var members = keys.Select(_ => new List<int>()).ToArray();
        var index = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
        for (int i = 0; i < assignment.Count; i++)
            if (index.TryGetValue(assignment.SegmentKeys[i], out int s)) { members[s].Add(i); members[^1].Add(i); }

        var segments = new SegmentIntervals[keys.Length];
        Parallel.For(0, keys.Length, s =>
        {
            string key = keys[s];
            var x = result.Kpis.Row(key, last).Counts;
            bool isTotal = key == KpiRow.AllCustomers;
            Interval? share = !isTotal && total.Customers > 0 ? ProportionInterval.Wilson(x.Customers, total.Customers, confidence) : null;
            Interval? revenueShare = isTotal ? null : DeltaMethodInterval.ShareOfTotal(x.Revenue, x.RevenueSquares, total.Revenue, total.RevenueSquares, confidence);
            Interval? meanClv = null, clvTotal = null, meanBuyerClv = null, valueAtRisk = null, atRiskShare = null;
            if (churn is not null)
            {
                var all = members[s];
                var buyers = all.Where(i => assignment.SegmentKeys[i] != MonthlyEvaluation.ProspectsKey).ToArray();
                if (buyers.Length > 0)
                {
                    var draws = BootstrapInterval.Means([[.. buyers.Select(i => churn.LifetimeValue[i])], [.. buyers.Select(i => churn.AtRisk[i] ? churn.LifetimeValue[i] : 0)]],
                        s0, (ulong)(2 * s + 2), replicates, confidence);
                    meanBuyerClv = draws[0];
                    // A sampled summary's totals are the sample's means times the segment's buyers (ChurnRiskSummary.ScaledTo).
                    int scale = churn.Sampled ? churn.Segments.First(r => r.Segment == key).Customers : buyers.Length;
                    clvTotal = draws[0].Scale(scale);
                    valueAtRisk = draws[1].Scale(scale);
                }
                // A segment's customers are all buyers (only the prospects are not): the mean over them is the buyers' mean, drawn once.
                if (all.Count > 0)
                    meanClv = all.Count == buyers.Length ? meanBuyerClv
                        : BootstrapInterval.Mean([.. all.Select(i => churn.LifetimeValue[i])], s0, (ulong)(2 * s + 1), replicates, confidence);
                var risk = (churn.SampleSegments ?? churn.Segments).FirstOrDefault(r => r.Segment == key);
                if (risk is { Customers: > 0 }) atRiskShare = ProportionInterval.Wilson(risk.AtRiskCustomers, risk.Customers, confidence);
            }
            segments[s] = new SegmentIntervals(key, share?.Scale(total.Customers) is { } size ? size with { Estimate = x.Customers } : null, share, revenueShare,
                meanClv, clvTotal, meanBuyerClv, valueAtRisk, atRiskShare,
                x.ActiveCustomers > 0 ? ProportionInterval.Wilson(x.RepeatCustomers, x.ActiveCustomers, confidence) : null,
                x.CsatResponses > 0 ? ProportionInterval.Wilson(x.SatisfiedResponses, x.CsatResponses, confidence) : null,
                DeltaMethodInterval.Mean(x.CsatSum, x.CsatSquares, x.CsatResponses, confidence),
                DeltaMethodInterval.NetPromoterScore(x.Promoters, x.Detractors, x.NpsResponses, confidence));
        });

        // A sampled churn summary's totals are stratified (each segment's sample mean times its buyers, summed): the total row's CLV
        // intervals combine the segments' (independent samples) by the root sum of squares of each side's distance to the estimate.
        if (churn is { Sampled: true })
        {
            var parts = segments[..^1];
            var t = segments[^1];
            long buyersAll = churn.Total.Customers, customersAll = total.Customers;
            var clv = Stratified(parts.Select(p => p.LifetimeValue));
            segments[^1] = t with
            {
                LifetimeValue = clv,
                ValueAtRisk = Stratified(parts.Select(p => p.ValueAtRisk)),
                MeanBuyerLifetimeValue = buyersAll > 0 ? clv?.Scale(1.0 / buyersAll) : null,
                MeanLifetimeValue = customersAll > 0 ? clv?.Scale(1.0 / customersAll) : null,
            };
        }

        IReadOnlyList<IReadOnlyList<Interval?>>? migration = result.Migration is { } m
            ? [.. m.Counts.Select((row, i) =>
                {
                    long n = row.Sum() + m.Lost[i];
                    return (IReadOnlyList<Interval?>)[.. row.Select(c => n > 0 ? ProportionInterval.ClopperPearson(c, n, confidence) : null)];
                })]
            : null;

        var changes = new List<ChangeInterval>();
        foreach (var comparison in result.PeriodOverPeriod.Concat(result.YearOverYear).Concat(result.BeforeAfter))
        {
            var table = comparison.Kind == ComparisonKind.BeforeAfter ? result.Windows : result.Kpis;
            foreach (var change in comparison.Changes)
            {
                if (change.Key == "revenue" && table is not null)
                {
                    var a = table.Row(comparison.Segment, comparison.Current.Index).Counts;
                    var b = table.Row(comparison.Segment, comparison.Reference.Index).Counts;
                    var absolute = DeltaMethodInterval.Difference(a.Revenue, a.RevenueSquares, a.Customers, b.Revenue, b.RevenueSquares, b.Customers, confidence);
                    var relative = DeltaMethodInterval.RelativeChange(a.Revenue, a.RevenueSquares, a.Customers, b.Revenue, b.RevenueSquares, b.Customers, confidence);
                    if (absolute is not null || relative is not null) changes.Add(new ChangeInterval(comparison.Kind, comparison.Segment, change.Key, absolute, relative));
                }
                else if (change.Test is { } t && double.IsFinite(t.Lower) && double.IsFinite(t.Upper))
                {
                    changes.Add(new ChangeInterval(comparison.Kind, comparison.Segment, change.Key,
                        new Interval(t.Estimate, t.Lower, t.Upper, t.Confidence, IntervalMethod.ComparisonTest), null));
                }
            }
        }
        return new EstimateIntervals(confidence, segments, migration, changes);
    }

    // The sum of independent estimates: lower (upper) bound at the root sum of squares of the parts' distances to their estimates.
    private static Interval? Stratified(IEnumerable<Interval?> parts)
    {
        var list = parts.OfType<Interval>().ToArray();
        if (list.Length == 0) return null;
        double estimate = list.Sum(p => p.Estimate);
        double below = Math.Sqrt(list.Sum(p => (p.Estimate - p.Lower) * (p.Estimate - p.Lower)));
        double above = Math.Sqrt(list.Sum(p => (p.Upper - p.Estimate) * (p.Upper - p.Estimate)));
        return new Interval(estimate, estimate - below, estimate + above, list[0].Confidence, list[0].Method);
    }
}
