using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>The cover page: title, period, the facts of the run and the confidentiality line, then a page break.</summary>
/// <param name="model">The cover's view-model.</param>
/// <param name="theme">Colours and sizes of the document.</param>
public sealed class CoverSection(CoverModel model, Theme theme) : ReportSection(theme)
{
    /// <inheritdoc />
    protected override void Compose(ColumnDescriptor column)
    {
        column.Item().Spacer(120);
        column.Item().Text(model.Title).FontSize(24).Bold().FontColor(Theme.Accent);
        column.Item().Text(model.Subtitle).FontSize(14);
        column.Item().Spacer(24);
        Table(column, model.Facts, [1, 3], (cell, index, _) => { if (index == 0) cell.Bold(); }, zebra: false);
        column.Item().Spacer(24);
        column.Item().Text(model.Confidentiality).Bold().FontColor(Theme.Bad);
        column.Item().PageBreak();
    }
}
