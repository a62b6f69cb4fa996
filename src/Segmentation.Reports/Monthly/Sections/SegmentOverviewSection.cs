using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>Section 2: the segment table, then the customer and revenue shares as bars with their legend.</summary>
/// <param name="model">The overview's view-model.</param>
/// <param name="theme">Colours and sizes of the document.</param>
public sealed class SegmentOverviewSection(SegmentOverviewModel model, Theme theme) : ReportSection(theme)
{
    /// <inheritdoc />
    protected override void Compose(ColumnDescriptor column)
    {
        column.Item().Heading(model.Heading, 1);
        float[] widths = model.Table.Header.Count == 7 ? [2.5f, 3.2f, 1.3f, 1.1f, 1.2f, 1.1f, 1.1f] : [2.5f, 3.7f, 1.35f, 1.1f, 1.3f, 1.2f];
        Table(column, model.Table, widths, (cell, index, row) =>
        {
            if (index == 1) cell.FontSize(Theme.SmallSize); // the description
            else BoldNameThenNumbers(cell, index, row);
        });
        if (model.Note is { } note) column.Item().Text(note).FontSize(Theme.SmallSize).FontColor(Theme.MutedText);
        if (model.IntervalNote is { } intervals) column.Item().Text(intervals).FontSize(Theme.SmallSize).FontColor(Theme.MutedText);
        var chart = model.Chart;
        column.Item().Chart(ReportCharts.SegmentSizes(chart), 60 + 30 * chart.Segments.Count);
        column.Item().Component(new ChartLegend(
            [(chart.CustomersLabel, ReportCharts.CustomerShareColor), (chart.RevenueLabel, ReportCharts.RevenueShareColor)], Theme));
    }
}
