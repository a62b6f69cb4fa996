using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>The cover page: title, period, the month's headline (three KPI cards and the top finding), the facts of the run, a
/// look-ahead warning when there is one, and the confidentiality line, then a page break.</summary>
/// <param name="model">The cover's view-model.</param>
/// <param name="theme">Colours and sizes of the document.</param>
public sealed class CoverSection(CoverModel model, Theme theme) : ReportSection(theme)
{
    /// <inheritdoc />
    protected override void Compose(ColumnDescriptor column)
    {
        column.Item().Spacer(90);
        column.Item().Text(model.Title).FontSize(24).Bold().FontColor(Theme.Accent);
        column.Item().Text(model.Subtitle).FontSize(14);
        column.Item().Spacer(24);
        if (model.Cards.Count > 0)
        {
            column.Item().Heading(model.HeadlineHeading, 2);
            column.Item().Row(row =>
            {
                row.Spacing(8);
                foreach (var card in model.Cards) row.RelativeItem().KpiCard(card.Label, card.Value, card.Delta, card.Favourable);
            });
        }
        if (model.Headline.Length > 0) column.Item().Paragraph(model.Headline);
        column.Item().Spacer(24);
        Table(column, model.Facts, [1.5f, 3], (cell, index, _) => { if (index == 0) cell.Bold(); }, zebra: false);
        if (model.Warning is { } warning)
        {
            column.Item().Spacer(12);
            column.Item().Text(warning).Bold().FontColor(Theme.Bad);
        }
        column.Item().Spacer(24);
        column.Item().Text(model.Confidentiality).Bold().FontColor(Theme.Bad);
        column.Item().PageBreak();
    }
}
