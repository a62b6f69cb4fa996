using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>Section 6.1: next month's forecast per segment with intervals and last month's forecast against its actuals, or the
/// one sentence saying there is no reliable model.</summary>
/// <param name="model">The section's view-model.</param>
/// <param name="theme">Colours and sizes of the document.</param>
public sealed class ForecastSection(ForecastModel model, Theme theme) : ReportSection(theme)
{
    /// <inheritdoc />
    protected override void Compose(ColumnDescriptor column)
    {
        column.Item().Heading(model.Heading, 1);
        if (model.Notice is { } notice)
        {
            column.Item().Paragraph(notice);
            return;
        }
        if (model.Intro is { } intro) column.Item().Paragraph(intro).KeepWithNext();
        if (model.Table is { } table) Table(column, table, [2.2f, 1, 1.6f, 1.6f, 2], BoldNameThenNumbers);
        if (model.PreviousSummary is { } summary) column.Item().Paragraph(summary).KeepWithNext();
        if (model.PreviousTable is { } previous) Table(column, previous, [1.8f, 1.5f, 0.9f, 1.5f, 0.9f, 1.8f, 1.1f, 1.3f], Small(firstNumber: 1));
    }
}
