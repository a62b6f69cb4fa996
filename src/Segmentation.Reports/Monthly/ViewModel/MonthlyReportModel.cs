using Segmentation.Analytics.Evaluation;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>
/// Everything the monthly report prints, computed once from a <see cref="MonthlyEvaluation"/> and the report options: which
/// findings, which segments and campaigns are shown, which groups are suppressed, every number formatted and every text in the
/// report's language (from <see cref="ReportStrings"/>). The sections (<c>Monthly/Sections</c>) only lay it out.
/// </summary>
/// <param name="Language">Language of every text.</param>
/// <param name="DocumentTitle">PDF title (title and period).</param>
/// <param name="DocumentSubject">PDF subject.</param>
/// <param name="Date">The report period's last day, the PDF's creation date (never the clock: the same run gives the same file).</param>
/// <param name="PageHeader">Header line of every page.</param>
/// <param name="PageFooter">Confidentiality line of every page.</param>
/// <param name="PageNumber">"Page {0} of {1}" format.</param>
/// <param name="Cover">The cover.</param>
/// <param name="Summary">1. Executive summary.</param>
/// <param name="Overview">2. Segment overview.</param>
/// <param name="Kpis">3. KPIs per segment.</param>
/// <param name="Campaigns">4. Campaign effects.</param>
/// <param name="Playbook">4. Strategy playbook and budget.</param>
/// <param name="Migration">5. Migration.</param>
/// <param name="Churn">6. Churn warning.</param>
/// <param name="Experiment">7. Randomised experiment, or null when none was given.</param>
/// <param name="Appendix">Appendix: data quality, drift, validation, KPI definitions.</param>
/// <param name="Methodology">Appendix: methodology of this run.</param>
public sealed record MonthlyReportModel(
    ReportLanguage Language,
    string DocumentTitle,
    string DocumentSubject,
    DateTime Date,
    string PageHeader,
    string PageFooter,
    string PageNumber,
    CoverModel Cover,
    ExecutiveSummaryModel Summary,
    SegmentOverviewModel Overview,
    SegmentKpisModel Kpis,
    CampaignsModel Campaigns,
    PlaybookModel Playbook,
    MigrationModel Migration,
    ChurnModel Churn,
    ExperimentModel? Experiment,
    AppendixModel Appendix,
    MethodologyModel Methodology)
{
    /// <summary>6.1 Next month's forecast (and last month's against its actuals); null only for a model built by hand.</summary>
    public ForecastModel? Forecast { get; init; }

    /// <summary>The view-model of <paramref name="run"/> under <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="run"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The evaluation has no KPI period.</exception>
    public static MonthlyReportModel Create(MonthlyEvaluation run, MonthlyReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        if (run.Result.Kpis.Periods.Count == 0) throw new ArgumentException("The evaluation has no KPI period to report.", nameof(run));
        var c = new ReportContext(run, options);
        var text = c.Text;
        var period = c.ReportPeriod;
        var summary = ExecutiveSummaryModel.Create(c);
        return new MonthlyReportModel(options.Language,
            text["title"] + " " + period.Label, text["subtitle"], period.End.ToDateTime(TimeOnly.MinValue),
            text.Format("header", period.Label), c.Confidentiality, text["page"],
            CoverModel.Create(c, summary), summary, SegmentOverviewModel.Create(c), SegmentKpisModel.Create(c),
            CampaignsModel.Create(c), PlaybookModel.Create(c), MigrationModel.Create(c), ChurnModel.Create(c), ExperimentModel.Create(c),
            AppendixModel.Create(c), MethodologyModel.Create(c)) { Forecast = ForecastModel.Create(c) };
    }
}
