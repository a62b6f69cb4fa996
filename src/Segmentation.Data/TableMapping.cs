using System.Text.Json.Serialization;

namespace Segmentation.Data;

/// <summary>
/// How one input file maps onto a table of the data model — the import spec of one table: which file (or query), how it
/// is encoded, which header or expression gives each canonical column, which tokens mean "missing", how dates are
/// written, how values are recoded, which code lists are closed, and whether rows are line items. Everything is
/// optional: by default the file is <c>&lt;table&gt;.csv</c> or <c>&lt;table&gt;.parquet</c>, the encoding and delimiter
/// are detected, and headers are matched to canonical names case-insensitively (spaces and dashes count as underscores).
/// </summary>
public sealed record TableMapping
{
    /// <summary>The default missing-value tokens: <c>"", "NA", "N/A", "NULL", "null", "None", "-"</c> (compared after trimming, case-sensitive).</summary>
    public static IReadOnlyList<string> DefaultNa { get; } = ["", "NA", "N/A", "NULL", "null", "None", "-"];

    /// <summary>File path, relative to the data directory (or absolute).</summary>
    public string? File { get; init; }

    /// <summary>
    /// A read-only <c>SELECT</c> over the files of the data directory (joins of a multi-table export) whose result is read
    /// as this table's file; run only when the schema was passed explicitly or queries are allowed (see <see cref="IngestOptions.AllowQueries"/>).
    /// </summary>
    public string? Query { get; init; }

    /// <summary><c>auto</c> (a byte-order mark, else UTF-8 if valid, else GB18030), <c>utf-8</c>, <c>utf-16le</c>, <c>utf-16be</c> or <c>gb18030</c>.</summary>
    public string Encoding { get; init; } = "auto";

    /// <summary>Field delimiter; null = detected from the header line (comma, semicolon, tab or pipe).</summary>
    public string? Delimiter { get; init; }

    /// <summary>Canonical column → header in the file, <c>= expression</c> over the headers, or an object with options.</summary>
    public IReadOnlyDictionary<string, ColumnSource> Columns { get; init; } = new Dictionary<string, ColumnSource>();

    /// <summary>Date/time formats (strptime style, e.g. <c>%Y%m%d</c>, <c>%d/%m/%Y %H:%M</c>) per canonical column, tried after ISO 8601; declared formats also settle a day-first/month-first ambiguity.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Formats { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Replaces the code list of a categorical column (a company's own categories, e.g. in Chinese).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Categories { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Recodes raw category values before validation (e.g. <c>线上</c> → <c>web</c>), per canonical column.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Missing-value tokens of every column of the table (null = <see cref="DefaultNa"/>); a column's own <see cref="ColumnSource.Na"/> replaces them.</summary>
    public IReadOnlyList<string>? Na { get; init; }

    /// <summary>True: every code list of the table is closed (see <see cref="ColumnSource.Closed"/>).</summary>
    public bool Closed { get; init; }

    /// <summary><c>keep</c> (default) or <c>reject</c>: transactions with amount 0 (a command-line <c>--zero-amounts</c> overrides it).</summary>
    public string? ZeroAmounts { get; init; }

    /// <summary>
    /// <c>clear</c> (default): an invalid value of an optional column becomes missing with a field-level reject and the row
    /// stays; <c>reject</c>: the row is rejected (the rule before import specs).
    /// </summary>
    public string? InvalidOptional { get; init; }

    /// <summary>
    /// <c>sum</c>: rows sharing the key are the lines of one record (line items of one transaction): amount, cost and
    /// quantity are summed, other fields come from the first line (lines that disagree are reported); only rows equal in
    /// every column of the file are duplicates. Null: one row per record, a repeated key is a duplicate.
    /// </summary>
    public string? Lines { get; init; }

    /// <summary>
    /// The time zone timestamps are held in (IANA name such as <c>Asia/Shanghai</c>, or an offset such as <c>+08:00</c>):
    /// values carrying an offset (<c>…+08:00</c>, <c>…Z</c>) are converted to it. Null: the data's local time (the most
    /// frequent offset in the column; values without an offset are taken as written).
    /// </summary>
    public string? Timezone { get; init; }

    /// <summary>The source of a canonical column, or null when the mapping does not declare it.</summary>
    public ColumnSource? For(string column) => Columns.TryGetValue(column, out var s) ? s : null;

    /// <summary>The missing-value tokens of a canonical column.</summary>
    public IReadOnlyList<string> NaFor(string column) => For(column)?.Na ?? Na ?? DefaultNa;

    /// <summary>True if the code list of <paramref name="column"/> is closed.</summary>
    public bool IsClosed(string column) => For(column)?.Closed ?? Closed;

    /// <summary>True if the column is declared in <see cref="Columns"/>.</summary>
    [JsonIgnore]
    public bool HasExplicitColumns => Columns.Count > 0;
}
