using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Statistics;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// The one entry point of the evaluation of segment-based management for a month: uploads the segment assignment once, then
/// computes the KPI table (with CLV from the churn models), period-over-period, year-over-year and before/after comparisons,
/// campaign uplift, migration, drift, the churn warning summary, the playbook strategies and the budget split.
/// </summary>
public static class EffectEvaluator
{
    /// <summary>Evaluates <paramref name="assignment"/> on the data in <paramref name="engine"/>.</summary>
    /// <exception cref="ArgumentException">Options are invalid.</exception>
    public static EvaluationResult Evaluate(ISqlEngine engine, SegmentAssignment assignment, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var kpiOptions = options.Kpi;
        var periods = kpiOptions.ResolvedPeriods;
        int last = periods.Count - 1, yearBack = 12 / (int)options.Cycle;
        var monthEnd = periods[^1].End;

        // Segments source: the assignment uploaded here, or an engine table the caller made (InEngineSegments, kept afterwards).
        string segmentsTable = options.SegmentsTable ?? EngineTables.Segments;
        if (options.SegmentsTable is null) EngineTables.Upload(engine, assignment);
        Task<NextPeriodForecast.Fits?>? pastFits = null;
        try
        {
            // The customer summaries at the month end (churn, next month's forecast) and, for last month's forecast (a monthly cycle
            // only), at the previous month end, in one pass over the transactions.
            // A sampled assignment (segments kept in the engine): only the sample's summaries are read, the models fitted on them
            // and the churn figures scaled to the segments' buyers; the CLV enters the KPI table as per-segment totals.
            var previousSegments = options.Cycle == ReportingCycle.Monthly ? options.PreviousAssignment : null;
            var population = options.SegmentCounts;
            DateOnly? earlierEnd = previousSegments is null ? null : NextPeriodForecast.PreviousEndOf(monthEnd);
            var summaries = population is not null ? CustomerSummaryAtTwoEnds.ReadOf(engine, monthEnd, options.SampleTable!)
                : (options.HeldSummaries is { } held && held.LaterEnd == monthEnd && held.EarlierEnd == NextPeriodForecast.PreviousEndOf(monthEnd)
                    ? held.Read(withEarlier: earlierEnd is not null) : null) is { } fromHeld ? fromHeld
                : options.CustomerSummaries is { } table && table.LaterEnd == monthEnd && table.EarlierEnd == NextPeriodForecast.PreviousEndOf(monthEnd)
                    ? CustomerSummaryAtTwoEnds.ReadTable(engine, monthEnd, earlierEnd, table.Name)
                : CustomerSummaryAtTwoEnds.Read(engine, monthEnd, earlierEnd);
            // The churn models are fitted in .NET from the summaries alone, while the engine reads the KPI sums: the two overlap. Each
            // gives what it gives alone (the fits' sums are combined in a fixed order, whatever the threads).
            var churnFit = Task.Run(() =>
            {
                try
                {
                    var fitted = ChurnRiskSummary.Compute(assignment, monthEnd, summaries.Later, warning: null, clv: null, seed: options.Seed);
                    return population is null ? fitted
                        : fitted.ScaledTo(population.Where(p => p.Key != MonthlyEvaluation.ProspectsKey).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
                }
                catch (ArgumentException)
                {
                    // Too few (repeat) customers to fit BG/NBD or Gamma-Gamma: the report shows no churn warning rather than failing.
                    return null;
                }
            });

            // Last month's forecast fits its own models at the previous month end (a monthly cycle only): fitted meanwhile too.
            bool forecasting = population is null || population.Values.Sum() == assignment.Count;
            // (When the job read the held summaries ahead, it fitted them meanwhile: those fits are taken when they are of these summaries.)
            pastFits = !forecasting || previousSegments is null ? null
                : (options.HeldSummaries as ReadAheadSummaries)?.PastFits(summaries, monthEnd, options.Seed)
                  ?? NextPeriodForecast.StartPastFits(summaries, monthEnd, options.Seed);

            // The periods' table and the before/after windows' table from one reading of the transactions.
            int[] samples = [last, last - 1, last - yearBack];
            var requests = new List<KpiCalculator.Request> { new(kpiOptions, null, samples) };
            if (options.Windows is { } w) requests.Add(new(KpiOptions.ForWindows(w), null, [0, 1]));
            KpiCalculator.Sums sums;
            try
            {
                // With the segments in an engine table split like the data (InEngineSegments), every KPI statement is per customer and
                // runs shard by shard on a sharded engine: the shards' sums add up, and no node gathers 100 M transactions' months.
                sums = options.SegmentsTable is null ? KpiCalculator.Read(engine, assignment, requests, segmentsTable, held: options.CustomerMonths)
                    : KpiCalculator.Read(InEngineSegments.PerShard(engine), assignment, requests, segmentsTable);
            }
            finally
            {
                // Never left running past this method, even when the KPI read fails.
                ((Task)churnFit).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
            }
            ChurnRiskSummary? churn = churnFit.GetAwaiter().GetResult();

            requests[0] = population is null ? requests[0] with { LifetimeValue = churn?.LifetimeValue }
                : requests[0] with { LifetimeValueBySegment = churn is null ? null : churn.Segments.SkipLast(1).ToDictionary(r => r.Segment, r => (r.LifetimeValue, population.GetValueOrDefault(r.Segment)), StringComparer.Ordinal) };
            var tables = sums.Tables(engine, requests);
            var kpis = tables[0];
            var pop = last >= 1 ? KpiComparer.Compare(kpis, last, last - 1, ComparisonKind.PeriodOverPeriod, options.Seed, options.BootstrapReplicates) : [];
            var yoy = last >= yearBack ? KpiComparer.Compare(kpis, last, last - yearBack, ComparisonKind.YearOverYear, options.Seed, options.BootstrapReplicates) : [];

            KpiTable? windows = tables.Count > 1 ? tables[1] : null;
            IReadOnlyList<KpiComparison> beforeAfter = windows is null ? []
                : KpiComparer.Compare(windows, 1, 0, ComparisonKind.BeforeAfter, options.Seed, options.BootstrapReplicates);

            var campaigns = !engine.HasTable("campaigns") || !engine.HasTable("campaign_assignments") ? []
                : population is null ? CampaignEvaluator.Evaluate(engine, assignment, 0.95)
                : CampaignEvaluator.Evaluate(engine, segmentsTable, assignment.Segments, 0.95);
            var migration = options.Migration ?? (options.PreviousAssignment is { } previous ? SegmentMigration.Compute(previous, assignment) : null);
            var drift = options.Drift is not { } reference ? null
                : population is null ? DriftReport.Compute(reference, assignment)
                : DriftReport.Compute(reference, assignment.Segments, population);
            var playbook = options.Playbook ?? StrategyPlaybook.Default;
            // No online/offline advice from data without a channel column: the playbook's channel line is withheld.
            bool channels = engine.Query($"SELECT 1 AS found FROM {engine.Dialect.Id("transactions")} WHERE channel IS NOT NULL LIMIT 1").Rows.Count > 0;
            var recommendations = assignment.Segments.Select(s => new SegmentRecommendation(s, channels ? playbook.For(s) : playbook.For(s)?.WithoutChannel())).ToArray();

            BudgetAllocation? budget = null;
            if (options.MarketingBudget > 0)
            {
                var inputs = assignment.Segments.Select(s =>
                {
                    var row = kpis.Row(s.Key, last);
                    var rois = campaigns.Where(c => c.Campaign.TargetSegment == s.Key && c.Roi is not null).Select(c => c.Roi!.Value).ToArray();
                    double potential = churn?.Segments.First(x => x.Segment == s.Key).LifetimeValue ?? row.Revenue;
                    return new SegmentBudgetInput(s.Key, row.Revenue, potential, rois.Length > 0 ? rois.Average() : null);
                }).ToArray();
                budget = BudgetAllocator.Allocate(options.MarketingBudget, inputs, options.BudgetWeights);
            }
            NextPeriodForecast? forecast = null;
            // A sample's forecast would be the sample's: left out unless the sample holds every customer.
            if (forecasting)
            {
                try
                {
                    // Last month's forecast is checked against the segments of the previous month end (a monthly cycle only).
                    forecast = NextPeriodForecast.Compute(engine, assignment, previousSegments, monthEnd, options.Seed, NextPeriodForecast.DefaultLevel, churn, summaries, pastFits);
                }
                catch (ArgumentException)
                {
                    // Too few (repeat) customers to fit BG/NBD: the report says there is no forecast.
                }
            }
            // The result does not keep what the pass held for this evaluation alive (the report renders from it).
            return new EvaluationResult(options with { CustomerMonths = null, HeldSummaries = null }, assignment.Segments, kpis, pop, yoy, windows, beforeAfter, campaigns, migration, drift, churn, recommendations, budget)
            {
                Forecast = forecast,
            };
        }
        finally
        {
            // Last month's fits are not left running past this method either (their result, or failure, is the forecast's).
            ((Task?)pastFits)?.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
            if (options.SegmentsTable is null) engine.Execute($"DROP TABLE IF EXISTS {engine.Dialect.Id(EngineTables.Segments)}");
        }
    }
}
