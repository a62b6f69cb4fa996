using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>Section 4, continued: the strategy playbook, then next period's budget with its rule.</summary>
/// <param name="model">The playbook's view-model.</param>
/// <param name="theme">Colours and sizes of the document.</param>
public sealed class PlaybookSection(PlaybookModel model, Theme theme) : ReportSection(theme)
{
    /// <inheritdoc />
    protected override void Compose(ColumnDescriptor column)
    {
        column.Item().Heading(model.Heading, 2);
        Table(column, model.Table, [1.6f, 2, 2, 2, 2, 2], (cell, index, _) =>
        {
            cell.FontSize(Theme.SmallSize);
            if (index == 0) cell.Bold();
        });
        if (model.Sizing is { } sizing)
        {
            column.Item().Heading(sizing.Heading, 2);
            column.Item().Paragraph(sizing.Rule).FontSize(Theme.SmallSize);
            Table(column, sizing.Table, [2.2f, 1, 1, 1.1f, 1.1f, 1.1f, 2], Small(firstNumber: 1, lastNumber: 5));
        }
        if (model.Budget is not { } budget) return;
        column.Item().Heading(budget.Heading, 2);
        column.Item().Paragraph(budget.Rule).FontSize(Theme.SmallSize);
        Table(column, budget.Table, [2.4f, 1, 1, 1, 1, 1.3f], (cell, index, _) => { if (index > 0) cell.AlignRight(); });
    }
}
