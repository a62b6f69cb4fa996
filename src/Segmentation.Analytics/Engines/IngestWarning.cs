namespace Segmentation.Analytics.Engines;

/// <summary>
/// Something the ingest kept but the user should know: a value outside an open code list kept as <c>other</c>, zero
/// amounts kept as purchase occasions, line items that disagree, a time zone conversion. Not a reject: the rows stay.
/// </summary>
/// <param name="File">The input file (or table).</param>
/// <param name="Column">Canonical column, or <c>*</c>.</param>
/// <param name="Code">Short code for counting (<see cref="IngestWarningCodes"/>).</param>
/// <param name="Message">What was found and what was done, in a sentence (personal values masked).</param>
/// <param name="Rows">Rows concerned.</param>
public sealed record IngestWarning(string File, string Column, string Code, string Message, long Rows);
