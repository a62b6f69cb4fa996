using System.Text.Json.Serialization;

namespace Segmentation.Data;

/// <summary>
/// How one input file maps onto a table of the data model: which file, how it is encoded, and which header
/// holds each canonical column. Everything is optional: by default the file is <c>&lt;table&gt;.csv</c> or
/// <c>&lt;table&gt;.parquet</c>, the encoding is detected, and headers are matched to canonical names
/// case-insensitively (spaces and dashes count as underscores).
/// </summary>
public sealed record TableMapping
{
    /// <summary>File path, relative to the data directory (or absolute).</summary>
    public string? File { get; init; }

    /// <summary><c>auto</c> (UTF-8 if valid, else GB18030), <c>utf-8</c> or <c>gb18030</c>.</summary>
    public string Encoding { get; init; } = "auto";

    /// <summary>Field delimiter; null = detected from the header line (comma, semicolon, tab or pipe).</summary>
    public string? Delimiter { get; init; }

    /// <summary>Canonical column → header in the file.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra date/time formats (strptime style, e.g. <c>%Y%m%d</c>, <c>%d/%m/%Y</c>) per canonical column, tried after ISO 8601.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Formats { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Replaces the code list of a categorical column (a company's own categories, e.g. in Chinese).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Categories { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Recodes raw category values before validation (e.g. <c>线上</c> → <c>web</c>), per canonical column.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>True if the column is declared in <see cref="Columns"/>.</summary>
    [JsonIgnore]
    public bool HasExplicitColumns => Columns.Count > 0;
}
