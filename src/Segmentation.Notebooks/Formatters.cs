using System.Reflection;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Segmentation.Data;
using Segmentation.Analytics.Evaluation;
using Segmentation.Experiments;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Profiling;
using Segmentation.Analytics.Statistics;
using Segmentation.Analytics.Validation;
using Segmentation.Analytics.Engines;

namespace Segmentation.Notebooks;

/// <summary>
/// Registers the .NET Interactive HTML formatters of this library: DataFrame, ingest reports, k selection, stability,
/// RFM segment summaries, factor analysis, KMO/Bartlett, BG/NBD and Gamma-Gamma models; validation reports, segment
/// profiles, segmentation models, segment names and reviewer re-runs; the monthly evaluation's KPI table (latest period), KPI
/// comparisons, campaign uplift, migration, drift, churn risk, budget and playbook; experiment arm effects, per-segment
/// effects, uplift (Qini) figures and targeting lists; and charts
/// (<see cref="NotebookChart"/>). Call once in a notebook's setup cell.
/// </summary>
/// <remarks>.NET Interactive's <see cref="Formatter"/> is process-wide; registering again replaces these formatters and
/// starts a new chart session (plotly.js is embedded again with the next chart).</remarks>
public static class Formatters
{
    private const string Html = "text/html";

    /// <summary>Registers every formatter and returns what was set up (it displays as a one-line banner).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is negative.</exception>
    public static NotebookSession Register(DisplayLanguage language = DisplayLanguage.Bilingual, ChartRendering charts = ChartRendering.Auto, int maxRows = RichDisplay.DefaultMaxRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        ChartHtml.Reset(charts);
        Add<DataFrame>(x => RichDisplay.DataFrame(x, maxRows, language));
        Add<IngestReport>(x => RichDisplay.IngestReport(x, language: language));
        Add<TableIngest>(x => RichDisplay.TableIngest(x, language: language));
        Add<KSelectionResult>(x => RichDisplay.KSelection(x, language));
        Add<StabilityResult>(x => RichDisplay.Stability(x, language));
        Add<RfmSegmentSummary>(x => RichDisplay.RfmSegments(x, language));
        Add<FactorModel>(x => RichDisplay.FactorModel(x, language));
        Add<KmoBartlett>(x => RichDisplay.KmoBartlett(x, language));
        Add<BgNbdModel>(x => RichDisplay.BgNbdModel(x, language));
        Add<GammaGammaModel>(x => RichDisplay.GammaGammaModel(x, language));
        Add<ValidationReport>(x => RichDisplay.ValidationReport(x, language));
        Add<SegmentProfiles>(x => RichDisplay.SegmentProfiles(x, language: language));
        Add<SegmentationModel>(x => RichDisplay.SegmentationModel(x, language));
        Add<IEnumerable<SegmentName>>(x => RichDisplay.SegmentNames(x, language));
        Add<ReproducibilityCheck>(x => RichDisplay.Reproducibility(x, language));
        Add<KpiTable>(x => RichDisplay.KpiTable(x, language));
        Add<IEnumerable<KpiComparison>>(x => RichDisplay.KpiComparisons(x, language: language));
        Add<IEnumerable<CampaignUplift>>(x => RichDisplay.CampaignUplifts(x, language: language));
        Add<SegmentMigration>(x => RichDisplay.SegmentMigration(x, language: language));
        Add<DriftReport>(x => RichDisplay.DriftReport(x, language: language));
        Add<ChurnRiskSummary>(x => RichDisplay.ChurnRisk(x, language: language));
        Add<BudgetAllocation>(x => RichDisplay.BudgetAllocation(x, language: language));
        Add<IEnumerable<SegmentRecommendation>>(x => RichDisplay.Recommendations(x, language));
        Add<ExperimentAnalysis>(x => RichDisplay.ExperimentAnalysis(x, language));
        Add<IEnumerable<ArmEffect>>(x => RichDisplay.ArmEffects(x, language));
        Add<SegmentEffects>(x => RichDisplay.SegmentEffects(x, language: language));
        Add<TargetingList>(x => RichDisplay.TargetingList(x, maxRows, language));
        Add<UpliftPredictions>(x => RichDisplay.UpliftPredictions(x, language));
        Add<NotebookChart>(ChartHtml.Render);
        Formatter.Register<SvgChart>((value, writer) => writer.Write(value.Svg), SvgChart.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(SvgChart), SvgChart.MimeType);
        bool svg = charts == ChartRendering.Svg;
        var session = new NotebookSession(Version(), language, charts, svg ? null : ChartHtml.PlotlyJsVersion(), maxRows,
                                          svg ? null : ChartHtml.PlotlyRuntime(), ChartHtml.PlotlyUnavailableReason);
        Add<NotebookSession>(s => $"<div style=\"font-size:12px;opacity:.85\">{HtmlText.Encode(s.ToString())}</div>");
        return session;
    }

    private static void Add<T>(Func<T, string> html)
    {
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), Html);
        Formatter.SetPreferredMimeTypesFor(typeof(T), Html);
    }

    private static string Version() =>
        typeof(Formatters).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
