namespace Segmentation.Reports.Composition;

/// <summary>
/// The PDF's information dictionary. Dates are written only when given, and never taken from the
/// clock: the same content and metadata give a byte-identical file.
/// </summary>
/// <param name="Title">Document title.</param>
/// <param name="Author">Author.</param>
/// <param name="Subject">Subject.</param>
/// <param name="Keywords">Keywords, comma separated.</param>
/// <param name="CreationDate">Creation (and modification) date to record, e.g. the report's as-of date; null = none.</param>
public sealed record DocumentMetadata(string? Title = null, string? Author = null, string? Subject = null,
                                      string? Keywords = null, DateTime? CreationDate = null);
