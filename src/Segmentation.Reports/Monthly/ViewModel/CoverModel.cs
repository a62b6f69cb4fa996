using System.Globalization;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>The cover: title, period, the facts of the run (period, data date, model) and the confidentiality line.</summary>
/// <param name="Title">Report title.</param>
/// <param name="Subtitle">Subtitle with the period label.</param>
/// <param name="Facts">Label / value rows, no header.</param>
/// <param name="Confidentiality">Who may read it and what is suppressed.</param>
public sealed record CoverModel(string Title, string Subtitle, ReportTable Facts, string Confidentiality)
{
    internal static CoverModel Create(ReportContext c)
    {
        var text = c.Text;
        var period = c.ReportPeriod;
        var model = c.Run.Model;
        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        object[] summary = [model.SchemaVersion, model.Options.Method, model.Segments.Count, model.Fingerprint[..12]];
        string modelLine = model.Sample is { } sample
            ? text.Format("model_summary_sampled", [.. summary, text.Format("model_sample", ReportFormat.Whole(sample.Rows), ReportFormat.Whole(sample.Population), sample.Seed)])
            : text.Format("model_summary", summary);
        var facts = new ReportTable([],
        [
            new([text["period"], text.Format("period_range", period.Label, Day(period.Start), Day(period.End))]),
            new([text["as_of"], c.Run.DataQuality.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]),
            new([text["model"], modelLine]),
        ]);
        return new CoverModel(text["title"], text.Format("subtitle_period", period.Label), facts, text.Format("confidential", c.Format.MinimumGroupSize));
    }
}
