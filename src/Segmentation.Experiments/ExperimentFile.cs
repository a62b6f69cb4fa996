using System.Globalization;
using Segmentation.Data;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Engines;

namespace Segmentation.Experiments;

/// <summary>
/// Reads a flat experiment export (CSV in UTF-8 or GB18030, or Parquet) through DuckDB and validates every row like every
/// other input: required columns, a known arm label, numeric outcomes, binary outcomes in {0, 1}, no missing values.
/// Rows that fail become <see cref="Reject"/>s with file, row, column and reason; read = accepted + rejected.
/// </summary>
/// <remarks>
/// Rules, checked per row in schema column order (assignment, outcomes, segment, features); the first failure is the
/// row's reason: <c>missing</c> (empty value), <c>category</c> (an arm label that is neither the control nor a listed
/// treatment), <c>type</c> (an outcome that is not a finite number), <c>range</c> (a binary outcome other than 0 or 1),
/// <c>malformed</c> (a CSV line the reader cannot parse). Values are trimmed. A missing required column, or a file that
/// cannot be read at all, is a <see cref="DataFileException"/> naming the file (row 1 and the column for a header problem).
/// </remarks>
public static class ExperimentFile
{
    private const string Stage = "exp_stage";
    private const string Checked = "exp_checked";

    /// <summary>Reads and validates <paramref name="path"/> in a private in-process engine.</summary>
    /// <exception cref="DataFileException">The file is missing or unreadable, or a schema column is not in its header.</exception>
    /// <exception cref="ArgumentException">The schema is invalid.</exception>
    public static ExperimentData Read(string path, ExperimentSchema schema)
    {
        // The as-of date only matters for the data model's date rules, which an experiment export does not use.
        using var ws = DataWorkspace.Create(new IngestOptions(new DateTime(2000, 1, 1)));
        return Read(ws, path, schema);
    }

    /// <summary>Reads and validates <paramref name="path"/> in <paramref name="workspace"/> (its temporary tables are dropped afterwards).</summary>
    /// <exception cref="DataFileException">The file is missing or unreadable, or a schema column is not in its header.</exception>
    public static ExperimentData Read(DataWorkspace workspace, string path, ExperimentSchema schema)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentException.ThrowIfNullOrEmpty(path);
        schema.Validate();
        if (!System.IO.File.Exists(path)) throw new DataFileException(path, "file not found");
        var d = DuckDbDialect.Instance;
        bool parquet = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
        var malformed = new List<(long Line, string Reason, string? Text)>();
        string tempCsv = Path.Combine(Path.GetTempPath(), "seg-exp-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            IReadOnlyList<string> headers;
            string source;
            if (parquet)
            {
                source = $"read_parquet({d.Str(path)}, file_row_number = true)";
                headers = workspace.Read($"DESCRIBE SELECT * FROM {source}", r => { var l = new List<string>(); while (r.Read()) l.Add(r.GetString(0)); return l; })
                    .Where(h => h != "file_row_number").ToArray();
            }
            else
            {
                string readPath = path;
                if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && TextFileSniffer.DetectEncoding(path) == "gb18030")
                {
                    TextFileSniffer.TranscodeToUtf8(path, tempCsv, TextFileSniffer.Gb18030);
                    readPath = tempCsv;
                }
                var enc = new System.Text.UTF8Encoding(false);
                char delimiter = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? ',' : TextFileSniffer.DetectDelimiter(readPath, enc);
                headers = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                    ? workspace.Read($"DESCRIBE SELECT * FROM read_csv({d.Str(readPath)}, header = true, all_varchar = true)", r => { var l = new List<string>(); while (r.Read()) l.Add(r.GetString(0)); return l; })
                    : TextFileSniffer.ReadHeader(readPath, enc, delimiter);
                if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
                    throw new DataFileException(path, "the file is empty or has no header line", row: 1);
                string columns = "{" + string.Join(", ", headers.Select(h => $"{d.Str(h)}: 'VARCHAR'")) + "}";
                workspace.Execute("DROP TABLE IF EXISTS exp_rej; DROP TABLE IF EXISTS exp_rjs");
                source = $"read_csv({d.Str(readPath)}, header = true, auto_detect = false, columns = {columns}, delim = {d.Str(delimiter.ToString())}, " +
                         "quote = '\"', escape = '\"', store_rejects = true, rejects_table = 'exp_rej', rejects_scan = 'exp_rjs', max_line_size = 1048576)";
            }
            var present = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var c in schema.Columns)
            {
                var h = headers.FirstOrDefault(x => x == c) ?? headers.FirstOrDefault(x => string.Equals(x, c, StringComparison.OrdinalIgnoreCase))
                    ?? throw new DataFileException(path, $"required column '{c}' not found; headers are: {string.Join(", ", headers)}", row: 1, column: c);
                present[c] = h;
            }
            string rec = parquet ? "file_row_number + 1" : "row_number() OVER ()";
            string select = string.Join(", ", schema.Columns.Select(c => $"trim(CAST({d.Id(present[c])} AS VARCHAR)) AS {d.Id(c)}"));
            try
            {
                workspace.Execute($"CREATE OR REPLACE TEMP TABLE {Stage} AS SELECT {rec} AS __rec, {select} FROM {source}");
            }
            catch (System.Data.Common.DbException e)
            {
                throw new DataFileException(path, "the file cannot be read: " + e.Message.Split('\n')[0], inner: e);
            }
            if (!parquet)
                workspace.Read("SELECT line, string_agg(DISTINCT error_type || ': ' || error_message, '; '), any_value(csv_line) FROM exp_rej GROUP BY line ORDER BY line", r =>
                {
                    while (r.Read()) malformed.Add((Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
                    return 0;
                });
            return Validate(workspace, path, schema, malformed, headerLines: parquet ? 0 : 1);
        }
        finally
        {
            workspace.Execute($"DROP TABLE IF EXISTS {Stage}; DROP TABLE IF EXISTS {Checked}; DROP TABLE IF EXISTS exp_rej; DROP TABLE IF EXISTS exp_rjs");
            if (System.IO.File.Exists(tempCsv)) System.IO.File.Delete(tempCsv);
        }
    }

    /// <summary>The column names of a CSV or Parquet file, in file order (to build a schema from the header).</summary>
    /// <exception cref="DataFileException">The file is missing or unreadable.</exception>
    public static IReadOnlyList<string> ReadHeader(string path)
    {
        if (!System.IO.File.Exists(path)) throw new DataFileException(path, "file not found");
        using var ws = DataWorkspace.Create(new IngestOptions(new DateTime(2000, 1, 1)));
        var d = DuckDbDialect.Instance;
        string source = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? $"read_parquet({d.Str(path)})" : $"read_csv({d.Str(path)}, header = true, all_varchar = true)";
        try
        {
            return ws.Read($"DESCRIBE SELECT * FROM {source}", r => { var l = new List<string>(); while (r.Read()) l.Add(r.GetString(0)); return l; });
        }
        catch (System.Data.Common.DbException e)
        {
            throw new DataFileException(path, "the file cannot be read: " + e.Message.Split('\n')[0], inner: e);
        }
    }

    private static ExperimentData Validate(DataWorkspace ws, string path, ExperimentSchema schema, List<(long Line, string Reason, string? Text)> malformed, int headerLines)
    {
        var d = DuckDbDialect.Instance;
        var treatments = schema.TreatmentLabels;
        var checks = new List<(string Condition, string Rule, string Column)>();
        string a = d.Id(schema.AssignmentColumn);
        checks.Add(($"{a} IS NULL OR {a} = ''", RejectRules.Missing, schema.AssignmentColumn));
        if (treatments is not null)
            checks.Add(($"{a} NOT IN ({string.Join(", ", treatments.Prepend(schema.ControlLabel).Select(d.Str))})", RejectRules.Category, schema.AssignmentColumn));
        foreach (var o in schema.Outcomes)
        {
            string c = d.Id(o.Column), v = $"TRY_CAST({c} AS DOUBLE)";
            checks.Add(($"{c} IS NULL OR {c} = ''", RejectRules.Missing, o.Column));
            checks.Add(($"{v} IS NULL OR NOT isfinite({v})", RejectRules.Type, o.Column));
            if (o.Kind == OutcomeKind.Binary) checks.Add(($"{v} NOT IN (0, 1)", RejectRules.Range, o.Column));
        }
        foreach (var c in (schema.SegmentColumn is null ? [] : new[] { schema.SegmentColumn }).Concat(schema.Features).Distinct())
            checks.Add(($"{d.Id(c)} IS NULL OR {d.Id(c)} = ''", RejectRules.Missing, c));
        string ruleCase = "CASE " + string.Join(" ", checks.Select(k => $"WHEN {k.Condition} THEN {d.Str(k.Rule + "|" + k.Column)}")) + " END";
        ws.Execute($"CREATE OR REPLACE TEMP TABLE {Checked} AS SELECT *, {ruleCase} AS __verdict FROM {Stage}");

        var mapper = new TableValidator.RowMapper(malformed.Select(m => m.Line).ToArray(), headerLines);
        var rejects = malformed.Select(m => new Reject(path, m.Line, "*", RejectRules.Malformed, "malformed line: " + m.Reason, Truncate(m.Text))).ToList();
        var labels = treatments?.Prepend(schema.ControlLabel).ToArray();
        string valueCase = "CASE " + string.Join(" ", schema.Columns.Select(c => $"WHEN split_part(__verdict, '|', 2) = {d.Str(c)} THEN {d.Id(c)}")) + " END";
        ws.Read($"SELECT __rec, __verdict, {valueCase} FROM {Checked} WHERE __verdict IS NOT NULL ORDER BY __rec", r =>
        {
            while (r.Read())
            {
                long row = mapper.Map(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture));
                var parts = r.GetString(1).Split('|', 2);
                string? value = r.IsDBNull(2) ? null : r.GetString(2);
                rejects.Add(new Reject(path, row, parts[1], parts[0], Reason(parts[0], parts[1], schema, labels), Truncate(value)));
            }
            return 0;
        });
        rejects.Sort((x, y) => x.Row.CompareTo(y.Row));
        long parsed = ws.Scalar<long>($"SELECT count(*) FROM {Stage}");

        // Feature types: a column is numeric when every accepted value parses as a number.
        var numeric = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in schema.Features)
            if (ws.Scalar<bool>($"SELECT coalesce(bool_and(TRY_CAST({d.Id(f)} AS DOUBLE) IS NOT NULL AND isfinite(TRY_CAST({d.Id(f)} AS DOUBLE))), true) FROM {Checked} WHERE __verdict IS NULL"))
                numeric.Add(f);

        var arms = labels ?? ws.Read($"SELECT DISTINCT {d.Id(schema.AssignmentColumn)} FROM {Checked} WHERE __verdict IS NULL", r =>
        {
            var l = new List<string>();
            while (r.Read()) l.Add(r.GetString(0));
            return l.Where(x => x != schema.ControlLabel).Order(StringComparer.Ordinal).Prepend(schema.ControlLabel).ToArray();
        });
        var armIndex = arms.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);

        var cols = new List<string> { "__rec", d.Id(schema.AssignmentColumn) };
        cols.AddRange(schema.Outcomes.Select(o => $"CAST({d.Id(o.Column)} AS DOUBLE)"));
        if (schema.SegmentColumn is { } s) cols.Add(d.Id(s));
        cols.AddRange(schema.Features.Select(f => numeric.Contains(f) ? $"CAST({d.Id(f)} AS DOUBLE)" : d.Id(f)));
        var recs = new List<long>(); var arm = new List<int>();
        var outcomes = schema.Outcomes.Select(_ => new List<double>()).ToArray();
        var segments = schema.SegmentColumn is null ? null : new List<string>();
        var features = schema.Features.Select(_ => new List<object>()).ToArray();
        ws.Read($"SELECT {string.Join(", ", cols)} FROM {Checked} WHERE __verdict IS NULL ORDER BY __rec", r =>
        {
            while (r.Read())
            {
                int k = 0;
                recs.Add(mapper.Map(Convert.ToInt64(r.GetValue(k++), CultureInfo.InvariantCulture)));
                arm.Add(armIndex[r.GetString(k++)]);
                foreach (var o in outcomes) o.Add(r.GetDouble(k++));
                segments?.Add(r.GetString(k++));
                for (int f = 0; f < features.Length; f++) features[f].Add(numeric.Contains(schema.Features[f]) ? r.GetDouble(k++) : r.GetString(k++));
            }
            return 0;
        });
        return new ExperimentData(path, schema, parsed + malformed.Count, rejects, arms, arm.ToArray(), recs.ToArray(),
            schema.Outcomes.Select((o, i) => (o.Column, Values: outcomes[i].ToArray())).ToDictionary(x => x.Column, x => x.Values, StringComparer.Ordinal),
            segments?.ToArray(),
            schema.Features.Select((f, i) => (f, i)).Where(x => numeric.Contains(x.f)).ToDictionary(x => x.f, x => features[x.i].Cast<double>().ToArray(), StringComparer.Ordinal),
            schema.Features.Select((f, i) => (f, i)).Where(x => !numeric.Contains(x.f)).ToDictionary(x => x.f, x => features[x.i].Cast<string>().ToArray(), StringComparer.Ordinal));
    }

    private static string Reason(string rule, string column, ExperimentSchema schema, string[]? labels) => rule switch
    {
        RejectRules.Missing => $"missing value: '{column}' is required",
        RejectRules.Category => $"unknown arm in '{column}': expected one of {string.Join(", ", labels ?? [])}",
        RejectRules.Type => $"not a number: outcome '{column}' expects a finite decimal number",
        RejectRules.Range => $"out of range: binary outcome '{column}' must be 0 or 1",
        _ => rule,
    };

    private static string? Truncate(string? s) => s is { Length: > 80 } ? s[..80] : s;
}
