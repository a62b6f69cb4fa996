using System.Globalization;

namespace Segmentation.Analytics.Data.Sql;

/// <summary>
/// Renders the validation of one staged table as one SQL query, the same for every engine: each column is parsed
/// to its type, checked (missing, type, range, code list, future date, personal data), and the first failing rule
/// of a row is returned with the column and the raw value. Reasons are worded in C# (<see cref="RejectReasons"/>).
/// </summary>
/// <remarks>Output columns: <c>__rec</c>, every canonical column (typed; NULL where absent), <c>__rule</c>,
/// <c>__column</c>, <c>__value</c>. A row is valid when <c>__rule</c> is NULL.</remarks>
internal static class ValidationQuery
{
    /// <summary>The default extra date formats tried after ISO 8601.</summary>
    internal static readonly string[] DefaultDateFormats = ["%Y%m%d", "%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%Y.%m.%d"];

    public static string Render(SqlDialect d, string relation, TableSpec spec, IReadOnlySet<string> present, TableMapping mapping, DateTime asOf)
    {
        var inner = new List<string> { "__rec" };
        var errors = new List<(string Column, string Error)>();
        var asOfEnd = asOf.Date.AddDays(1).AddTicks(-10); // the whole as-of day counts as "not in the future"
        bool futureRuleApplies = spec.Name is "transactions" or "feedback" or "customers";

        foreach (var c in spec.Columns)
        {
            string col = d.Id(c.Name);
            if (!present.Contains(c.Name))
            {
                inner.Add($"CAST(NULL AS {SqlType(d, c.Kind)}) AS {col}");
                continue;
            }
            string raw = $"{relation}.{col}";
            string text = $"trim({d.AsText(raw)})";
            if (mapping.Values.TryGetValue(c.Name, out var recode) && recode.Count > 0)
            {
                var whens = string.Join(" ", recode.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"WHEN {d.Str(kv.Key)} THEN {d.Str(kv.Value)}"));
                text = $"(CASE {text} {whens} ELSE {text} END)";
            }
            string blank = $"({raw} IS NULL OR {text} = '')";
            var formats = mapping.Formats.TryGetValue(c.Name, out var f) ? f.Concat(DefaultDateFormats).ToArray() : DefaultDateFormats;
            var categories = mapping.Categories.TryGetValue(c.Name, out var cats) ? cats : c.Categories;
            string typed = c.Kind switch
            {
                ColumnKind.Text when categories is { Count: > 0 } =>
                    $"(CASE lower({text}) {string.Join(" ", categories.Select(k => $"WHEN {d.Str(k.ToLowerInvariant())} THEN {d.Str(k)}"))} END)",
                ColumnKind.Text => $"NULLIF({text}, '')",
                ColumnKind.Integer => d.TryInteger(text),
                ColumnKind.Number => d.TryDouble(text),
                ColumnKind.Boolean => d.TryBoolean(text),
                ColumnKind.Date => $"CAST(CAST({d.TryTimestamp(text, formats)} AS DATE) AS TIMESTAMP)",
                ColumnKind.Timestamp => d.TryTimestamp(text, formats),
                ColumnKind.Month => d.MonthStart(d.TryTimestamp(text, ["%Y-%m", "%Y%m", "%Y/%m", .. formats])),
                _ => throw new NotSupportedException(c.Kind.ToString()),
            };
            inner.Add($"{typed} AS {col}");

            var when = new List<string> { $"WHEN {blank} THEN {(c.Required ? d.Str(RejectRules.Missing) : "NULL")}" };
            if (c.Kind == ColumnKind.Text && categories is { Count: > 0 })
                when.Add($"WHEN {typed} IS NULL THEN {d.Str(RejectRules.Category)}");
            else if (c.Kind != ColumnKind.Text)
                when.Add($"WHEN {typed} IS NULL THEN {d.Str(RejectRules.Type)}");
            if (c.Min is { } min) when.Add($"WHEN {typed} < {d.Num(min)} THEN {d.Str(RejectRules.Range)}");
            double? max = c.Name == "birth_year" ? asOf.Year : c.Max;
            if (max is { } mx) when.Add($"WHEN {typed} > {d.Num(mx)} THEN {d.Str(RejectRules.Range)}");
            if (futureRuleApplies && c.Kind is ColumnKind.Date or ColumnKind.Timestamp)
                when.Add($"WHEN {typed} > {d.Timestamp(asOfEnd)} THEN {d.Str(RejectRules.FutureDate)}");
            if (spec.Name == "transactions" && c.Name == "amount")
                when.Add($"WHEN {typed} = 0 THEN {d.Str(RejectRules.ZeroAmount)}");
            if (c.Kind == ColumnKind.Text && categories is not { Count: > 0 } && c.Name is not ("transaction_id" or "campaign_id"))
                when.Add($"WHEN {d.Matches(text, PersonalDataGuard.IdentifierValuePattern)} THEN {d.Str(RejectRules.PersonalData)}");
            string error = $"(CASE {string.Join(" ", when)} END)";
            inner.Add($"{error} AS {d.Id("__e_" + c.Name)}");
            inner.Add($"{d.AsText(raw)} AS {d.Id("__r_" + c.Name)}");
            errors.Add((c.Name, "__e_" + c.Name));
        }

        var outer = new List<string> { "__rec" };
        outer.AddRange(spec.Columns.Select(c => d.Id(c.Name)));
        outer.Add(errors.Count == 0 ? "CAST(NULL AS VARCHAR) AS __rule" : $"COALESCE({string.Join(", ", errors.Select(e => d.Id(e.Error)))}) AS __rule");
        outer.Add(errors.Count == 0 ? "CAST(NULL AS VARCHAR) AS __column" :
            $"(CASE {string.Join(" ", errors.Select(e => $"WHEN {d.Id(e.Error)} IS NOT NULL THEN {d.Str(e.Column)}"))} END) AS __column");
        outer.Add(errors.Count == 0 ? "CAST(NULL AS VARCHAR) AS __value" :
            $"(CASE {string.Join(" ", errors.Select(e => $"WHEN {d.Id(e.Error)} IS NOT NULL THEN {d.Id("__r_" + e.Column)}"))} END) AS __value");

        string sql = $"SELECT {string.Join(", ", outer)} FROM (SELECT {string.Join(", ", inner)} FROM {relation}) v";
        if (spec.Name == "campaigns" && present.Contains("start") && present.Contains("end"))
        {
            // The start/end order check needs the parsed dates: one more level.
            sql = $"SELECT __rec, {string.Join(", ", spec.Columns.Select(c => d.Id(c.Name)))}, " +
                  $"COALESCE(__rule, CASE WHEN {d.Id("end")} < {d.Id("start")} THEN {d.Str(RejectRules.DateOrder)} END) AS __rule, " +
                  $"COALESCE(__column, CASE WHEN {d.Id("end")} < {d.Id("start")} THEN 'end' END) AS __column, " +
                  $"COALESCE(__value, CASE WHEN {d.Id("end")} < {d.Id("start")} THEN {d.AsText(d.Id("end"))} END) AS __value FROM ({sql}) w";
        }
        return sql;
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

    internal static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
