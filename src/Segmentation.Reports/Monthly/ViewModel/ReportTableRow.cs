namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>One body row of a <see cref="ReportTable"/>.</summary>
/// <param name="Cells">Cell texts, one per column.</param>
public sealed record ReportTableRow(IReadOnlyList<string> Cells)
{
    /// <summary>True when the row asks for attention (e.g. a drift index beyond its threshold); the layout colours it.</summary>
    public bool Flagged { get; init; }
}
