using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>Section 6: at-risk customers and value at risk per segment, or the notice that the models could not be fitted.</summary>
/// <param name="model">The section's view-model.</param>
/// <param name="theme">Colours and sizes of the document.</param>
public sealed class ChurnSection(ChurnModel model, Theme theme) : ReportSection(theme)
{
    /// <inheritdoc />
    protected override void Compose(ColumnDescriptor column)
    {
        column.Item().Heading(model.Heading, 1);
        if (model.Table is not { } table)
        {
            column.Item().Paragraph(model.Notice);
            return;
        }
        if (model.Basis is { } basis) column.Item().Paragraph(basis);
        Table(column, table, [2.4f, 1, 1, 1, 1.3f, 1.3f, 1], BoldNameThenNumbers);
        if (model.IntervalNote is { } intervals) column.Item().Text(intervals).FontSize(Theme.SmallSize).FontColor(Theme.MutedText);
    }
}
