using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>Section 1: a row of KPI cards, then the findings as bullets.</summary>
/// <param name="model">The summary's view-model.</param>
/// <param name="theme">Colours and sizes of the document.</param>
public sealed class ExecutiveSummarySection(ExecutiveSummaryModel model, Theme theme) : ReportSection(theme)
{
    /// <inheritdoc />
    protected override void Compose(ColumnDescriptor column)
    {
        column.Item().Heading(model.Heading, 1);
        column.Item().Row(row =>
        {
            row.Spacing(6);
            foreach (var card in model.Cards) row.RelativeItem().KpiCard(card.Label, card.Value, card.Delta, card.Favourable);
        });
        if (model.Intervals.Count > 0 && model.IntervalsHeading is { } heading)
            column.Item().Text(heading + "\n" + string.Join("\n", model.Intervals)).FontSize(Theme.SmallSize).FontColor(Theme.MutedText);
        column.Item().Heading(model.FindingsHeading, 2);
        foreach (var finding in model.Findings) column.Item().Paragraph("• " + finding);
    }
}
