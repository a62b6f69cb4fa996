using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>Section 4 on a new page: the campaign table and the forest plot of the uplifts, or the notice that there was none.</summary>
/// <param name="model">The section's view-model.</param>
/// <param name="theme">Colours and sizes of the document.</param>
public sealed class CampaignsSection(CampaignsModel model, Theme theme) : ReportSection(theme)
{
    /// <inheritdoc />
    protected override void Compose(ColumnDescriptor column)
    {
        column.Item().PageBreak();
        column.Item().Heading(model.Heading, 1);
        if (model.Table is not { } table || model.Forest is not { } forest)
        {
            column.Item().Paragraph(model.Notice);
            return;
        }
        Table(column, table, [2.2f, 1.4f, 1.3f, 2.6f, 1.1f, 1.2f, 1.1f, 1.2f, 1.2f], Small(firstNumber: 2, lastNumber: 7));
        if (model.TargetsByLanding is { } landed) column.Item().Text(landed).FontSize(Theme.SmallSize).FontColor(Theme.MutedText);
        if (model.UnmatchedTargets is { } unmatched) column.Item().Text(unmatched).FontSize(Theme.SmallSize).FontColor(Theme.Bad);
        column.Item().Chart(ReportCharts.Forest(forest), Math.Max(140, 40 + 28 * forest.Labels.Count));
        if (model.Power is not { } power) return;
        column.Item().Heading(power.Heading, 2);
        column.Item().Paragraph(power.Rule).FontSize(Theme.SmallSize);
        Table(column, power.Table, [2.2f, 1.3f, 1.2f, 1.2f, 1.3f, 1], Small(firstNumber: 1, lastNumber: 4));
        if (power.TooSmall is { } small) column.Item().Text(small).FontSize(Theme.SmallSize).FontColor(Theme.Bad);
    }
}
