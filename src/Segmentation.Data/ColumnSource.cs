using System.Text.Json.Serialization;

namespace Segmentation.Data;

/// <summary>
/// Where one canonical column comes from in a file, as a schema mapping declares it: a header name, or an expression
/// over the headers (text starting with <c>=</c>, see README "Data model"), with options of the
/// column. In JSON either a string (<c>"CustomerID"</c>, <c>"= Quantity * UnitPrice"</c>) or an object
/// (<c>{ "from": "Chan", "closed": true, "na": ["?"] }</c>).
/// </summary>
[JsonConverter(typeof(ColumnSourceJsonConverter))]
public sealed record ColumnSource
{
    /// <summary>The header, or <c>= expression</c>; null = found by its canonical name.</summary>
    public string? From { get; init; }

    /// <summary>
    /// True: the column's code list is closed — a value outside it is an error (the field becomes missing with a
    /// field-level reject; the row is rejected only for a required column or when the table says
    /// <see cref="TableMapping.InvalidOptional"/> <c>reject</c>). False or null: an optional column's unknown values are
    /// kept as <c>other</c> with a warning.
    /// </summary>
    public bool? Closed { get; init; }

    /// <summary>Missing-value tokens of this column (replace the table's <see cref="TableMapping.Na"/>).</summary>
    public IReadOnlyList<string>? Na { get; init; }

    /// <summary>True when <see cref="From"/> is an expression (starts with <c>=</c>).</summary>
    [JsonIgnore]
    public bool IsExpression => From is { } f && f.TrimStart().StartsWith('=');

    /// <summary>A column read from <paramref name="header"/> (or computed, when it starts with <c>=</c>).</summary>
    public static implicit operator ColumnSource(string header) => new() { From = header };
}
