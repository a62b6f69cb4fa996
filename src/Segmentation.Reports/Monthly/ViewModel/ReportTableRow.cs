namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>One body row of a <see cref="ReportTable"/>.</summary>
/// <param name="Cells">Cell texts, one per column.</param>
public sealed record ReportTableRow(IReadOnlyList<string> Cells)
{
    /// <summary>True when the row asks for attention (e.g. a drift index beyond its threshold); the layout colours it.</summary>
    public bool Flagged { get; init; }

    /// <summary>Per cell, the interval printed under the estimate (e.g. "(1,121–1,236)"), or null where the cell is no estimate, is
    /// suppressed, or has no interval; null for a row without intervals. <see cref="Cells"/> keep the estimates alone.</summary>
    public IReadOnlyList<string?>? Intervals { get; init; }

    /// <summary>The text a cell prints: the estimate, and its interval on the next line when it has one.</summary>
    public string Printed(int index) => Intervals is { } ci && index < ci.Count && ci[index] is { } interval ? Cells[index] + "\n" + interval : Cells[index];
}
