using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Sql;

/// <summary>The rules one column is validated by, resolved from the data model, the import spec and the ingest options.</summary>
/// <param name="Spec">The column of the data model (with the mapping's code list, if any).</param>
/// <param name="Categories">The code list, or null for a column without one.</param>
/// <param name="OpenList">
/// True for an optional, unordered code list the spec does not close: a value outside it is kept as <c>other</c> (with a
/// warning per value); false: such a value is an error.
/// </param>
/// <param name="Recode">Raw value → code, applied after missing-value tokens and before the checks; null when none.</param>
/// <param name="Formats">Date formats tried after ISO 8601.</param>
/// <param name="Na">Tokens that mean "missing" (compared after trimming).</param>
/// <param name="RejectsRow">True: an error in this column rejects the row (a required column, or the spec says
/// <c>invalid_optional: reject</c>); false: the field becomes missing with a field-level reject and the row stays.</param>
/// <param name="ChecksPersonalData">True for free text outside the key and id columns: values that look like an e-mail,
/// phone or id-card number are errors. Ids are pseudonymised, never judged.</param>
/// <param name="Computed">The expression computing the column from the file's headers, or null for a column read as it is.</param>
/// <param name="Dates">For a date or date-time column read from text: the formats and offsets found in its values, or null.</param>
internal sealed record ColumnRules(
    ColumnSpec Spec,
    IReadOnlyList<string>? Categories,
    bool OpenList,
    IReadOnlyDictionary<string, string>? Recode,
    IReadOnlyList<string> Formats,
    IReadOnlyList<string> Na,
    bool RejectsRow,
    bool ChecksPersonalData,
    DateReading? Dates = null,
    Expressions.ColumnExpression? Computed = null)
{
    /// <summary>The canonical column name.</summary>
    public string Name => Spec.Name;
}
