using System.Globalization;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>The cover: title, period, the facts of the run (period, data date, model) and the confidentiality line.</summary>
/// <param name="Title">Report title.</param>
/// <param name="Subtitle">Subtitle with the period label.</param>
/// <param name="Facts">Label / value rows, no header.</param>
/// <param name="Confidentiality">Who may read it and what is suppressed.</param>
/// <param name="HeadlineHeading">Heading of the month's headline.</param>
/// <param name="Cards">Three KPI cards of the month (customers, revenue, and profit when measured, else the repeat rate).</param>
/// <param name="Headline">The top finding.</param>
/// <param name="Warning">The look-ahead warning when a model fitted on later data was used; else null.</param>
public sealed record CoverModel(string Title, string Subtitle, ReportTable Facts, string Confidentiality, string HeadlineHeading,
                                IReadOnlyList<KpiCardModel> Cards, string Headline, string? Warning)
{
    internal static CoverModel Create(ReportContext c, ExecutiveSummaryModel summary)
    {
        var text = c.Text;
        var period = c.ReportPeriod;
        var model = c.Run.Model;
        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        object[] modelFacts = [model.SchemaVersion, model.Options.Method, model.Segments.Count, model.Fingerprint[..12]];
        string modelLine = model.Sample is { } sample
            ? text.Format("model_summary_sampled", [.. modelFacts, text.Format("model_sample", ReportFormat.Whole(sample.Rows), ReportFormat.Whole(sample.Population), sample.Seed)])
            : text.Format("model_summary", modelFacts);
        var facts = new ReportTable([],
        [
            new([text["period"], text.Format("period_range", period.Label, Day(period.Start), Day(period.End))]),
            new([text["as_of"], c.Run.DataQuality.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]),
            new([text["model"], modelLine]),
            new([text["training_snapshot"], model.TrainingSnapshot is { } snapshot ? Day(snapshot) : text["snapshot_unknown"]]),
        ]);
        var measured = summary.Cards.Where(k => k.Measured).ToArray();
        KpiCardModel[] cards = [.. measured.Take(3)];
        string? warning = c.Run.Lookahead && model.TrainingSnapshot is { } later ? text.Format("lookahead_warning", Day(later)) : null;
        return new CoverModel(text["title"], text.Format("subtitle_period", period.Label), facts, c.Confidentiality, text["headline"],
            cards, summary.Findings.Count > 0 ? summary.Findings[0] : "", warning);
    }
}
