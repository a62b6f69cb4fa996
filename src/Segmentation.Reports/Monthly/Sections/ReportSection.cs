using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>
/// A section of the monthly report as a component: its items stacked in a column spaced like the report's sections, laid out
/// from its view-model only (no evaluation, no business rules, no texts of its own).
/// </summary>
/// <param name="theme">Colours and sizes of the document.</param>
public abstract class ReportSection(Theme theme) : IComponent
{
    /// <summary>Vertical gap between the items of a section and between sections, in points.</summary>
    public const float ItemSpacing = 8;

    /// <summary>Colours and sizes of the document.</summary>
    protected Theme Theme { get; } = theme ?? throw new ArgumentNullException(nameof(theme));

    /// <inheritdoc />
    public void Compose(Container container)
    {
        ArgumentNullException.ThrowIfNull(container);
        container.Column(column =>
        {
            column.Spacing(ItemSpacing);
            Compose(column);
        });
    }

    /// <summary>Adds the section's items to <paramref name="column"/>.</summary>
    protected abstract void Compose(ColumnDescriptor column);

    /// <summary>
    /// A table of <paramref name="model"/>: columns of the relative <paramref name="widths"/>, the header row when there is one, every
    /// body cell styled by <paramref name="body"/> (the cell, its column index and its row) and every header cell by
    /// <paramref name="header"/> (default: as the theme; the row is null). A word never splits inside a cell: a cell whose widest word
    /// does not fit is set smaller.
    /// </summary>
    protected static void Table(ColumnDescriptor column, ReportTable model, float[] widths, Action<TextDescriptor, int, ReportTableRow?> body, bool zebra = true, Action<TextDescriptor, int, ReportTableRow?>? header = null) =>
        column.Item().Table(t =>
        {
            t.Columns(c => { foreach (float w in widths) c.Relative(w); });
            if (model.Header.Count > 0)
                t.Header(h =>
                {
                    for (int i = 0; i < model.Header.Count; i++)
                    {
                        var cell = h.Cell().Text(model.Header[i]).ShrinkWordsToFit();
                        header?.Invoke(cell, i, null);
                    }
                });
            if (zebra) t.ZebraStripes();
            foreach (var row in model.Rows)
                for (int i = 0; i < row.Cells.Count; i++)
                {
                    if (row.Intervals is { } intervals && i < intervals.Count && intervals[i] is { } interval)
                    {
                        // The estimate as every other cell, its interval on a line of its own in a smaller size: a wide interval never
                        // shrinks the estimate above it.
                        int index = i;
                        t.Cell().Column(cell =>
                        {
                            body(cell.Item().Text(row.Cells[index]).ShrinkWordsToFit(), index, row);
                            var under = cell.Item().Text(interval).ShrinkWordsToFit();
                            body(under, index, row);
                            under.FontSize(IntervalSize).Bold(false).FontColor(Theme.Default.MutedText);
                        });
                    }
                    else body(t.Cell().Text(row.Cells[i]).ShrinkWordsToFit(), i, row);
                }
        });

    /// <summary>Size of an interval printed under its estimate in a table cell.</summary>
    public const float IntervalSize = 6.5f;

    /// <summary>Body cells: the first column bold, the others right-aligned (numbers).</summary>
    protected static void BoldNameThenNumbers(TextDescriptor cell, int index, ReportTableRow? row)
    {
        if (index == 0) cell.Bold();
        else cell.AlignRight();
    }

    /// <summary>Body cells in the small size, right-aligned from column <paramref name="firstNumber"/> on.</summary>
    protected Action<TextDescriptor, int, ReportTableRow?> Small(int firstNumber = int.MaxValue, int lastNumber = int.MaxValue) => (cell, index, _) =>
    {
        cell.FontSize(Theme.SmallSize);
        if (index >= firstNumber && index <= lastNumber) cell.AlignRight();
    };
}
