using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Statistics.Tests;
using Xunit.Abstractions;

namespace Segmentation.Analytics.Tests.Evaluation;

[Collection(SyntheticSampleCollection.Name)]
public sealed class EffectEvaluatorTests(SyntheticSample sample, ITestOutputHelper output)
{
    [Fact]
    public void One_call_bundles_kpis_comparisons_campaigns_churn_strategies_and_budget_for_the_report_month()
    {
        var options = new EvaluationOptions(new DateOnly(2026, 10, 1), ManagementStart: new DateOnly(2025, 11, 1), Seed: 20261)
        {
            BootstrapReplicates = 500,
            MarketingBudget = 1_000_000m,
            PreviousAssignment = sample.Assignment,
            Drift = new DriftReference(sample.Assignment.Counts().ToDictionary(kv => kv.Key, kv => (double)kv.Value)),
        };
        var result = EffectEvaluator.Evaluate(sample.Workspace, sample.Assignment, options);
        int segments = sample.Assignment.Segments.Count;

        Assert.Equal(13, result.Kpis.Periods.Count);
        Assert.Equal(segments + 1, result.PeriodOverPeriod.Count);
        Assert.Equal(segments + 1, result.YearOverYear.Count);
        Assert.Equal("2025-10", result.YearOverYear[0].Reference.Label);
        Assert.Equal(["2024-11..2025-10", "2025-11..2026-10"], result.Windows!.Periods.Select(p => p.Label));

        // The planted satisfaction step at the management start (+0.2..0.4 CSAT in four segments) shows as a significant rise.
        var total = result.BeforeAfter.Single(c => c.Segment == KpiRow.AllCustomers);
        var csat = total.Change("csat_mean");
        output.WriteLine(string.Join("\n", total.Changes));
        Assert.True(csat.AbsoluteChange > 0.1 && csat.IsSignificant && csat.Test!.Test == SignificanceTest.WelchT, csat.ToString());
        Assert.True(total.Change("nps").IsSignificant && total.Change("nps").Test!.Test == SignificanceTest.Bootstrap);
        Assert.Equal(SignificanceTest.TwoProportionZ, total.Change("repeat_purchase_rate").Test!.Test);
        Assert.Equal(SignificanceTest.Bootstrap, total.Change("average_order_value").Test!.Test);
        // Business buyers have no planted step: their CSAT change stays within noise.
        Assert.False(result.BeforeAfter.Single(c => c.Segment == "business_buyers").Change("csat_mean").Test!.PValue < 0.001);

        // Churn warning: the planted churning segment is (nearly) all at risk, far above any other segment.
        var churn = result.ChurnRisk!;
        var churning = churn.Segments.Single(s => s.Segment == "churning");
        Assert.True(churning.AtRiskShare > 0.9, churning.ToString());
        Assert.All(churn.Segments.Where(s => s.Segment is not ("churning" or KpiRow.AllCustomers)), s => Assert.True(s.AtRiskShare < churning.AtRiskShare - 0.3, s.ToString()));
        Assert.Equal(churn.Segments.Take(segments).Sum(s => s.ValueAtRisk), churn.Total.ValueAtRisk, churn.Total.ValueAtRisk * 1e-12);
        // CLV of the report month in the KPI table is the churn models' CLV.
        Assert.Equal(churn.LifetimeValue.Sum(), result.Kpis.Total(12).LifetimeValueTotal!.Value, churn.Total.LifetimeValue * 1e-12);
        Assert.Null(result.Kpis.Total(11).LifetimeValueTotal);

        Assert.Equal(sample.Dataset.Truth.Campaigns.Count, result.Campaigns.Count);
        Assert.Equal(sample.Assignment.Count, result.Migration!.Stayed);
        Assert.Equal(DriftLevel.Stable, result.Drift!.Level);
        Assert.All(result.Recommendations, r => Assert.NotNull(r.Strategy));
        Assert.Equal(1_000_000m, result.Budget!.Segments.Sum(s => s.Amount));
        Assert.Equal(segments, result.Budget.Segments.Count);
    }
}
