using Segmentation.Analytics.Evaluation;
using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.Sections;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly;

/// <summary>
/// The monthly effect-evaluation report for management (客户细分管理效果评估报告): cover, executive summary, segment
/// overview, KPIs per segment, campaign and strategy effects, migration, churn warning, an optional experiment and an appendix
/// with the methodology of the run. The numbers, the choices and the texts are the view-model's (<see cref="Model"/>, computed
/// once from the <see cref="MonthlyEvaluation"/>); this class only composes one component per section on A4 pages.
/// </summary>
public sealed class MonthlyReport
{
    /// <summary>Six KPI cards share a row of an A4 page: values such as "419.5万" must fit on one line.</summary>
    public static Theme Theme { get; } = Theme.Default with { KpiValueSize = 15 };

    /// <summary>A report of <paramref name="run"/> in <paramref name="language"/>, with an optional section on a randomised experiment.</summary>
    public MonthlyReport(MonthlyEvaluation run, ReportLanguage language = ReportLanguage.Zh, ReportFormat? format = null, ExperimentSection? experiment = null)
        : this(MonthlyReportModel.Create(run ?? throw new ArgumentNullException(nameof(run)), new MonthlyReportOptions(language, format, experiment)))
    {
    }

    /// <summary>A report of a view-model already computed.</summary>
    public MonthlyReport(MonthlyReportModel model) => Model = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>Everything the report prints.</summary>
    public MonthlyReportModel Model { get; }

    /// <summary>Three sentences from the numbers: the largest mover, the best campaign, the biggest risk.</summary>
    public IReadOnlyList<string> Findings() => Model.Summary.Findings;

    /// <summary>Composes the document (nothing is drawn until it is generated).</summary>
    public ReportDocument Compose() => ReportDocument.Create(doc =>
    {
        var m = Model;
        doc.Theme(Theme);
        doc.Metadata(title: m.DocumentTitle, author: "Segmentation.Analytics", subject: m.DocumentSubject,
            keywords: "segmentation;evaluation", creationDate: m.Date);
        doc.Page(page =>
        {
            page.Size(PageSizes.A4);
            page.Margin(42, 40, 42, 36);
            page.Header().Text(m.PageHeader).FontSize(Theme.SmallSize).FontColor(Theme.MutedText);
            page.Footer().Row(row =>
            {
                row.RelativeItem(3).Text(m.PageFooter).FontSize(7).FontColor(Theme.MutedText);
                row.RelativeItem(1).PageNumber(m.PageNumber).FontSize(Theme.SmallSize).AlignRight();
            });
            page.Content().Column(col =>
            {
                col.Spacing(ReportSection.ItemSpacing);
                col.Item().Component(new CoverSection(m.Cover, Theme));
                col.Item().Component(new ExecutiveSummarySection(m.Summary, Theme));
                col.Item().Component(new SegmentOverviewSection(m.Overview, Theme));
                col.Item().Component(new SegmentKpisSection(m.Kpis, Theme));
                col.Item().Component(new CampaignsSection(m.Campaigns, Theme));
                col.Item().Component(new PlaybookSection(m.Playbook, Theme));
                col.Item().Component(new MigrationSection(m.Migration, Theme));
                col.Item().Component(new ChurnSection(m.Churn, Theme));
                if (m.Forecast is { } forecast) col.Item().Component(new ForecastSection(forecast, Theme));
                if (m.Experiment is { } experiment) col.Item().Component(new RandomisedExperimentSection(experiment, Theme));
                col.Item().Component(new AppendixSection(m.Appendix, Theme));
                col.Item().Component(new MethodologySection(m.Methodology, Theme));
            });
        });
    });

    /// <summary>Writes the PDF.</summary>
    public void GeneratePdf(string path) => Compose().GeneratePdf(path);
}
