using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>Section 7 on a new page: a randomised experiment's arm effects, its effects by segment and what they say.</summary>
/// <param name="model">The section's view-model.</param>
/// <param name="theme">Colours and sizes of the document.</param>
public sealed class RandomisedExperimentSection(ExperimentModel model, Theme theme) : ReportSection(theme)
{
    /// <inheritdoc />
    protected override void Compose(ColumnDescriptor column)
    {
        column.Item().PageBreak();
        column.Item().Heading(model.Heading, 1);
        column.Item().Paragraph(model.Intro);
        Table(column, model.Arms, [1.6f, 1.1f, 1.1f, 1.1f, 2.4f, 0.9f, 1], Small(firstNumber: 2));
        column.Item().Heading(model.SegmentsHeading, 2);
        Table(column, model.Segments, [1.8f, 1.5f, 1, 2.4f, 1, 1.3f], Small(firstNumber: 3, lastNumber: 4));
        foreach (var sentence in model.Statements) column.Item().Paragraph("• " + sentence).FontSize(Theme.SmallSize);
        column.Item().Text(model.Note).FontSize(Theme.SmallSize).FontColor(Theme.MutedText);
    }
}
