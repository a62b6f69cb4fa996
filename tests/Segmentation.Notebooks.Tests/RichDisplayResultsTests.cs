using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;
using Segmentation.Analytics.Evaluation;
using Segmentation.Experiments;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Statistics.Tests;
using Segmentation.Reports.Monthly;

namespace Segmentation.Notebooks.Tests;

/// <summary>The displays of the model, validation, evaluation and experiment results: zh/en headers, and the values of the object.</summary>
public sealed class RichDisplayResultsTests(SampleEvaluationFixture fixture) : IClassFixture<SampleEvaluationFixture>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The decoded text of every table cell.</summary>
    internal static HashSet<string> Cells(string html) =>
        Regex.Matches(html, "<t[dh][^>]*>(.*?)</t[dh]>", RegexOptions.Singleline).Select(m => Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>", " ")), @"\s+", " ").Trim())
            .ToHashSet(StringComparer.Ordinal);

    private static SegmentationModel Model()
    {
        RepositoryPaths.RequireCommittedModel();
        return SegmentationModel.Load(RepositoryPaths.CommittedModel);
    }

    [Fact]
    public void Validation_report_shows_indices_stability_per_segment_lda_and_the_feature_ranking()
    {
        var v = Model().Validation;

        var html = RichDisplay.ValidationReport(v);
        var cells = Cells(html);

        Assert.Contains("轮廓系数 / Silhouette", cells);
        Assert.Contains(v.Indices.Silhouette.ToString("F4", Inv), cells);
        Assert.Contains(v.Indices.CalinskiHarabasz.ToString("F1", Inv), cells);
        Assert.Contains((100 * v.Separability.LdaAccuracy).ToString("0.0", Inv) + "%", cells);
        foreach (var s in v.Stability!.Segments) Assert.Contains(s.MeanJaccard.ToString("F3", Inv), cells);
        foreach (var f in v.Separability.Features) Assert.Contains(f.Feature, cells);
        Assert.Contains("Kruskal-Wallis H", cells);
        Assert.Contains("Silhouette", RichDisplay.ValidationReport(v, DisplayLanguage.English));
        Assert.DoesNotContain("轮廓系数", RichDisplay.ValidationReport(v, DisplayLanguage.English));
    }

    [Fact]
    public void Model_and_profiles_show_names_sizes_and_feature_indices()
    {
        var model = Model();

        var modelCells = Cells(RichDisplay.SegmentationModel(model));
        var profileCells = Cells(RichDisplay.SegmentProfiles(model.Profiles));

        foreach (var s in model.Segments)
        {
            Assert.Contains($"{s.NameZh} / {s.NameEn}", modelCells);
            Assert.Contains(s.Size.ToString("N0", Inv), modelCells);
        }
        Assert.Contains("名称 Name", modelCells);
        var p = model.Profiles.Segments[3].Feature("avg_order_value")!;
        Assert.Contains($"{HtmlText.Number(Math.Round(p.Mean, 0))} ({p.Index.ToString("0", Inv)})", profileCells);
        Assert.Contains("avg_order_value", profileCells);
    }

    [Fact]
    public void An_overridden_name_is_marked_in_the_model_and_name_displays()
    {
        var model = Model().WithOverrides([new Segmentation.Analytics.Profiling.NameOverride(2, "测试名", "Test name")]);

        var html = RichDisplay.SegmentationModel(model, DisplayLanguage.English);

        Assert.Contains(">Test name<", html);
        Assert.Contains(">✓<", html);
        Assert.Contains(">test_name<", html);
    }

    [Fact]
    public void Kpi_table_shows_the_latest_period_per_segment_and_the_total_with_the_reports_money_format()
    {
        var kpis = fixture.Run.Result.Kpis;
        var cells = Cells(RichDisplay.KpiTable(kpis));
        var html = RichDisplay.KpiTable(kpis);

        Assert.Contains("销售额 Revenue", cells);
        Assert.Contains(kpis.Periods[^1].Label, html);
        foreach (var r in kpis.Latest)
        {
            Assert.Contains(r.Customers.ToString("N0", Inv), cells);
            Assert.Contains(r.Revenue.ToString("N0", Inv), cells);
        }
        var total = kpis.Total(kpis.Periods.Count - 1);
        Assert.Contains(ReportFormat.Compact(total.Revenue, ReportLanguage.Zh), html);
        Assert.Contains("合计 / Total", cells);
    }

    [Fact]
    public void Comparisons_show_current_reference_change_and_significance()
    {
        var ba = fixture.Run.Result.BeforeAfter;
        var cells = Cells(RichDisplay.KpiComparisons(ba));
        var html = RichDisplay.KpiComparisons(ba);

        var revenue = ba.First(c => c.Segment == KpiRow.AllCustomers).Change("revenue");
        Assert.Contains(ReportFormat.Money(revenue.Current), cells);
        Assert.Contains(ReportFormat.Money(revenue.Reference), cells);
        Assert.Contains(ReportFormat.Relative(revenue.RelativeChange), cells);
        Assert.Contains(" *", html);                      // the sample has significant before/after changes
        Assert.Contains("BeforeAfter", html);
    }

    [Fact]
    public void Drift_shows_the_deciding_measures_the_stability_now_and_the_recommendation()
    {
        var result = fixture.Run.Result;
        var drift = result.Drift!;
        // The model was fitted a year before the month: the window feature and the stability on this month's buyers are measured.
        Assert.NotEmpty(drift.Windows);
        var stability = drift.Stability!;
        Assert.Equal(fixture.Run.Model.Segments.Count, stability.Segments.Count);

        var html = RichDisplay.DriftReport(drift, result.Segments, DisplayLanguage.English);
        var cells = Cells(html);
        Assert.Contains("Orders in the last 12 months", cells);
        Assert.Contains(drift.Windows[0].Index.ToString("F3", Inv), cells);
        foreach (var s in stability.Segments)
            Assert.Contains($"{s.TrainingJaccard.ToString("F2", Inv)} → {s.CurrentJaccard.ToString("F2", Inv)}", cells);
        string verdict = drift.Level switch { DriftLevel.Refit => "refit", DriftLevel.Watch => "watch", _ => "stable" };
        Assert.Contains($"Recommendation: {verdict}", WebUtility.HtmlDecode(html));
        // Cumulative model features are shown as not comparable and never decide.
        Assert.Contains("not comparable (cumulative)", cells);
        // The level is the worst deciding measure: a segment reproduced at training that no longer is decides "refit".
        bool dissolved = stability.Segments.Any(s => s.Deciding && s.CurrentJaccard < StabilityDrift.DissolvedBelow);
        Assert.Equal(dissolved, stability.Level == DriftLevel.Refit);
        if (dissolved) Assert.Equal(DriftLevel.Refit, drift.Level);

        var zh = Cells(RichDisplay.DriftReport(drift, result.Segments, DisplayLanguage.Chinese));
        Assert.Contains("近12个月订单数", zh);
    }

    [Fact]
    public void Campaigns_migration_drift_churn_and_budget_show_their_numbers()
    {
        var result = fixture.Run.Result;

        var campaigns = Cells(RichDisplay.CampaignUplifts(result.Campaigns));
        foreach (var c in result.Campaigns)
        {
            Assert.Contains(c.Campaign.Name, campaigns);
            Assert.Contains(ReportFormat.Money(c.IncrementalProfit), campaigns);
            Assert.Contains(ReportFormat.P(c.Conversion.PValue), campaigns);
        }
        Assert.Contains("增量利润 Incr. profit", campaigns);

        var migration = Cells(RichDisplay.SegmentMigration(result.Migration!));
        Assert.Contains(result.Migration!.Counts[0][0].ToString("N0", Inv), migration);

        var drift = Cells(RichDisplay.DriftReport(result.Drift!));
        foreach (var p in result.Drift!.Features) Assert.Contains(p.Index.ToString("F3", Inv), drift);

        var churn = Cells(RichDisplay.ChurnRisk(result.ChurnRisk!));
        foreach (var s in result.ChurnRisk!.Segments) Assert.Contains(ReportFormat.Money(s.ValueAtRisk), churn);
        Assert.Contains("风险价值 Value at risk", churn);

        var budget = Cells(RichDisplay.BudgetAllocation(result.Budget!));
        foreach (var b in result.Budget!.Segments) Assert.Contains(((double)b.Amount).ToString("N2", Inv), budget);

        var playbook = Cells(RichDisplay.Recommendations(result.Recommendations, DisplayLanguage.English));
        foreach (var r in result.Recommendations.Where(r => r.Strategy is not null)) Assert.Contains(r.Strategy!.ProductEn, playbook);
    }

    [Fact]
    public void Arm_and_segment_effects_show_differences_in_points_or_units_with_adjusted_p()
    {
        var visit = new ArmEffect("Mens E-Mail", "visit", OutcomeKind.Binary, 1000, 900, 0.18, 0.10,
            new DifferenceEstimate(0.08, 0.015, 0.05, 0.11, 1e-7, 0.95, SignificanceTest.TwoProportionZ, 0.10), null);
        var spend = new ArmEffect("Mens E-Mail", "spend", OutcomeKind.Continuous, 1000, 900, 1.42, 0.65,
            new DifferenceEstimate(0.77, 0.15, 0.48, 1.06, 0.012, 0.95, SignificanceTest.WelchT, 0.65), null);

        var arms = Cells(RichDisplay.ArmEffects([visit, spend]));
        Assert.Contains("+8.00 pt [+5.00 pt, +11.00 pt]", arms);
        Assert.Contains("+0.770 [+0.480, +1.060]", arms);
        Assert.Contains("18.00%", arms);
        Assert.Contains("< 0.0001", arms);
        Assert.Contains("实验组 Arm", arms);

        var effects = new SegmentEffects("history", ["A", "B"],
            [new SegmentEffect("A", visit, 2e-7, false, SegmentResponse.Responds), new SegmentEffect("B", spend, 0.024, true, SegmentResponse.Responds)],
            new SegmentEffectsOptions());
        var segments = Cells(RichDisplay.SegmentEffects(effects));
        Assert.Contains("0.0240", segments);
        Assert.Contains("Responds", segments);
        Assert.Contains("⚠", segments);
        Assert.Contains("校正 p Adj. p", segments);
    }

    [Fact]
    public void Registered_formatters_render_the_result_types_and_lists_of_them_as_these_tables()
    {
        Formatters.Register();
        var result = fixture.Run.Result;
        var model = Model();

        Assert.Equal(RichDisplay.KpiTable(result.Kpis), result.Kpis.ToDisplayString("text/html"));
        Assert.Equal(RichDisplay.CampaignUplifts(result.Campaigns), result.Campaigns.ToDisplayString("text/html"));
        Assert.Equal(RichDisplay.CampaignUplifts(result.Campaigns), result.Campaigns.ToList().ToDisplayString("text/html"));
        Assert.Equal(RichDisplay.KpiComparisons(result.PeriodOverPeriod), result.PeriodOverPeriod.ToDisplayString("text/html"));
        Assert.Equal(RichDisplay.ChurnRisk(result.ChurnRisk!), result.ChurnRisk!.ToDisplayString("text/html"));
        Assert.Equal(RichDisplay.ValidationReport(model.Validation), model.Validation.ToDisplayString("text/html"));
        Assert.Equal(RichDisplay.SegmentationModel(model), model.ToDisplayString("text/html"));
        Assert.Equal(RichDisplay.SegmentNames(model.GeneratedNames), model.GeneratedNames.ToDisplayString("text/html"));
    }
}
