using System.Globalization;

namespace Segmentation.Analytics.Engines;

/// <summary>
/// The few places where SQL engines differ, so each query of the product is written once and rendered per engine.
/// Expressions take and return SQL text; literals are rendered invariantly.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>Engine name as used on the command line (<c>duckdb</c>, <c>postgres</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Quotes an identifier.</summary>
    public virtual string Id(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <summary>A string literal.</summary>
    public virtual string Str(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>A number literal (invariant, round-trip).</summary>
    public string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A timestamp literal.</summary>
    public virtual string Timestamp(DateTime value) => $"TIMESTAMP '{value:yyyy-MM-dd HH:mm:ss}'";

    /// <summary>The value as text (any input type).</summary>
    public virtual string AsText(string expression) => $"CAST({expression} AS VARCHAR)";

    /// <summary>Parses a double; NULL when the text is not a number.</summary>
    public abstract string TryDouble(string expression);

    /// <summary>Parses a 64-bit integer; NULL when the text is not an integer.</summary>
    public abstract string TryInteger(string expression);

    /// <summary>Parses a timestamp from ISO text (date or date-time) or the given strptime-style formats; NULL if none applies.</summary>
    public abstract string TryTimestamp(string expression, IReadOnlyList<string> formats);

    /// <summary>Parses a boolean (1/0, true/false, yes/no, y/n, t/f, 是/否); NULL if none applies.</summary>
    public virtual string TryBoolean(string expression)
    {
        var t = $"lower(trim({AsText(expression)}))";
        return $"CASE WHEN {t} IN ('1','true','t','yes','y','是','1.0') THEN TRUE WHEN {t} IN ('0','false','f','no','n','否','0.0') THEN FALSE END";
    }

    /// <summary>
    /// Parses a date-time that ends in a UTC offset (<c>…+08:00</c>, <c>…Z</c>) and returns the wall-clock time in
    /// <paramref name="zone"/> (an IANA name) or, when it is null, at the fixed offset <paramref name="offsetMinutes"/>
    /// east of UTC; NULL if the text does not parse.
    /// </summary>
    /// <remarks>The default is standard SQL (<c>AT TIME ZONE</c>); engines override it with their safe parse.</remarks>
    public virtual string ZonedTimestamp(string textExpression, string? zone, int offsetMinutes) =>
        $"(CAST({textExpression} AS TIMESTAMP WITH TIME ZONE) AT TIME ZONE {(zone is null ? $"INTERVAL '{offsetMinutes.ToString(CultureInfo.InvariantCulture)}' MINUTE" : Str(zone))})";

    /// <summary>The first capture group of a POSIX regular expression in the text (NULL or empty when it does not match).</summary>
    public virtual string RegexExtract(string textExpression, string pattern) => $"regexp_extract({textExpression}, {Str(pattern)}, 1)";

    /// <summary>True when the text matches a POSIX regular expression.</summary>
    public abstract string Matches(string textExpression, string pattern);

    /// <summary>Whole days from <paramref name="from"/> to <paramref name="to"/> (calendar dates).</summary>
    public virtual string DaysBetween(string from, string to) => $"(CAST({to} AS DATE) - CAST({from} AS DATE))";

    /// <summary>The first day of the month of a timestamp, as a timestamp.</summary>
    public abstract string MonthStart(string timestamp);

    /// <summary>Rows where <paramref name="condition"/> holds.</summary>
    public virtual string CountIf(string condition) => $"count(*) FILTER (WHERE {condition})";

    /// <summary>Distinct values of <paramref name="expression"/> among rows where <paramref name="condition"/> holds.</summary>
    public virtual string CountDistinctIf(string expression, string condition) => $"count(DISTINCT {expression}) FILTER (WHERE {condition})";

    /// <summary>Sum of <paramref name="expression"/> over rows where <paramref name="condition"/> holds (NULL if none).</summary>
    public virtual string SumIf(string expression, string condition) => $"sum({expression}) FILTER (WHERE {condition})";

    /// <summary>Minimum over rows where the condition holds.</summary>
    public virtual string MinIf(string expression, string condition) => $"min({expression}) FILTER (WHERE {condition})";

    /// <summary>Maximum over rows where the condition holds.</summary>
    public virtual string MaxIf(string expression, string condition) => $"max({expression}) FILTER (WHERE {condition})";

    /// <summary>Exact money: a decimal with 2 places, so sums are identical in every engine.</summary>
    public virtual string Money(string expression) => $"CAST({expression} AS DECIMAL(18, 2))";

    /// <summary>Casts to double.</summary>
    public string ToDouble(string expression) => $"CAST({expression} AS {DoubleType})";

    /// <summary>Casts to a 64-bit integer.</summary>
    public virtual string ToBigInt(string expression) => $"CAST({expression} AS BIGINT)";

    /// <summary>Creates (replacing) a temporary table from a query.</summary>
    public virtual string CreateTempTableAs(string name, string query) => $"DROP TABLE IF EXISTS {Id(name)}; CREATE TEMP TABLE {Id(name)} AS {query}";

    /// <summary>A typed NULL (<paramref name="type"/> as written for this engine, e.g. <c>BIGINT</c>).</summary>
    public virtual string NullOf(string type) => $"CAST(NULL AS {type})";

    /// <summary>The smaller of two values.</summary>
    public virtual string Least(string a, string b) => $"LEAST({a}, {b})";

    /// <summary>A date or timestamp plus whole days, as a timestamp.</summary>
    public virtual string AddDays(string expression, int days) => $"{expression} + INTERVAL '{days.ToString(CultureInfo.InvariantCulture)} day'";

    /// <summary>True if a join condition may compare ranges (<c>ON a.t &gt;= b.start</c>); false: equality conditions only.</summary>
    public virtual bool JoinsOnRanges => true;

    /// <summary>
    /// True when the engine inlines a named sub-query at every reference (ClickHouse 18.16): a query then avoids reading
    /// the same expensive sub-query twice.
    /// </summary>
    public virtual bool InlinesSubqueries => false;

    /// <summary>
    /// True when rows are best summed per customer (and month) before they are joined to a customers' table (ClickHouse on a
    /// cluster: each shard sums the rows it holds, and only the sums cross the network). False when the engine joins the rows
    /// themselves faster: for DuckDB the per-customer GROUP BY on text ids costs several times the join (docs/bench-issue18.md,
    /// ninth round). Only for integer sums, which do not depend on how they are grouped.
    /// </summary>
    public virtual bool SumsPerCustomerBeforeJoins => false;

    /// <summary>
    /// True when <c>ORDER BY</c> a text column sorts by the bytes of its UTF-8 (code point order; DuckDB), which is .NET's
    /// ordinal order but for supplementary characters. False for engines that sort by a locale's collation.
    /// </summary>
    public virtual bool SortsTextByCodePoint => false;

    /// <summary>
    /// A query with named sub-queries (common table expressions), in order; a later one may refer to earlier ones
    /// through <see cref="Cte"/>. Engines without <c>WITH name AS (query)</c> inline them.
    /// </summary>
    public virtual string With(IReadOnlyList<(string Name, string Query)> ctes, string body) =>
        $"WITH {string.Join(",\n", ctes.Select(c => $"{c.Name} AS ({c.Query})"))}\n{body}";

    /// <summary>
    /// <c>SELECT <paramref name="columns"/></c> of the rows of <paramref name="table"/> (alias <paramref name="alias"/>) where
    /// <paramref name="condition"/> holds and no row of <paramref name="other"/> (alias <paramref name="otherAlias"/>) satisfies
    /// <paramref name="match"/>; NULL never matches. Written with NOT EXISTS, which the engines plan as an anti-join.
    /// </summary>
    public virtual string SelectUnmatched(string columns, string table, string alias, string other, string otherAlias, string match, string condition) =>
        $"SELECT {columns} FROM {table} {alias} WHERE {condition} AND NOT EXISTS (SELECT 1 FROM {other} {otherAlias} WHERE {match})";

    /// <summary>A stored table with an alias in a FROM or JOIN clause (<c>"name" alias</c>).</summary>
    public virtual string Table(string name, string alias) => $"{Id(name)} {alias}";

    /// <summary>A reference to a named sub-query of <see cref="With"/> in a FROM or JOIN clause, with an optional alias.</summary>
    public virtual string Cte(string name, string? alias = null) => alias is null ? name : $"{name} {alias}";

    /// <summary>
    /// <c>FROM first LEFT JOIN … ON key</c>: every joined table on the same key column. Each table is a (table-expression,
    /// alias, columns) triple; the columns are those the select list reads as <c>alias.column</c> (engines that cannot
    /// resolve qualified names across several joins rename them).
    /// </summary>
    public virtual string FromLeftJoins((string Table, string Alias, IReadOnlyList<string> Columns) first,
        IReadOnlyList<(string Table, string Alias, IReadOnlyList<string> Columns)> joins, string key) =>
        $"FROM {first.Table} {first.Alias}\n" + string.Join("\n", joins.Select(j => $"LEFT JOIN {j.Table} {j.Alias} ON {j.Alias}.{key} = {first.Alias}.{key}"));

    /// <summary>Timestamp type name.</summary>
    public virtual string TimestampType => "TIMESTAMP";

    /// <summary>Aggregate: the <paramref name="value"/> of the row with the smallest <paramref name="key"/> (keys unique within a group).</summary>
    public virtual string ArgMin(string value, string key) => $"arg_min({value}, {key})";

    /// <summary>
    /// A deterministic sampling key of a text value, the same in every engine: the first 32 bits of its MD5 digest read as a
    /// big-endian unsigned integer (0 … 2³² − 1, BIGINT). Ordering customers by it draws the same uniform sample in every engine (the key is the seed).
    /// </summary>
    public virtual string SampleKey(string textExpression) => $"CAST(('0x' || substr(md5({textExpression}), 1, 8)) AS BIGINT)";

    /// <summary>Natural logarithm.</summary>
    public virtual string Ln(string expression) => $"ln({expression})";

    /// <summary>
    /// Every row of <paramref name="source"/> with values of the previous or next row of the same partition (ordered by
    /// <paramref name="order"/>, unique within a partition): <c>lag</c>/<c>lead</c> window functions, or, in engines without
    /// window functions, the partition gathered into a sorted array and unfolded again.
    /// </summary>
    /// <param name="source">A table or parenthesised sub-query with an alias-free column list.</param>
    /// <param name="partition">Partition columns (further columns that are constant within a partition may be listed too).</param>
    /// <param name="order">The ordering column (unique within a partition); it must also be in <paramref name="columns"/>.</param>
    /// <param name="columns">Per-row columns passed through.</param>
    /// <param name="shifted">Output name, source column and offset (−1 = previous row, +1 = next row; NULL at the edge).</param>
    public virtual string Neighbours(string source, IReadOnlyList<string> partition, string order, IReadOnlyList<string> columns,
        IReadOnlyList<(string Name, string Column, int Offset)> shifted)
    {
        string window = $"OVER (PARTITION BY {string.Join(", ", partition)} ORDER BY {order})";
        var lagLead = shifted.Select(s => $"{(s.Offset < 0 ? "lag" : "lead")}({s.Column}, {Math.Abs(s.Offset)}) {window} AS {s.Name}");
        return $"SELECT {string.Join(", ", partition.Concat(columns).Concat(lagLead))} FROM {source}";
    }

    /// <summary>Double-precision type name.</summary>
    public virtual string DoubleType => "DOUBLE";

    /// <summary>Statements to run once per session before any query (helper functions).</summary>
    public virtual IReadOnlyList<string> SessionSetup => [];
}
