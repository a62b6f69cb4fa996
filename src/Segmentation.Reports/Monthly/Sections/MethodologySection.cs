using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>The methodology of this run, at the end of the appendix, in small type.</summary>
/// <param name="model">The methodology's view-model.</param>
/// <param name="theme">Colours and sizes of the document.</param>
public sealed class MethodologySection(MethodologyModel model, Theme theme) : ReportSection(theme)
{
    /// <inheritdoc />
    protected override void Compose(ColumnDescriptor column)
    {
        column.Item().Heading(model.Heading, 2);
        foreach (var paragraph in model.Paragraphs) column.Item().Paragraph(paragraph).FontSize(Theme.SmallSize);
    }
}
