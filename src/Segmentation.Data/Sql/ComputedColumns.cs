using Segmentation.Analytics.Engines;
using Segmentation.Data.Expressions;

namespace Segmentation.Data.Sql;

/// <summary>
/// The staged form of computed columns: the expression's value under the canonical name, and for arithmetic a flag
/// <c>__x_&lt;column&gt;</c> (an operand holds text that is no number) with the operands <c>__v_&lt;column&gt;</c> to show in
/// the reject — so a failed computation is a type error of the row, never a silent 0 or a "missing" value.
/// </summary>
internal static class ComputedColumns
{
    /// <summary>The flag column of a computed column.</summary>
    public static string Flag(string column) => "__x_" + column;

    /// <summary>The operands column of a computed column.</summary>
    public static string Operands(string column) => "__v_" + column;

    /// <summary>The select items staging <paramref name="column"/> from <paramref name="expression"/>; headers read with the column's missing-value tokens.</summary>
    public static IEnumerable<string> Stage(SqlDialect d, string column, ColumnExpression expression, IReadOnlyList<string> tokens)
    {
        string Header(string h) => MissingTokens.Null(d, d.Id(h), tokens);
        yield return $"{expression.Render(d, Header)} AS {d.Id(column)}";
        if (expression.NumericHeaders.Count == 0) yield break;
        string bad = string.Join(" OR ", expression.NumericHeaders.Select(h =>
            $"(trim(COALESCE({d.AsText(Header(h))}, '')) <> '' AND {d.TryDouble(Header(h))} IS NULL)"));
        yield return $"({bad}) AS {d.Id(Flag(column))}";
        string operands = string.Join(" || '; ' || ", expression.NumericHeaders.Select(h => $"{d.Str(h + "=")} || COALESCE({d.AsText(d.Id(h))}, '')"));
        yield return $"(CASE WHEN {bad} THEN {operands} END) AS {d.Id(Operands(column))}";
    }
}
