using Segmentation.Analytics.Engines;
using Segmentation.Data.Expressions;

namespace Segmentation.Data;

/// <summary>
/// The schema step of ingest: maps a file's headers to the columns of a table of the data model — as the mapping
/// declares them, else by normalised name (<c>Customer ID</c> → <c>customer_id</c>) — and keeps direct-identifier
/// headers out.
/// </summary>
public static class ColumnMapper
{
    /// <summary>Maps <paramref name="headers"/> of <paramref name="file"/> onto <paramref name="spec"/>.</summary>
    /// <exception cref="DataFileException">A declared header is absent, or a required column cannot be found (row 1, the column named).</exception>
    public static ColumnMap Map(TableSpec spec, TableMapping mapping, IReadOnlyList<string> headers, string file)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(headers);
        // A header that is a canonical column of this table (campaigns.name) is not an identifier.
        var identifiers = headers.Where(h => PersonalDataGuard.IsIdentifierHeader(h) && spec.Find(PersonalDataGuard.Normalize(h)) is null).ToArray();
        var present = new Dictionary<string, string>();
        var computed = new Dictionary<string, ColumnExpression>();
        foreach (var c in spec.Columns)
        {
            string? header;
            if (mapping.For(c.Name) is { IsExpression: true } source)
            {
                computed[c.Name] = Resolve(ParseExpression(source.From!, c.Name, file), c.Name, headers, identifiers, file);
                continue;
            }
            if (mapping.For(c.Name)?.From is { } declared)
            {
                header = headers.FirstOrDefault(h => string.Equals(h, declared, StringComparison.Ordinal))
                    ?? headers.FirstOrDefault(h => string.Equals(h, declared, StringComparison.OrdinalIgnoreCase))
                    ?? throw new DataFileException(file, $"the schema mapping says column '{c.Name}' is '{declared}', but the header has no such column; headers are: {HeaderList(headers)}", row: 1, column: c.Name);
            }
            else
            {
                header = headers.FirstOrDefault(h => PersonalDataGuard.Normalize(h) == c.Name)
                    ?? headers.FirstOrDefault(h => PersonalDataGuard.Normalize(h).Replace("_", "") == c.Name.Replace("_", ""));
            }
            if (header is not null && identifiers.Contains(header)) header = null;
            if (header is null)
            {
                if (c.Required)
                    throw new DataFileException(file, $"required column '{c.Name}' not found; headers are: {HeaderList(headers)} (map it in schema.json)", row: 1, column: c.Name);
                continue;
            }
            present[c.Name] = header;
        }
        var used = computed.Values.SelectMany(e => e.Headers).ToHashSet(StringComparer.Ordinal);
        var ignored = headers.Where(h => !present.ContainsValue(h) && !used.Contains(h) && !identifiers.Contains(h)).ToArray();
        return new ColumnMap(present, identifiers, ignored) { Computed = computed };
    }

    private static ColumnExpression ParseExpression(string text, string column, string file)
    {
        try
        {
            return ColumnExpression.Parse(text);
        }
        catch (ColumnExpressionException e)
        {
            throw new DataFileException(file, $"the schema mapping computes '{column}' with an expression that cannot be read: {e.Message}", column: column);
        }
    }

    /// <summary>The expression with its header names as the file spells them (exact match first, then ignoring case).</summary>
    private static ColumnExpression Resolve(ColumnExpression expression, string column, IReadOnlyList<string> headers, IReadOnlyList<string> identifiers, string file)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var h in expression.Headers)
        {
            var found = headers.FirstOrDefault(x => string.Equals(x, h, StringComparison.Ordinal))
                ?? headers.FirstOrDefault(x => string.Equals(x, h, StringComparison.OrdinalIgnoreCase))
                ?? throw new DataFileException(file, $"the expression for '{column}' (= {expression.Text}) reads '{h}', but the header has no such column; headers are: {HeaderList(headers)}", row: 1, column: column);
            if (identifiers.Contains(found))
                throw new DataFileException(file, $"the expression for '{column}' reads '{found}', a direct identifier, which is never read", row: 1, column: column);
            names[h] = found;
        }
        return names.All(kv => kv.Key == kv.Value) ? expression : expression.WithHeaders(names);
    }

    /// <summary>The headers for a message: at most 20, each cleaned and masked, each at most 32 characters (a binary file's "header" is not dumped).</summary>
    internal static string HeaderList(IReadOnlyList<string> headers)
    {
        var shown = headers.Take(20).Select(h => DisplayText.Excerpt(h)).Select(h => "'" + (h.Length > 32 ? h[..29] + "..." : h) + "'");
        return string.Join(", ", shown) + (headers.Count > 20 ? $" and {headers.Count - 20} more" : "");
    }
}
