using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Statistics.Intervals;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly;

/// <summary>
/// The numbers of a monthly evaluation as they may leave the building (<c>seg evaluate --json</c>): the same suppression as the
/// report — every count under the minimum group size, and complements so that no total minus the rest gives one back, are
/// null; the hidden segments' amounts, shares and changes are null; KPIs the data cannot measure are null with the reason in
/// <see cref="NotMeasured"/>. Plain records of numbers and names, for any JSON serializer.
/// </summary>
public sealed record EvaluationExport(
    string Month,
    int MinimumGroupSize,
    IReadOnlyList<string> SuppressedSegments,
    IReadOnlyDictionary<string, string> NotMeasured,
    IReadOnlyList<EvaluationExport.SegmentKpis> Kpis,
    EvaluationExport.Windows? BeforeAfterWindows,
    IReadOnlyList<EvaluationExport.SegmentChanges> PeriodOverPeriod,
    IReadOnlyList<EvaluationExport.SegmentChanges> BeforeAfter,
    IReadOnlyList<EvaluationExport.Campaign> Campaigns,
    EvaluationExport.Migration? SegmentMigration,
    IReadOnlyList<EvaluationExport.Drift> DriftIndices,
    IReadOnlyList<EvaluationExport.Churn> ChurnRisk,
    IReadOnlyList<EvaluationExport.Budget> BudgetAllocation)
{
    /// <summary>KPIs of a segment (or "*", all customers) in the report month; null = suppressed or not measured.</summary>
    public sealed record SegmentKpis(string Segment, string Name, long? Customers, long? ActiveCustomers, long? NewCustomers, long? ChurnedCustomers,
                                     double? Revenue, double? Profit, double? RepeatPurchaseRate, double? MeanCsat, double? Nps, double? ReferralRate, double? MarketShare);

    /// <summary>The before/after windows (same length in whole months with data).</summary>
    public sealed record Windows(string Baseline, int BaselineMonths, string Evaluation, int EvaluationMonths);

    /// <summary>One KPI's change; null values for hidden segments.</summary>
    public sealed record Change(string Kpi, double? Reference, double? Current, double? RelativeChange, double? PValue)
    {
        /// <summary>95 % interval of current − reference (the test's; revenue: delta method on the two totals); null without one.</summary>
        public Bounds? Difference { get; init; }

        /// <summary>95 % interval of the relative change (revenue only: delta method); null otherwise.</summary>
        public Bounds? Relative { get; init; }
    }

    /// <summary>An estimate with its interval and the method's name (<see cref="IntervalMethod"/>).</summary>
    public sealed record Bounds(double Estimate, double Lower, double Upper, string Method)
    {
        internal static Bounds? Of(Interval? interval) => interval is { } i && double.IsFinite(i.Lower) && double.IsFinite(i.Upper)
            ? new Bounds(i.Estimate, i.Lower, i.Upper, i.Method.ToString()) : null;
    }

    /// <summary>The intervals of a segment's estimates (see <see cref="SegmentIntervals"/>); null where the estimate is hidden, or its
    /// interval would give a hidden count back (a rate whose denominator is hidden), or it has none.</summary>
    public sealed record SegmentEstimateIntervals(string Segment, Bounds? Customers, Bounds? Share, Bounds? RevenueShare, Bounds? MeanLifetimeValue,
                                                  Bounds? LifetimeValue, Bounds? MeanBuyerLifetimeValue, Bounds? ValueAtRisk, Bounds? AtRiskShare,
                                                  Bounds? RepeatPurchaseRate, Bounds? SatisfiedShare, Bounds? MeanCsat, Bounds? Nps);

    /// <summary>The intervals of the month's estimates at one level, with the same suppression as the numbers.</summary>
    /// <param name="Confidence">Level of every interval (0.95).</param>
    /// <param name="Segments">Per segment, then all customers ("*").</param>
    /// <param name="MigrationRates">Per migration cell the interval of its row share (Clopper-Pearson); null where the count is hidden or
    /// the row's total is under the minimum group size.</param>
    public sealed record EstimateIntervalsExport(double Confidence, IReadOnlyList<SegmentEstimateIntervals> Segments,
                                                 IReadOnlyList<IReadOnlyList<Bounds?>>? MigrationRates);

    /// <summary>The 95 % intervals of the estimates (methods: the report's appendix, <see cref="EstimateIntervals"/>).</summary>
    public EstimateIntervalsExport? Intervals { get; init; }

    /// <summary>The changes of one segment.</summary>
    public sealed record SegmentChanges(string Segment, IReadOnlyList<Change> Changes);

    /// <summary>A campaign's uplift; group sizes under the minimum and everything computed on them null.</summary>
    public sealed record Campaign(string Name, string Target, string? TargetSegment, long? Treated, long? Control, double? ConversionUplift,
                                  double? Lower, double? Upper, double? PValue, double? IncrementalProfit, double Cost, double? Roi, string Evidence);

    /// <summary>The migration matrix with hidden cells null.</summary>
    public sealed record Migration(IReadOnlyList<string> From, IReadOnlyList<string> To, IReadOnlyList<IReadOnlyList<long?>> Counts, long Matched);

    /// <summary>A drift index.</summary>
    public sealed record Drift(string Measure, double Psi, string Level);

    /// <summary>The drift check's recommendation (Stable, Watch, Refit) from the deciding measures; null without a reference.</summary>
    public string? DriftRecommendation { get; init; }

    /// <summary>Bootstrap stability of each segment at training and on this month's buyers (empty when not measured).</summary>
    public IReadOnlyList<Stability> SegmentStability { get; init; } = [];

    /// <summary>Next month's forecast per segment (and last month's beside its actuals), suppressed as in the report: hidden
    /// segments and segments under the minimum, with a complement, are null; null when the run made no forecast.</summary>
    public ForecastExport? Forecast { get; init; }

    /// <summary>The forecast: the forecast date, the month forecast, the interval level, whether the model was reliable (else the reason).</summary>
    public sealed record ForecastExport(string PeriodEnd, string HorizonEnd, double Level, bool Reliable, string? Reason,
                                        IReadOnlyList<ForecastRow> Segments, IReadOnlyList<ForecastRow>? Previous, string? PreviousReason);

    /// <summary>One segment's forecast (expected, lower, upper) and, for last month's, the actuals; null where suppressed.</summary>
    public sealed record ForecastRow(string Segment, int? Customers, ForecastRange? Buyers, ForecastRange? Orders, ForecastRange? Revenue,
                                     int? ActualBuyers, int? ActualOrders, double? ActualRevenue);

    /// <summary>A segment's mean bootstrap Jaccard at training (null when not measured then) and now; whether it decides the recommendation.</summary>
    public sealed record Stability(string Segment, double? TrainingJaccard, double CurrentJaccard, bool Deciding);

    /// <summary>At-risk customers of a segment; hidden ones null.</summary>
    public sealed record Churn(string Segment, long? Customers, long? AtRiskCustomers, double? ValueAtRisk);

    /// <summary>A segment's budget; hidden ones null.</summary>
    public sealed record Budget(string Segment, double? Share, decimal? Amount);

    /// <summary>The export of <paramref name="run"/> with groups under <paramref name="format"/>'s minimum suppressed.</summary>
    public static EvaluationExport Create(MonthlyEvaluation run, ReportFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var c = new ReportContext(run, new MonthlyReportOptions(ReportLanguage.En, format));
        var r = run.Result;
        int k = c.Format.MinimumGroupSize;
        string[] keys = [.. r.Segments.Select(s => s.Key)];
        bool Hide(string key) => c.Suppressed(key);
        // Each count column sums to the total row: small counts hidden with complements, on top of the hidden segments.
        bool[] Column(Func<KpiRow, long> count)
        {
            long[] values = [.. keys.Select(key => Hide(key) ? 0 : count(c.Latest(key)))];
            var hidden = SmallGroupSuppression.Line(values, k);
            return [.. keys.Select((key, i) => Hide(key) || hidden[i])];
        }
        var active = Column(x => x.ActiveCustomers);
        var fresh = Column(x => x.NewCustomers);
        var churned = Column(x => x.ChurnedCustomers);
        double? M(string kpi, double? v) => c.NotMeasured(kpi) is null ? v : null;
        SegmentKpis Row(string key, int i)
        {
            var x = c.Latest(key);
            bool total = key == KpiRow.AllCustomers, hide = !total && Hide(key);
            long? Count(long n, bool[] mask) => total ? n : mask[i] ? null : n;
            return new SegmentKpis(key, c.SegmentName(key), hide ? null : x.Customers, Count(x.ActiveCustomers, active), Count(x.NewCustomers, fresh),
                Count(x.ChurnedCustomers, churned), hide ? null : x.Revenue, hide ? null : M("profit", x.Profit), hide ? null : x.RepeatPurchaseRate,
                hide ? null : M("csat_mean", x.MeanCsat), hide ? null : M("nps", x.Nps), hide ? null : M("referral_rate", x.ReferralRate),
                hide ? null : M("market_share", x.MarketShare));
        }
        var kpis = keys.Select(Row).Append(Row(KpiRow.AllCustomers, -1)).ToArray();
        IReadOnlyList<SegmentChanges> Changes(IEnumerable<KpiComparison> comparisons) => [.. comparisons.Select(cmp => new SegmentChanges(cmp.Segment,
            [.. cmp.Changes.Where(ch => c.NotMeasured(ch.Key) is null).Select(ch => Hide(cmp.Segment) || ch.Key is "customers" or "active_customers" or "new_customers" or "churned_customers"
                && cmp.Segment != KpiRow.AllCustomers && (c.Format.Suppress((long)(ch.Current ?? 0)) || c.Format.Suppress((long)(ch.Reference ?? 0)))
                ? new Change(ch.Key, null, null, null, null)
                : new Change(ch.Key, ch.Reference, ch.Current, ch.RelativeChange, ch.Test?.PValue is { } p && double.IsFinite(p) ? p : null)
                {
                    Difference = Bounds.Of(c.Intervals.Change(cmp.Kind, cmp.Segment, ch.Key)?.Absolute),
                    Relative = Bounds.Of(c.Intervals.Change(cmp.Kind, cmp.Segment, ch.Key)?.Relative),
                })]))];
        var w = r.Windows;
        var windows = w is { Periods.Count: 2 } ? new Windows(w.Periods[0].Label, w.Periods[0].Months, w.Periods[1].Label, w.Periods[1].Months) : null;
        var campaigns = r.Campaigns.Select(u =>
        {
            bool small = c.Format.Suppress(u.TreatedCustomers) || c.Format.Suppress(u.ControlCustomers);
            return new Campaign(u.Campaign.Name, u.Campaign.TargetSegment, c.TargetSegment(u)?.Key,
                small ? null : u.TreatedCustomers, small ? null : u.ControlCustomers, small ? null : u.Conversion.Estimate, small ? null : u.Conversion.Lower,
                small ? null : u.Conversion.Upper, small ? null : u.Conversion.PValue, small || c.NotMeasured("incremental_profit") is not null ? null : u.IncrementalProfit,
                u.Campaign.Cost, small ? null : u.Roi, u.Evidence.ToString());
        }).ToArray();
        Migration? migration = null;
        if (r.Migration is { } m)
        {
            var hidden = SmallGroupSuppression.Matrix([.. m.Counts.Select(row => (IReadOnlyList<long>)row)], k);
            migration = new Migration(m.FromSegments, m.ToSegments, [.. m.Counts.Select((row, i) => (IReadOnlyList<long?>)[.. row.Select((n, j) => hidden[i][j] ? null : (long?)n)])], m.Matched);
        }
        var drift = r.Drift is { } d ? d.Features.Prepend(d.Segments).Concat(d.Windows).Select(p => new Drift(p.Name, p.Index, p.Level.ToString())).ToArray() : [];
        var churn = Array.Empty<Churn>();
        if (r.ChurnRisk is { } risk)
        {
            var segments = risk.Segments.ToArray();
            var atRisk = SmallGroupSuppression.Line([.. segments.Select(s => s.Segment == KpiRow.AllCustomers || Hide(s.Segment) ? 0 : (long)s.AtRiskCustomers)], k);
            churn = [.. segments.Select((s, i) =>
            {
                bool total = s.Segment == KpiRow.AllCustomers, hide = !total && Hide(s.Segment);
                return new Churn(s.Segment, hide ? null : s.Customers, hide || atRisk[i] ? null : s.AtRiskCustomers, hide ? null : s.ValueAtRisk);
            })];
        }
        var budget = r.Budget is { } b ? b.Segments.Select(s => new Budget(s.Segment, Hide(s.Segment) ? null : s.Share, Hide(s.Segment) ? null : s.Amount)).ToArray() : [];
        string[] measurable = ["profit", "csat_mean", "nps", "referral_rate", "market_share"];
        var intervals = IntervalsOf(c, r, k, churn, migration);
        return new EvaluationExport(c.ReportPeriod.Label, k, [.. keys.Where(Hide)],
            measurable.Where(x => c.NotMeasured(x) is not null).ToDictionary(x => x, x => c.NotMeasured(x)!),
            kpis, windows, Changes(r.PeriodOverPeriod), Changes(r.BeforeAfter), campaigns, migration, drift, churn, budget)
        {
            Intervals = intervals,
            Forecast = r.Forecast is { } f ? ForecastOf(c, f) : null,
            DriftRecommendation = r.Drift?.Level.ToString(),
            SegmentStability = r.Drift?.Stability is { } st
                ? [.. st.Segments.Select(x => new Stability(x.Key, double.IsFinite(x.TrainingJaccard) ? x.TrainingJaccard : null, x.CurrentJaccard, x.Deciding))]
                : [],
        };
    }

    private static ForecastExport ForecastOf(ReportContext c, NextPeriodForecast f)
    {
        IReadOnlyList<ForecastRow> Rows(IReadOnlyList<SegmentForecast> rows)
        {
            var hidden = ViewModel.ForecastModel.Hidden(c, rows);
            return [.. rows.Select((s, i) => hidden[i]
                ? new ForecastRow(s.Segment, null, null, null, null, null, null, null)
                : new ForecastRow(s.Segment, s.Customers, s.Buyers, s.Orders, s.Revenue, s.ActualBuyers, s.ActualOrders, s.ActualRevenue))];
        }
        return new ForecastExport(f.PeriodEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            f.HorizonEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), f.Level, f.Reliable, f.Reason,
            Rows(f.Segments), f.Previous is { } p ? Rows(p) : null, f.PreviousReason);
    }

    /// <summary>The intervals, suppressed as the numbers they go with: none for a hidden segment or count, none for a rate whose
    /// denominator (active customers, CSAT or NPS responses) is hidden, none for the at-risk share and value of a hidden at-risk count.</summary>
    private static EstimateIntervalsExport IntervalsOf(ReportContext c, EvaluationResult r, int k, Churn[] churn, Migration? migration)
    {
        var hiddenActive = c.HiddenDenominators(x => x.ActiveCustomers);
        var hiddenCsat = c.HiddenDenominators(x => x.CsatResponses);
        var hiddenNps = c.HiddenDenominators(x => x.NpsResponses);
        Bounds? Measured(string kpi, Interval? interval) => c.NotMeasured(kpi) is null ? Bounds.Of(interval) : null;
        var segments = r.Segments.Select(s => s.Key).Append(KpiRow.AllCustomers).Select(key =>
        {
            var ci = c.Intervals.Segment(key);
            bool total = key == KpiRow.AllCustomers;
            long customers = c.Latest(key).Customers;
            if (!total && (c.Suppressed(key) || c.Format.Suppress(customers)))
                return new SegmentEstimateIntervals(key, null, null, null, null, null, null, null, null, null, null, null, null);
            bool riskShown = churn.FirstOrDefault(x => x.Segment == key) is { AtRiskCustomers: not null };
            return new SegmentEstimateIntervals(key, Bounds.Of(ci.Customers), Bounds.Of(ci.Share), Bounds.Of(ci.RevenueShare),
                Bounds.Of(ci.MeanLifetimeValue), Bounds.Of(ci.LifetimeValue), Bounds.Of(ci.MeanBuyerLifetimeValue),
                riskShown ? Bounds.Of(ci.ValueAtRisk) : null, riskShown ? Bounds.Of(ci.AtRiskShare) : null,
                hiddenActive.Contains(key) ? null : Bounds.Of(ci.RepeatPurchaseRate),
                hiddenCsat.Contains(key) ? null : Measured("satisfied_share", ci.SatisfiedShare),
                hiddenCsat.Contains(key) ? null : Measured("csat_mean", ci.MeanCsat),
                hiddenNps.Contains(key) ? null : Measured("nps", ci.Nps));
        }).ToArray();
        IReadOnlyList<IReadOnlyList<Bounds?>>? rates = null;
        if (r.Migration is { } m && migration is not null && c.Intervals.MigrationRates is { } cells)
            rates = [.. m.Counts.Select((row, i) =>
            {
                // As in the report: only where the count prints and the row's total (which the interval gives back) is not small.
                bool told = row.Sum() + m.Lost[i] >= k;
                return (IReadOnlyList<Bounds?>)[.. row.Select((_, j) => told && migration.Counts[i][j] is not null ? Bounds.Of(cells[i][j]) : null)];
            })];
        return new EstimateIntervalsExport(c.Intervals.Confidence, segments, rates);
    }
}
