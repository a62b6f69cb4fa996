namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>A table of the report as it prints: header texts and rows of cell texts, already formatted and suppressed.</summary>
/// <param name="Header">Header cells; empty for a table without a header row.</param>
/// <param name="Rows">Body rows, in print order.</param>
public sealed record ReportTable(IReadOnlyList<string> Header, IReadOnlyList<ReportTableRow> Rows);
