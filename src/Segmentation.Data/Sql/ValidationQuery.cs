using System.Globalization;
using System.Text;
using Segmentation.Analytics.Engines;
namespace Segmentation.Data.Sql;

/// <summary>
/// Renders the validation of one staged table as one SQL query, the same for every engine: each column is parsed
/// to its type, checked (missing, type, range, code list, future date, personal data), and the first failing rule
/// of a row is returned with the column and the raw value. Reasons are worded in C# (<see cref="RejectReasons"/>).
/// </summary>
/// <remarks>
/// Output columns: <c>__rec</c>, every canonical column (typed; NULL where absent, or where an optional field failed),
/// <c>__rule</c>, <c>__column</c>, <c>__value</c> (the first error that rejects the row; the row is valid when
/// <c>__rule</c> is NULL), <c>__field_errors</c> (errors of optional fields that were cleared instead, as
/// <c>column␟rule␟value␞…</c>, NULL when none) and <c>__o_&lt;column&gt;</c> per open code list (the raw value kept as
/// <c>other</c>). Three levels keep each parse written (and computed) once: parse → check → pick. Missing-value
/// tokens become NULL before anything else. Columns that already have the right type in the source (Parquet, database
/// tables) skip text parsing.
/// </remarks>
internal static class ValidationQuery
{
    private static readonly HashSet<string> IntegerTypes = ["BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT", "HUGEINT", "INT8", "INT4", "INT2"];
    private static readonly HashSet<string> FloatTypes = ["DOUBLE", "FLOAT", "REAL", "DOUBLE PRECISION", "FLOAT8", "FLOAT4", "NUMERIC"];

    /// <summary>Separates the parts of one field error in <c>__field_errors</c> (U+001F).</summary>
    public const char FieldSeparator = '\u001F';

    /// <summary>Ends one field error in <c>__field_errors</c> (U+001E).</summary>
    public const char ErrorSeparator = '\u001E';

    /// <summary>The output column holding the raw value of an open code list that was kept as <c>other</c>.</summary>
    public static string OtherColumn(string column) => "__o_" + column;

    /// <param name="d">Dialect.</param>
    /// <param name="relation">Staged relation (with <c>__rec</c> and the present canonical columns).</param>
    /// <param name="plan">The rules.</param>
    /// <param name="present">Canonical columns present in the source.</param>
    /// <param name="sourceTypes">Engine type of each present column (upper case); text when unknown.</param>
    public static string Render(SqlDialect d, string relation, ValidationPlan plan, IReadOnlySet<string> present,
        IReadOnlyDictionary<string, string>? sourceTypes = null)
    {
        var spec = plan.Spec;
        var parse = new List<string> { "__rec" };
        var check = new List<string> { "__rec" };
        var rowErrors = new List<string>();
        var fieldErrors = new List<string>();
        var others = new List<string>();
        // The raw value shown in a reject: the text as read, or for a typed source its value as text.
        var shown = new Dictionary<string, string> { ["__order"] = d.Id("__r___order") };
        var asOfEnd = plan.AsOf.Date.AddDays(1).AddTicks(-10); // the whole as-of day is not "in the future"

        foreach (var rules in plan.Columns)
        {
            var c = rules.Spec;
            string col = d.Id(c.Name), rawId = d.Id("__r_" + c.Name), err = d.Id("__e_" + c.Name);
            if (!present.Contains(c.Name))
            {
                parse.Add($"CAST(NULL AS {SqlType(d, c.Kind)}) AS {col}");
                check.Add(col);
                continue;
            }
            string raw = $"{relation}.{col}";
            string type = sourceTypes is not null && sourceTypes.TryGetValue(c.Name, out var t) ? t.ToUpperInvariant() : "VARCHAR";
            bool isInt = IntegerTypes.Contains(type), isFloat = FloatTypes.Contains(type) || type.StartsWith("DECIMAL", StringComparison.Ordinal);
            bool isTime = type.StartsWith("TIMESTAMP", StringComparison.Ordinal) || type == "DATE";
            var categories = rules.Categories;

            // Level 1: parse once (missing-value tokens first, then recoding).
            string text = $"trim({d.AsText(raw)})";
            var tokens = rules.Na.Where(n => n.Trim().Length > 0).Select(n => n.Trim()).Distinct(StringComparer.Ordinal).ToArray();
            if (tokens.Length > 0) text = $"(CASE WHEN {text} IN ({string.Join(", ", tokens.Select(d.Str))}) THEN NULL ELSE {text} END)";
            if (rules.Recode is { } recode)
            {
                var whens = string.Join(" ", recode.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"WHEN {d.Str(kv.Key)} THEN {d.Str(kv.Value)}"));
                text = $"(CASE {text} {whens} ELSE {text} END)";
            }
            bool typedSource = rules.Recode is null && (
                (c.Kind == ColumnKind.Number && (isInt || isFloat)) ||
                (c.Kind == ColumnKind.Integer && isInt) ||
                (c.Kind is ColumnKind.Timestamp or ColumnKind.Date && isTime) ||
                (c.Kind == ColumnKind.Boolean && type == "BOOLEAN"));
            string typed = typedSource
                ? c.Kind switch
                {
                    ColumnKind.Number => d.ToDouble(raw),
                    ColumnKind.Integer => d.ToBigInt(raw),
                    ColumnKind.Date => $"CAST(CAST({raw} AS DATE) AS TIMESTAMP)",
                    ColumnKind.Timestamp => $"CAST({raw} AS TIMESTAMP)",
                    _ => raw,
                }
                : c.Kind switch
                {
                    ColumnKind.Text when categories is not null =>
                        $"(CASE WHEN {text} IN ({string.Join(", ", categories.Select(d.Str))}) THEN {text} " +
                        $"ELSE (CASE lower({text}) {string.Join(" ", categories.Select(k => $"WHEN {d.Str(k.ToLowerInvariant())} THEN {d.Str(k)}"))} END) END)",
                    ColumnKind.Text => $"NULLIF({text}, '')",
                    ColumnKind.Integer => d.TryInteger(text),
                    ColumnKind.Number => d.TryDouble(text),
                    ColumnKind.Boolean => d.TryBoolean(text),
                    ColumnKind.Date => $"CAST(CAST({ReadTimestamp(d, text, rules)} AS DATE) AS TIMESTAMP)",
                    ColumnKind.Timestamp => ReadTimestamp(d, text, rules),
                    ColumnKind.Month => d.MonthStart(d.TryTimestamp(text, ["%Y-%m", "%Y%m", "%Y/%m", .. rules.Formats])),
                    _ => throw new NotSupportedException(c.Kind.ToString()),
                };
            parse.Add($"{typed} AS {col}");
            parse.Add($"{(typedSource ? $"CASE WHEN {raw} IS NOT NULL THEN 'x' END" : text)} AS {rawId}");
            shown[c.Name] = typedSource ? d.AsText(col) : rawId;
            bool failedComputation = rules.Computed is { NumericHeaders.Count: > 0 };
            if (failedComputation)
            {
                // A computation whose operand holds no number is a type error, shown with its operands.
                string flag = d.Id(ComputedColumns.Flag(c.Name)), operands = d.Id(ComputedColumns.Operands(c.Name));
                parse.Add($"{relation}.{flag} AS {flag}");
                parse.Add($"{relation}.{operands} AS {operands}");
                check.Add(operands);
                shown[c.Name] = $"COALESCE({operands}, {shown[c.Name]})";
            }

            // Level 2: check the parsed value (the raw text only tells "blank" from "unparseable").
            string blank = $"({rawId} IS NULL OR {rawId} = '')";
            var when = new List<string>();
            if (failedComputation) when.Add($"WHEN {d.Id(ComputedColumns.Flag(c.Name))} THEN {d.Str(RejectRules.Type)}");
            when.Add($"WHEN {blank} THEN {(c.Required ? d.Str(RejectRules.Missing) : "NULL")}");
            if (c.Kind == ColumnKind.Text && categories is not null)
            {
                if (!rules.OpenList) when.Add($"WHEN {col} IS NULL THEN {d.Str(RejectRules.Category)}");
            }
            else if (c.Kind != ColumnKind.Text)
            {
                when.Add($"WHEN {col} IS NULL THEN {d.Str(RejectRules.Type)}");
            }
            foreach (var (failure, rule) in ValueRules(d, plan, c, col, asOfEnd))
                when.Add($"WHEN {failure} THEN {d.Str(rule)}");
            if (rules.ChecksPersonalData)
            {
                // Only values that could be an e-mail, phone, id-card number or name pay for the regular expression
                // (An e-mail; a number of 10+ characters, perhaps with a prefix or parentheses; a 2–4 character name.)
                string maybe = $"(strpos({col}, '@') > 0 OR strpos({col}, '＠') > 0 OR length({col}) >= 10 OR length({col}) BETWEEN 2 AND 4)";
                when.Add($"WHEN {maybe} AND {d.Matches(col, PersonalDataGuard.IdentifierValuePattern)} THEN {d.Str(RejectRules.PersonalData)}");
            }
            if (rules.OpenList)
            {
                check.Add($"COALESCE({col}, CASE WHEN NOT {blank} THEN 'other' END) AS {col}");
                check.Add($"(CASE WHEN {col} IS NULL AND NOT {blank} THEN {rawId} END) AS {d.Id(OtherColumn(c.Name))}");
                others.Add(d.Id(OtherColumn(c.Name)));
            }
            else
            {
                check.Add(col);
            }
            check.Add($"(CASE {string.Join(" ", when)} END) AS {err}");
            check.Add(rawId);
            (rules.RejectsRow ? rowErrors : fieldErrors).Add(c.Name);
        }
        if (spec.Name == "campaigns" && present.Contains("start") && present.Contains("end"))
        {
            check.Add($"(CASE WHEN {d.Id("end")} < {d.Id("start")} THEN {d.Str(RejectRules.DateOrder)} END) AS {d.Id("__e___order")}");
            check.Add($"{d.AsText(d.Id("end"))} AS {d.Id("__r___order")}");
            rowErrors.Add("__order");
        }

        // Level 3: the first error that rejects the row; cleared optional fields and their errors.
        var outer = new List<string> { "__rec" };
        outer.AddRange(plan.Columns.Select(r => fieldErrors.Contains(r.Name)
            ? $"(CASE WHEN {d.Id("__e_" + r.Name)} IS NULL THEN {d.Id(r.Name)} END) AS {d.Id(r.Name)}"
            : d.Id(r.Name)));
        string Col(string e) => e == "__order" ? "end" : e;
        outer.Add(rowErrors.Count == 0 ? "CAST(NULL AS VARCHAR) AS __rule" : $"COALESCE({string.Join(", ", rowErrors.Select(e => d.Id("__e_" + e)))}) AS __rule");
        outer.Add(rowErrors.Count == 0 ? "CAST(NULL AS VARCHAR) AS __column" :
            $"(CASE {string.Join(" ", rowErrors.Select(e => $"WHEN {d.Id("__e_" + e)} IS NOT NULL THEN {d.Str(Col(e))}"))} END) AS __column");
        outer.Add(rowErrors.Count == 0 ? "CAST(NULL AS VARCHAR) AS __value" :
            $"(CASE {string.Join(" ", rowErrors.Select(e => $"WHEN {d.Id("__e_" + e)} IS NOT NULL THEN {shown[e]}"))} END) AS __value");
        string fs = d.Str(FieldSeparator.ToString()), es = d.Str(ErrorSeparator.ToString());
        outer.Add(fieldErrors.Count == 0 ? "CAST(NULL AS VARCHAR) AS __field_errors" :
            "NULLIF(concat(" + string.Join(", ", fieldErrors.Select(e =>
                $"CASE WHEN {d.Id("__e_" + e)} IS NOT NULL THEN {d.Str(e)} || {fs} || {d.Id("__e_" + e)} || {fs} || replace(replace(COALESCE({shown[e]}, ''), {fs}, ' '), {es}, ' ') || {es} END")) +
            "), '') AS __field_errors");
        outer.AddRange(others);

        return $"SELECT {string.Join(", ", outer)} FROM (SELECT {string.Join(", ", check)} FROM (SELECT {string.Join(", ", parse)} FROM {relation}) p) c";
    }

    /// <summary>A date-time from text: with a UTC offset converted to the table's time zone, else as written.</summary>
    private static string ReadTimestamp(SqlDialect d, string text, ColumnRules rules) =>
        rules.Dates is { ValuesWithOffset: > 0 } z
            ? $"(CASE WHEN {d.Matches(text, DateReading.OffsetPattern)} THEN {d.ZonedTimestamp(text, z.Zone, z.OffsetMinutes)} ELSE {d.TryTimestamp(text, rules.Formats)} END)"
            : d.TryTimestamp(text, rules.Formats);

    /// <summary>The helper columns of <see cref="Render"/> kept in the validated table beside the clean projection.</summary>
    public static IReadOnlyList<string> HelperColumns(SqlDialect d, ValidationPlan plan, IReadOnlySet<string> present) =>
        new[] { "__rule", "__column", "__value", "__field_errors" }
            .Concat(plan.Columns.Where(c => c.OpenList && present.Contains(c.Name)).Select(c => d.Id(OtherColumn(c.Name)))).ToArray();

    /// <summary>
    /// For a typed source in DuckDB: a cheap row predicate that holds only for rows <see cref="Render"/> would accept
    /// with every value unchanged (typed columns cast, text exactly as stored), and the typed projection of such rows.
    /// Rows where it does not hold are "suspects" and go through the full validation; null when a column needs text
    /// parsing or recoding (then every row takes the full validation).
    /// </summary>
    /// <remarks>
    /// Exact for typed columns (the same checks as <see cref="Render"/> level 2). Conservative for text: a value is taken
    /// as stored only if it is in the code list, or its first character is printable ASCII and <c>trim</c> (which removes
    /// the Unicode space separators only) would not change its end — an all-ASCII value not ending in a space, any other
    /// value ending in a printable ASCII character —, it is no missing-value token and, for
    /// free text checked for personal data, it cannot be an identifier (no <c>@</c>; shorter than 10 bytes or not
    /// starting with a digit or <c>+</c>). Everything else is decided by the full validation, so the verdicts are the same
    /// with or without this predicate. Text comparisons rely on DuckDB's byte-wise VARCHAR order (no collation).
    /// </remarks>
    internal static (string Predicate, IReadOnlyList<string> Projection)? RenderFastPath(SqlDialect d, string relation, ValidationPlan plan,
        IReadOnlySet<string> present, IReadOnlyDictionary<string, string> sourceTypes)
    {
        if (d != DuckDbDialect.Instance) return null;
        if (plan.Spec.Name == "campaigns") return null;
        var asOfEnd = plan.AsOf.Date.AddDays(1).AddTicks(-10);
        var ok = new List<string>();
        var projection = new List<string> { "__rec" };
        foreach (var rules in plan.Columns)
        {
            var c = rules.Spec;
            string col = d.Id(c.Name);
            if (!present.Contains(c.Name))
            {
                projection.Add($"CAST(NULL AS {SqlType(d, c.Kind)}) AS {col}");
                continue;
            }
            if (rules.Recode is not null || rules.Computed is not null) return null;
            if (!sourceTypes.TryGetValue(c.Name, out var st)) return null;
            string type = st.ToUpperInvariant();
            string raw = $"{relation}.{col}";
            bool isInt = IntegerTypes.Contains(type), isFloat = FloatTypes.Contains(type) || type.StartsWith("DECIMAL", StringComparison.Ordinal);
            bool isTime = type.StartsWith("TIMESTAMP", StringComparison.Ordinal) || type == "DATE";
            var categories = rules.Categories;
            var checks = new List<string>();
            string? typed = c.Kind switch
            {
                ColumnKind.Number when isInt || isFloat => d.ToDouble(raw),
                ColumnKind.Integer when isInt => d.ToBigInt(raw),
                ColumnKind.Date when isTime => $"CAST(CAST({raw} AS DATE) AS TIMESTAMP)",
                ColumnKind.Timestamp when isTime => $"CAST({raw} AS TIMESTAMP)",
                ColumnKind.Boolean when type == "BOOLEAN" => raw,
                ColumnKind.Text when type == "VARCHAR" => raw,
                _ => null,
            };
            if (typed is null) return null;
            projection.Add($"{typed} AS {col}");
            var tokens = rules.Na.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            if (c.Kind == ColumnKind.Text && categories is not null)
            {
                var plain = categories.Where(k => !tokens.Contains(k, StringComparer.Ordinal)).ToArray();
                if (categories.Any(k => k.Length == 0 || k.Trim() != k)) return null;
                string inList = plain.Length == 0 ? "FALSE" : $"{raw} IN ({string.Join(", ", plain.Select(d.Str))})";
                ok.Add(c.Required ? inList : $"({raw} IS NULL OR {inList})");
                continue;
            }
            if (c.Kind == ColumnKind.Text)
            {
                // First byte in '!'..DEL (raw >= '!' AND raw < U+0080): not blank, nothing to trim at the start. At the end: DuckDB's
                // trim removes the Unicode space separators (Zs) only, so an all-ASCII value (strlen = length) needs only no
                // trailing space; other values keep the stricter test of a printable ASCII last character. The CASE evaluates
                // that test (which extracts the last character: about 0.6 CPU-s per 10 M values) only for non-ASCII values.
                checks.Add($"{raw} >= '!' AND {raw} < chr(128) AND (CASE WHEN strlen({raw}) = length({raw}) THEN NOT ({raw} LIKE '% ') " +
                    $"ELSE {raw}[-1] >= '!' AND {raw}[-1] < chr(128) END)");
                // A value longer (in bytes) than every token is none of them: the list is only probed for short values.
                if (tokens.Length > 0)
                    checks.Add($"(CASE WHEN strlen({raw}) > {tokens.Max(k => Encoding.UTF8.GetByteCount(k)).ToString(CultureInfo.InvariantCulture)} THEN TRUE " +
                        $"ELSE {raw} NOT IN ({string.Join(", ", tokens.Select(d.Str))}) END)");
                if (rules.ChecksPersonalData)
                    checks.Add($"NOT (contains({raw}, '@') OR strlen({raw}) >= 10)");
            }
            else
            {
                // The same value rules as the full check, negated (the value is not NULL here).
                foreach (var (failure, _) in ValueRules(d, plan, c, typed, asOfEnd))
                    checks.Add($"NOT ({failure})");
            }
            string notNull = $"{raw} IS NOT NULL";
            string all = checks.Count == 0 ? "TRUE" : string.Join(" AND ", checks);
            // A NULL optional value is accepted as NULL; a NULL required value is a suspect (rejected as missing).
            ok.Add(c.Required ? $"({notNull} AND {all})" : $"({raw} IS NULL OR ({all}))");
        }
        return (ok.Count == 0 ? "TRUE" : string.Join(" AND ", ok), projection);
    }

    /// <summary>The clean-table projection: derived fields (returns flagged from the sign of the amount).</summary>
    public static IReadOnlyList<string> CleanProjection(SqlDialect d, TableSpec spec)
    {
        var cols = new List<string> { "__rec" };
        foreach (var c in spec.Columns)
        {
            string id = d.Id(c.Name);
            if (spec.Name == "transactions" && c.Name == "is_return")
                cols.Add($"(COALESCE({id}, FALSE) OR {d.Id("amount")} < 0) AS {id}");
            else if (spec.Name == "transactions" && c.Name == "amount")
                cols.Add($"(CASE WHEN COALESCE({d.Id("is_return")}, FALSE) AND {id} > 0 THEN -{id} ELSE {id} END) AS {id}");
            else
                cols.Add(id);
        }
        return cols;
    }

    public static string SqlType(SqlDialect d, ColumnKind kind) => kind switch
    {
        ColumnKind.Text => "VARCHAR",
        ColumnKind.Integer => "BIGINT",
        ColumnKind.Number => d.DoubleType,
        ColumnKind.Boolean => "BOOLEAN",
        _ => "TIMESTAMP",
    };

    /// <summary>
    /// The checks of a parsed, non-NULL value, as (failure condition, rule): out of range, a date before 1900 (a
    /// two-digit or mistyped year), a future date, a zero amount when the plan rejects them — one definition for the full
    /// validation (<c>WHEN failure THEN rule</c>) and the in-place fast path (<c>NOT (failure)</c>).
    /// </summary>
    private static IEnumerable<(string Failure, string Rule)> ValueRules(SqlDialect d, ValidationPlan plan, ColumnSpec c, string value, DateTime asOfEnd)
    {
        var spec = plan.Spec;
        if (c.Min is { } min) yield return ($"{value} < {d.Num(min)}", RejectRules.Range);
        double? max = c.Name == "birth_year" ? plan.AsOf.Year : c.Max;
        if (max is { } mx) yield return ($"{value} > {d.Num(mx)}", RejectRules.Range);
        if (c.Kind is ColumnKind.Date or ColumnKind.Timestamp or ColumnKind.Month)
            yield return ($"{value} < {d.Timestamp(new DateTime(1900, 1, 1))}", RejectRules.Type);
        if (spec.Name is "transactions" or "feedback" or "customers" && c.Kind is ColumnKind.Date or ColumnKind.Timestamp)
            yield return ($"{value} > {d.Timestamp(asOfEnd)}", RejectRules.FutureDate);
        if (plan.RejectZeroAmounts && spec.Name == "transactions" && c.Name == "amount")
            yield return ($"{value} = 0", RejectRules.ZeroAmount);
    }
}
