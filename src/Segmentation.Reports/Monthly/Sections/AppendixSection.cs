using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>The appendix on a new page: data quality, drift (status green when stable, red otherwise), validation indices and the
/// KPI definitions.</summary>
/// <param name="model">The appendix's view-model.</param>
/// <param name="theme">Colours and sizes of the document.</param>
public sealed class AppendixSection(AppendixModel model, Theme theme) : ReportSection(theme)
{
    /// <inheritdoc />
    protected override void Compose(ColumnDescriptor column)
    {
        column.Item().PageBreak();
        column.Item().Heading(model.Heading, 1);
        column.Item().Heading(model.DataQualityHeading, 2);
        Table(column, model.DataQuality, [2, 1, 1, 1], RightFrom(1));
        column.Item().Text(model.Reconciles).FontSize(Theme.SmallSize);
        if (model.RejectsByRule is { } rejects) Table(column, rejects, [2, 2, 1], RightFrom(2), zebra: false);

        column.Item().Heading(model.DriftHeading, 2);
        if (model.Drift is { } drift)
            Table(column, drift, [2, 1, 1], (cell, index, row) =>
            {
                if (index == 1) cell.AlignRight();
                if (index == 2) cell.FontColor(row!.Flagged ? Theme.Bad : Theme.Good);
            }, zebra: false);
        column.Item().Text(model.DriftNote).FontSize(Theme.SmallSize).FontColor(Theme.MutedText);

        column.Item().Heading(model.ValidationHeading, 2);
        Table(column, model.Validation, [3, 1], RightFrom(1), zebra: false);

        column.Item().Heading(model.DefinitionsHeading, 2);
        Table(column, model.Definitions, [1.6f, 1, 4], Small());
    }

    private static Action<TextDescriptor, int, ReportTableRow?> RightFrom(int first) => (cell, index, _) => { if (index >= first) cell.AlignRight(); };
}
