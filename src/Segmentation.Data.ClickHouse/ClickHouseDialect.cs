using System.Globalization;
using System.Text;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.ClickHouse;

/// <summary>
/// ClickHouse rendering, written for the oldest server it was verified on (18.16.1) so newer servers accept it too.
/// </summary>
/// <remarks>
/// What 18.16 lacks and how it is rendered instead:
/// <list type="bullet">
/// <item><c>WITH name AS (query)</c>: named sub-queries are inlined as <c>(query) AS name</c>.</item>
/// <item>More than one JOIN per SELECT: a chain of left joins becomes nested single joins on the key; the columns the
/// select list reads as <c>alias.column</c> are renamed to the literal names <c>`alias.column`</c>, which ClickHouse resolves
/// for the compound identifier <c>alias.column</c>.</item>
/// <item>Range conditions in <c>JOIN … ON</c>: <see cref="SqlDialect.JoinsOnRanges"/> is false, so callers join on equality and test
/// the range in the aggregate.</item>
/// <item><c>FILTER (WHERE …)</c>: the <c>-If</c> aggregate combinators (<c>countIf</c>, <c>sumIf</c>, <c>uniqExactIf</c>, <c>minIf</c>);
/// <c>sumIf</c>/<c>minIf</c>/<c>maxIf</c> over no row return 0 in ClickHouse, so they are guarded by <c>countIf(…) &gt; 0</c> to give
/// NULL as SQL does.</item>
/// <item><c>CAST(NULL AS T)</c> and casts of NULL to a non-Nullable type fail: typed NULLs and the double type are <c>Nullable(…)</c>.</item>
/// <item><c>UNION</c> (distinct) does not exist: <c>UNION ALL</c> (callers de-duplicate).</item>
/// <item>Joins return type defaults instead of NULL for unmatched rows unless <c>join_use_nulls = 1</c>: the workspace sets it.</item>
/// <item>Money: <c>toDecimal64(x, 2)</c> truncates a Float64 (0.29 → 0.28), so money columns are stored as <c>Decimal(18, 2)</c>
/// (rounded by the validating engine) and <see cref="Money"/> is exact on them.</item>
/// </list>
/// There is no <c>IS NOT DISTINCT FROM</c> and <c>x NOT IN (…)</c> is false (not NULL) for a NULL x; the product's queries use
/// neither on nullable columns.
/// </remarks>
public sealed class ClickHouseDialect : SqlDialect
{
    /// <summary>The one instance.</summary>
    public static ClickHouseDialect Instance { get; } = new();

    private ClickHouseDialect() { }

    private const char Open = '\u27E6', Close = '\u27E7';

    public override string Name => "clickhouse";

    public override string Str(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    public override string Timestamp(DateTime value) => $"toDateTime('{value:yyyy-MM-dd HH:mm:ss}')";

    public override string AsText(string expression) => $"toString({expression})";

    public override string TryDouble(string e) => $"toFloat64OrNull(trimBoth({AsText(e)}))";

    public override string TryInteger(string e) => $"toInt64OrNull(trimBoth({AsText(e)}))";

    public override string TryTimestamp(string e, IReadOnlyList<string> formats) => $"parseDateTimeBestEffortOrNull(trimBoth({AsText(e)}))";

    public override string TryBoolean(string expression)
    {
        var t = $"lower(trimBoth({AsText(expression)}))";
        return $"multiIf({t} IN ('1','true','t','yes','y','是','1.0'), 1, {t} IN ('0','false','f','no','n','否','0.0'), 0, NULL)";
    }

    public override string Matches(string textExpression, string pattern) => $"match({textExpression}, {Str("^(?:" + pattern + ")$")})";

    public override string DaysBetween(string from, string to) => $"(toDate({to}) - toDate({from}))";

    public override string MonthStart(string timestamp) => $"toDateTime(toStartOfMonth({timestamp}))";

    // A NULL condition does not count, as in FILTER (WHERE …); ClickHouse's -If over a Nullable condition that is NULL on
    // every row of a group would return NULL instead of 0.
    private static string When(string condition) => $"ifNull({condition}, 0)";

    public override string CountIf(string condition) => $"countIf({When(condition)})";

    public override string CountDistinctIf(string expression, string condition) => $"uniqExactIf({expression}, {When(condition)})";

    public override string SumIf(string expression, string condition) => $"if({CountIf(condition)} > 0, sumIf({expression}, {When(condition)}), NULL)";

    public override string MinIf(string expression, string condition) => $"if({CountIf(condition)} > 0, minIf({expression}, {When(condition)}), NULL)";

    public override string MaxIf(string expression, string condition) => $"if({CountIf(condition)} > 0, maxIf({expression}, {When(condition)}), NULL)";

    public override string Money(string expression) => $"toDecimal64({expression}, 2)";

    public override string ToBigInt(string expression) => $"toInt64({expression})";

    public override string DoubleType => "Nullable(Float64)";

    public override string NullOf(string type) =>
        type.StartsWith("Nullable(", StringComparison.Ordinal) ? $"CAST(NULL AS {type})" : $"CAST(NULL AS Nullable({type}))";

    public override string Least(string a, string b) => $"least({a}, {b})";

    public override string AddDays(string expression, int days) =>
        $"toDateTime({expression} + INTERVAL {days.ToString(CultureInfo.InvariantCulture)} DAY)";

    public override string Ln(string expression) => $"log({expression})";

    // MD5 is 16 raw bytes here: the first four, reversed, read as a little-endian UInt32 are the big-endian number of the other engines.
    public override string SampleKey(string textExpression) => $"toInt64(reinterpretAsUInt32(reverse(substring(MD5({textExpression}), 1, 4))))";

    public override string TimestampType => "DateTime";

    public override string ArgMin(string value, string key) => $"argMin({value}, {key})";

    // No window functions before 21.x: each partition becomes one sorted array of row tuples (order column first), unfolded
    // again with ARRAY JOIN; the neighbours are the array elements next to the row's own.
    public override string Neighbours(string source, IReadOnlyList<string> partition, string order, IReadOnlyList<string> columns,
        IReadOnlyList<(string Name, string Column, int Offset)> shifted)
    {
        var rest = columns.Where(c => c != order).ToArray();
        var tuple = new[] { order }.Concat(rest).ToArray();
        int Slot(string column) => Array.IndexOf(tuple, column) + 1;
        var outputs = partition.Concat(tuple.Select((c, i) => $"__t.{i + 1} AS {c}"))
            .Concat(shifted.Select(s => s.Offset < 0
                ? $"if(__i > {-s.Offset}, __rows[__i - {-s.Offset}].{Slot(s.Column)}, NULL) AS {s.Name}"
                : $"if(__i + {s.Offset} <= length(__rows), __rows[__i + {s.Offset}].{Slot(s.Column)}, NULL) AS {s.Name}"));
        return $"""
            SELECT {string.Join(", ", outputs)}
            FROM (SELECT {string.Join(", ", partition)}, arraySort(groupArray(tuple({string.Join(", ", tuple)}))) AS __rows
                  FROM {source} GROUP BY {string.Join(", ", partition)})
            ARRAY JOIN __rows AS __t, arrayEnumerate(__rows) AS __i
            """;
    }

    public override bool JoinsOnRanges => false;

    /// <inheritdoc/>
    public override bool InlinesSubqueries => true;

    /// <inheritdoc/>
    public override bool SumsPerCustomerBeforeJoins => true;

    public override string CreateTempTableAs(string name, string query) =>
        $"DROP TABLE IF EXISTS {Id(name)}; CREATE TABLE {Id(name)} ENGINE = Memory AS {query}";

    // 18.16 drops the alias of a Distributed table when it rewrites the query for the shards: wrap it in a sub-query.
    public override string Table(string name, string alias) => $"(SELECT * FROM {Id(name)}) AS {alias}";

    public override string Cte(string name, string? alias = null) => $"({Open}{name}{Close}) AS {alias ?? name}";

    public override string With(IReadOnlyList<(string Name, string Query)> ctes, string body)
    {
        var defined = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, query) in ctes) defined[name] = Inline(query, defined);
        return Inline(body, defined);
    }

    private static string Inline(string sql, IReadOnlyDictionary<string, string> defined)
    {
        var sb = new StringBuilder(sql.Length);
        int i = 0;
        while (i < sql.Length)
        {
            int start = sql.IndexOf(Open, i);
            if (start < 0) { sb.Append(sql, i, sql.Length - i); break; }
            int end = sql.IndexOf(Close, start);
            string name = sql.Substring(start + 1, end - start - 1);
            if (!defined.TryGetValue(name, out var query))
                throw new InvalidOperationException($"Sub-query '{name}' is referenced before it is defined.");
            sb.Append(sql, i, start - i).Append(query);
            i = end + 1;
        }
        return sb.ToString();
    }

    public override string FromLeftJoins((string Table, string Alias, IReadOnlyList<string> Columns) first,
        IReadOnlyList<(string Table, string Alias, IReadOnlyList<string> Columns)> joins, string key)
    {
        // Level 0 carries the key as `first.key`; each level joins one table on it with USING and re-exports every column so far.
        string k = Quoted($"{first.Alias}.{key}");
        var columns = new List<string> { k };
        columns.AddRange(first.Columns.Where(c => c != key).Select(c => Quoted($"{first.Alias}.{c}")));
        string current = $"SELECT {key} AS {k}{string.Concat(first.Columns.Where(c => c != key).Select(c => $", {Id(c)} AS {Quoted($"{first.Alias}.{c}")}"))} FROM {first.Table}";
        foreach (var (table, alias, cols) in joins)
        {
            var renamed = cols.Where(c => c != key).Select(c => (Source: c, Target: Quoted($"{alias}.{c}"))).ToArray();
            string right = $"SELECT {key} AS {k}{string.Concat(renamed.Select(r => $", {Id(r.Source)} AS {r.Target}"))} FROM {table}";
            columns.AddRange(renamed.Select(r => r.Target));
            current = $"SELECT {string.Join(", ", columns)} FROM ({current}) ALL LEFT JOIN ({right}) USING {k}";
        }
        return $"FROM ({current})";
    }

    private static string Quoted(string name) => "`" + name.Replace("`", "\\`") + "`";
}
