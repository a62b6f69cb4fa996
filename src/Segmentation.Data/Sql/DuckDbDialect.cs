using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Sql;

/// <summary>DuckDB rendering.</summary>
public sealed class DuckDbDialect : SqlDialect
{
    /// <summary>The one instance.</summary>
    public static DuckDbDialect Instance { get; } = new();

    private DuckDbDialect() { }

    /// <inheritdoc/>
    public override string Name => "duckdb";

    /// <inheritdoc />
    public override bool SortsTextByCodePoint => true;
    public override string TryDouble(string e) => $"TRY_CAST(trim({AsText(e)}) AS DOUBLE)";
    public override string TryInteger(string e) =>
        $"(CASE WHEN regexp_full_match(trim({AsText(e)}), '[+-]?[0-9]+(\\.0*)?') THEN TRY_CAST(TRY_CAST(trim({AsText(e)}) AS DOUBLE) AS BIGINT) END)";
    public override string TryTimestamp(string e, IReadOnlyList<string> formats)
    {
        var text = $"trim({AsText(e)})";
        var parts = new List<string> { $"TRY_CAST({text} AS TIMESTAMP)" };
        parts.AddRange(formats.Select(f => $"TRY_STRPTIME({text}, {Str(f)})"));
        return $"COALESCE({string.Join(", ", parts)})";
    }
    /// <summary>An explicit ANTI JOIN: DuckDB plans NOT EXISTS as a join against the distinct outer keys, which costs a
    /// group-by over the whole outer table (about twice the time on 12 M transactions against 1 M customers); same rows.</summary>
    public override string SelectUnmatched(string columns, string table, string alias, string other, string otherAlias, string match, string condition) =>
        $"SELECT {columns} FROM {table} {alias} ANTI JOIN {other} {otherAlias} ON {match} WHERE {condition}";
    /// <summary>
    /// The values of each group are collected in a list and its distinct values counted: <c>list_distinct</c> drops NULLs as
    /// <c>count(DISTINCT)</c> does, and a group without a matching row counts 0. Meant for small groups (one customer's
    /// transactions): DuckDB's DISTINCT aggregate keeps a second hash table over every (group, value) pair, which cost about
    /// twice as much CPU per customer aggregate at 10 M transactions and 1 M customers.
    /// </summary>
    public override string CountDistinctIf(string expression, string condition) =>
        $"COALESCE(len(list_distinct(list({expression}) FILTER (WHERE {condition}))), 0)";
    public override string MonthStart(string ts) => $"CAST(date_trunc('month', {ts}) AS TIMESTAMP)";
    public override string Matches(string e, string pattern) => $"regexp_full_match({e}, {Str(pattern)})";
    // The session time zone is UTC (DataWorkspace), so a TIMESTAMPTZ cast to TIMESTAMP is UTC wall-clock time.
    public override string ZonedTimestamp(string e, string? zone, int offsetMinutes) => zone is null
        ? $"(CAST(TRY_CAST(trim({AsText(e)}) AS TIMESTAMPTZ) AS TIMESTAMP) + INTERVAL ({offsetMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)}) MINUTE)"
        : $"timezone({Str(zone)}, TRY_CAST(trim({AsText(e)}) AS TIMESTAMPTZ))";
}
