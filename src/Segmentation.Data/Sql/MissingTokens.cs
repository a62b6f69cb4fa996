using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Sql;

/// <summary>Missing-value tokens in SQL: a value equal to one of them after trimming reads as NULL.</summary>
internal static class MissingTokens
{
    /// <summary>The tokens that need a comparison (blank ones are blank anyway), trimmed and distinct.</summary>
    public static string[] Effective(IReadOnlyList<string> tokens) =>
        tokens.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary><paramref name="expression"/>, or NULL when its trimmed text is a token.</summary>
    public static string Null(SqlDialect d, string expression, IReadOnlyList<string> tokens)
    {
        var effective = Effective(tokens);
        return effective.Length == 0
            ? expression
            : $"(CASE WHEN trim({d.AsText(expression)}) IN ({string.Join(", ", effective.Select(d.Str))}) THEN NULL ELSE {expression} END)";
    }
}
