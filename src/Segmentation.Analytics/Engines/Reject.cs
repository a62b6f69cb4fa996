namespace Segmentation.Analytics.Engines;

/// <summary>One input row that was not accepted, and why.</summary>
/// <param name="File">The input file (or database table).</param>
/// <param name="Row">Row number in the file, counting the header as row 1 (= the line number when no field holds a
/// line break); for Parquet and database tables the 1-based record number.</param>
/// <param name="Column">Canonical column the problem is in, or <c>*</c> for the whole row.</param>
/// <param name="Rule">Short code of the rule that failed (<see cref="RejectRules"/>), for counting by reason.</param>
/// <param name="Reason">What is wrong and what was expected, in a sentence.</param>
/// <param name="Value">The offending raw value (truncated to 80 characters), or null.</param>
public sealed record Reject(string File, long Row, string Column, string Rule, string Reason, string? Value);
