using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>Section 3: the KPI table with its note, then one trend chart per KPI with the legend of the series drawn.</summary>
/// <param name="model">The section's view-model.</param>
/// <param name="theme">Colours and sizes of the document.</param>
public sealed class SegmentKpisSection(SegmentKpisModel model, Theme theme) : ReportSection(theme)
{
    /// <inheritdoc />
    protected override void Compose(ColumnDescriptor column)
    {
        column.Item().Heading(model.Heading, 1);
        float[] widths = [.. model.Columns.Select(id => id switch { "segment" => 2.4f, "revenue_before" or "revenue_after" => 1.5f, "csat" => 0.8f, "satisfied" => 1.15f, _ => 1.05f })];
        Table(column, model.Table, widths, BoldNameThenNumbers);
        if (model.Note is { } note) column.Item().Text(note).FontSize(Theme.SmallSize).FontColor(Theme.MutedText);
        if (model.IntervalNote is { } intervals) column.Item().Text(intervals).FontSize(Theme.SmallSize).FontColor(Theme.MutedText);
        if (model.NotMeasured is { } missing) column.Item().Text(missing).FontSize(Theme.SmallSize).FontColor(Theme.MutedText);
        foreach (var trend in model.Trends)
        {
            column.Item().Chart(ReportCharts.Trend(trend), 200);
            // Series s is drawn in colour s; a series with nothing drawn gets no legend entry.
            column.Item().Component(new ChartLegend([.. trend.Series.Select((s, i) => (s.Name, i, s.HasValues)).Where(x => x.HasValues).Select(x => (x.Name, x.i))], Theme));
        }
        if (model.TrendNote is { } trendNote) column.Item().Text(trendNote).FontSize(Theme.SmallSize).FontColor(Theme.MutedText);
    }
}
