using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>Section 5 (right after the playbook, so a short budget table does not leave a near-empty page): the migration in one sentence, the heatmap of row shares and the table of counts.</summary>
/// <param name="model">The section's view-model.</param>
/// <param name="theme">Colours and sizes of the document.</param>
public sealed class MigrationSection(MigrationModel model, Theme theme) : ReportSection(theme)
{
    /// <summary>Size of the column headers (one per segment: they must fit a narrow column).</summary>
    private const float SegmentHeaderSize = 7;

    /// <inheritdoc />
    protected override void Compose(ColumnDescriptor column)
    {
        column.Item().Heading(model.Heading, 1);
        if (model.Lineage is { } lineage) column.Item().Paragraph(lineage);
        if (model.Summary is not { } summary || model.Heatmap is not { } heatmap || model.Table is not { } table)
        {
            column.Item().Paragraph(model.Notice);
            return;
        }
        column.Item().Paragraph(summary).KeepWithNext();
        // Two lines per cell (the share and its interval) need a little more height per row.
        column.Item().Chart(ReportCharts.Heatmap(heatmap), Math.Max(240, 100 + (heatmap.Intervals is null ? 26 : 30) * heatmap.From.Count));
        if (model.IntervalNote is { } intervals) column.Item().Text(intervals).FontSize(Theme.SmallSize).FontColor(Theme.MutedText);
        Table(column, table, [2.2f, .. heatmap.To.Select(_ => 1f)], Small(firstNumber: 1),
            header: (cell, index, _) => { if (index > 0) cell.FontSize(SegmentHeaderSize); });
    }
}
