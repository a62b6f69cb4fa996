using System.Globalization;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Engines;
using Segmentation.Data.Text;
using System.Runtime.CompilerServices;

namespace Segmentation.Data;

/// <summary>
/// Validates a staged table inside its engine (DuckDB or PostgreSQL): renders <see cref="ValidationQuery"/>, removes
/// duplicate keys, writes the clean table under the canonical name and collects every reject with its file row.
/// </summary>
internal static class TableValidator
{
    /// <summary>At most this many values outside an open code list are named per column; the rest are summed up in one warning.</summary>
    private const int MaxOtherValuesNamed = 20;

    /// <param name="engine">Where the staged table lives.</param>
    /// <param name="plan">The rules (table, import spec, options).</param>
    /// <param name="stage">Staged relation: <c>__rec</c> (the row: physical line or record number) and the present canonical columns.</param>
    /// <param name="present">Canonical columns present in the input.</param>
    /// <param name="display">File (or table) name used in rejects.</param>
    /// <param name="malformed">Lines the reader could not parse, with the reason (rejected as rows of their own).</param>
    /// <param name="encoding">Encoding name for the report.</param>
    /// <param name="ignored">Headers not read.</param>
    /// <param name="identifiers">Identifier headers not read.</param>
    /// <param name="sourceTypes">Engine type per present column (typed sources skip text parsing).</param>
    public static TableIngest Validate(ISqlEngine engine, ValidationPlan plan, string stage, IReadOnlySet<string> present,
        string display, IReadOnlyList<MalformedLine> malformed, string encoding,
        IReadOnlyList<string> ignored, IReadOnlyList<string> identifiers, IReadOnlyDictionary<string, string>? sourceTypes = null)
    {
        var d = engine.Dialect;
        var spec = plan.Spec;
        string table = spec.Name;
        string validation = ValidationQuery.Render(d, stage, plan, present, sourceTypes);
        string t = d.Id(table);
        var clean = ValidationQuery.CleanProjection(d, spec);
        var helpers = ValidationQuery.HelperColumns(d, plan, present);
        // One pass writes every row with its verdict; the failures are read back and deleted. (A view over the
        // source instead of a copy was measured slower: every later query would re-run the validation.)
        engine.Execute(d.CreateTempTableAs(table, $"SELECT {string.Join(", ", clean.Concat(helpers))} FROM ({validation}) v"));
        var rejects = new List<Reject>();
        foreach (var m in malformed)
            rejects.Add(new Reject(display, m.Line, "*", RejectRules.Malformed, "malformed line: " + m.Reason, null));
        ReadVerdicts(engine, t, display, plan, rejects);
        long invalid = rejects.Count - malformed.Count;
        long parsed = Count(engine, stage);
        bool money = HasAmounts(spec, present);
        var read = money ? AmountTally.Of(engine, t) : AmountTally.Empty;
        var invalidTally = money && invalid > 0 ? AmountTally.Of(engine, t, "__rule IS NOT NULL") : AmountTally.Empty;
        if (invalid > 0) engine.Execute($"DELETE FROM {t} WHERE __rule IS NOT NULL");
        AmountTally accepted = AmountTally.Empty;

        long? records = null;
        int duplicates;
        IReadOnlyList<Reject> fieldRejects;
        List<IngestWarning> warnings;
        if (plan.Mapping.Lines is not null)
        {
            // Line items: only exact copies of a source row are duplicates; the other lines of a key are combined.
            var copies = LineItems.ExactDuplicates(engine, table, stage);
            Exclude(engine, table, copies.Select(x => x.Rec));
            foreach (var (rec, first) in copies)
                rejects.Add(new Reject(display, rec, "*", RejectRules.Duplicate, $"duplicate row: every column equals row {first}, which is kept", null));
            duplicates = copies.Count;
            fieldRejects = ReadFieldErrors(engine, t, display, plan);
            warnings = ReadWarnings(engine, t, display, plan, present).ToList();
            if (money) accepted = AmountTally.Of(engine, t);
            var (combined, disagreements) = LineItems.Combine(engine, plan, present, display);
            records = combined;
            warnings.AddRange(disagreements);
        }
        else
        {
            // Duplicate keys among valid rows: the first occurrence stays, later ones are excluded and rejected.
            duplicates = RejectDuplicates(engine, spec, display, rejects);
            fieldRejects = ReadFieldErrors(engine, t, display, plan);
            warnings = ReadWarnings(engine, t, display, plan, present).ToList();
            // Nothing deleted since the first tally (no invalid rows, no duplicates): the table holds the rows it counted.
            if (money) accepted = invalid == 0 && duplicates == 0 ? read : AmountTally.Of(engine, t);
        }
        // Duplicates were valid rows until excluded: what was read and neither rejected before nor accepted now.
        var rejectedTally = invalidTally + (read - invalidTally - accepted);
        rejects.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new TableIngest(table, display, encoding, parsed + malformed.Count, parsed - invalid - duplicates, rejects, ignored, identifiers)
        {
            FieldRejects = fieldRejects,
            Warnings = warnings,
            Records = records,
            Amounts = money ? AmountTally.Reconcile(read, accepted, rejectedTally, malformed.Count) : null,
        };
    }

    /// <summary>
    /// The lazy variant for typed sources in DuckDB (Parquet): one cheap pass finds the rows that are not obviously
    /// clean (<see cref="ValidationQuery.RenderFastPath"/>); only those go through the full validation. The clean table
    /// becomes a view: the source minus those rows (and later exclusions), plus the suspects that passed. Returns null
    /// when the source needs text parsing (then use <see cref="Validate"/>).
    /// </summary>
    /// <remarks>Verdicts, rejects and clean values are those of <see cref="Validate"/>: the fast predicate only decides
    /// which rows need the full check, never a verdict.</remarks>
    public static TableIngest? ValidateInPlace(DataWorkspace engine, ValidationPlan plan, string stage, IReadOnlySet<string> present,
        string display, string encoding, IReadOnlyList<string> ignored, IReadOnlyList<string> identifiers, IReadOnlyDictionary<string, string> sourceTypes)
    {
        var d = engine.Dialect;
        var spec = plan.Spec;
        string table = spec.Name;
        var fast = ValidationQuery.RenderFastPath(d, stage, plan, present, sourceTypes);
        if (fast is null) return null;
        var (predicate, projection) = fast.Value;
        string suspects = "__sus_" + table, fixedRows = "__fix_" + table, skip = "__skip_" + table;
        var clean = ValidationQuery.CleanProjection(d, spec);
        var helpers = ValidationQuery.HelperColumns(d, plan, present);

        string fromSource = $"SELECT {string.Join(", ", clean)} FROM (SELECT {string.Join(", ", projection)} FROM {stage}) s";
        long parsed = Count(engine, stage);
        // One pass over the rows that pass the predicate (the clean rows of the source, as the table will show them) counts
        // them and, for transactions, tallies their money. When every row passes, there are no suspects to copy: the table
        // then is exactly those rows and the tally needs no pass of its own.
        bool money = HasAmounts(spec, present);
        string passing = $"(SELECT {string.Join(", ", clean)} FROM (SELECT {string.Join(", ", projection)} FROM {stage} WHERE {predicate}) s) p";
        var passingTally = money ? AmountTally.Of(engine, passing) : AmountTally.Empty;
        long passed = money ? passingTally.Rows : Count(engine, passing);
        if (passed == parsed)
        {
            // No suspects: empty tables of the same columns (planning the full validation alone took about 0.1 s).
            var noHelpers = helpers.Select(h => $"CAST(NULL AS VARCHAR) AS {h}");
            engine.Execute(d.CreateTempTableAs(fixedRows, $"SELECT {string.Join(", ", clean.Concat(noHelpers))} FROM (SELECT {string.Join(", ", projection)} FROM {stage} LIMIT 0) s"));
            engine.Execute(d.CreateTempTableAs(skip, $"SELECT __rec FROM {stage} LIMIT 0"));
        }
        else
        {
            engine.Execute(d.CreateTempTableAs(suspects, $"SELECT * FROM {stage} WHERE NOT COALESCE({predicate}, FALSE)"));
            string validation = ValidationQuery.Render(d, d.Id(suspects), plan, present, sourceTypes);
            engine.Execute(d.CreateTempTableAs(fixedRows, $"SELECT {string.Join(", ", clean.Concat(helpers))} FROM ({validation}) v"));
            engine.Execute(d.CreateTempTableAs(skip, $"SELECT __rec FROM {d.Id(suspects)}"));
            engine.Execute($"DROP TABLE {d.Id(suspects)}");
        }
        var rejects = new List<Reject>();
        ReadVerdicts(engine, d.Id(fixedRows), display, plan, rejects);
        long invalid = rejects.Count;
        engine.DefineInPlaceTable(table, stage, fromSource, fixedRows, skip);

        var invalidTally = money && invalid > 0 ? AmountTally.Of(engine, d.Id(fixedRows), "__rule IS NOT NULL") : AmountTally.Empty;
        if (invalid > 0)
        {
            engine.Execute($"DELETE FROM {d.Id(fixedRows)} WHERE __rule IS NOT NULL");
            engine.RedefineInPlace(table);
        }
        // The table before exclusions: the passing rows and the suspects that passed the full check.
        var beforeDuplicates = !money ? AmountTally.Empty : passed == parsed ? passingTally : passingTally + AmountTally.Of(engine, d.Id(fixedRows));
        int duplicates = RejectDuplicates(engine, spec, display, rejects);
        // Without duplicates the table still holds the rows just tallied: the same tally, not a second pass over them.
        var accepted = !money ? AmountTally.Empty : duplicates == 0 ? beforeDuplicates : AmountTally.Of(engine, d.Id(table));
        var rejectedTally = invalidTally + (beforeDuplicates - accepted);
        rejects.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new TableIngest(table, display, encoding, parsed, parsed - invalid - duplicates, rejects, ignored, identifiers)
        {
            FieldRejects = ReadFieldErrors(engine, d.Id(fixedRows), display, plan),
            // The accepted rows with amount 0 are the accepted tally's zero kind: no count of them over the table.
            Warnings = ReadWarnings(engine, d.Id(fixedRows), display, plan, present, zeroAmounts: money ? accepted["zero"].Rows : null),
            Amounts = money ? AmountTally.Reconcile(accepted + rejectedTally, accepted, rejectedTally, 0) : null,
        };
    }

    /// <summary>True for the transactions table with its amount: its money is reconciled.</summary>
    private static bool HasAmounts(TableSpec spec, IReadOnlySet<string> present) => spec.Name == "transactions" && present.Contains("amount");

    /// <summary>Adds a reject for every row of <paramref name="relation"/> that failed a rule (its <c>__rule</c> is set), in row order.</summary>
    private static void ReadVerdicts(ISqlEngine engine, string relation, string display, ValidationPlan plan, List<Reject> rejects) =>
        engine.Read($"SELECT __rec, __rule, __column, __value FROM {relation} WHERE __rule IS NOT NULL ORDER BY __rec", r =>
        {
            while (r.Read())
            {
                long rec = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
                string rule = r.GetString(1), column = r.GetString(2);
                string? value = r.IsDBNull(3) ? null : r.GetString(3);
                rejects.Add(new Reject(display, rec, column, rule, Reason(plan, rule, column), Shown(rule, value)));
            }
            return 0;
        });

    /// <summary>The errors of optional fields that were left missing in kept rows (one reject line per field), in row order.</summary>
    private static IReadOnlyList<Reject> ReadFieldErrors(ISqlEngine engine, string relation, string display, ValidationPlan plan) =>
        engine.Read($"SELECT __rec, __field_errors FROM {relation} WHERE __field_errors IS NOT NULL ORDER BY __rec", r =>
        {
            var list = new List<Reject>();
            while (r.Read())
            {
                long rec = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
                foreach (var error in r.GetString(1).Split(ValidationQuery.ErrorSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    var parts = error.Split(ValidationQuery.FieldSeparator);
                    string column = parts[0], rule = parts[1];
                    string? value = parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null;
                    list.Add(new Reject(display, rec, column, rule, Reason(plan, rule, column) + "; the field is left missing and the row is kept", Shown(rule, value)));
                }
            }
            return (IReadOnlyList<Reject>)list;
        });

    /// <summary>
    /// Values kept as <c>other</c> (one warning per value with its count, the most frequent first) and zero amounts kept
    /// as purchase occasions (<paramref name="zeroAmounts"/> when already counted, else counted in <paramref name="relation"/>).
    /// </summary>
    private static IReadOnlyList<IngestWarning> ReadWarnings(ISqlEngine engine, string relation, string display, ValidationPlan plan,
        IReadOnlySet<string> present, long? zeroAmounts = null)
    {
        var d = engine.Dialect;
        var warnings = new List<IngestWarning>();
        foreach (var rules in plan.Columns.Where(c => c.OpenList && present.Contains(c.Name)))
        {
            string o = d.Id(ValidationQuery.OtherColumn(rules.Name));
            var values = engine.Read($"SELECT {o}, count(*) AS n FROM {relation} WHERE {o} IS NOT NULL GROUP BY {o} ORDER BY n DESC, {o}", r =>
            {
                var list = new List<(string Value, long Rows)>();
                while (r.Read()) list.Add((r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)));
                return list;
            });
            string known = string.Join(", ", rules.Categories!);
            foreach (var (value, rows) in values.Take(MaxOtherValuesNamed))
                warnings.Add(new IngestWarning(display, rules.Name, IngestWarningCodes.OtherCategory,
                    $"'{Masked(value)}' is not in the known list of '{rules.Name}' ({known}): kept as 'other' in {rows.ToString("N0", CultureInfo.InvariantCulture)} row(s); declare it in \"categories\" to keep it as itself, or \"closed\": true to reject it", rows));
            if (values.Count > MaxOtherValuesNamed)
            {
                long rest = values.Skip(MaxOtherValuesNamed).Sum(v => v.Rows);
                warnings.Add(new IngestWarning(display, rules.Name, IngestWarningCodes.OtherCategory,
                    $"{values.Count - MaxOtherValuesNamed} more values outside the known list of '{rules.Name}' kept as 'other' in {rest.ToString("N0", CultureInfo.InvariantCulture)} row(s)", rest));
            }
        }
        if (plan.Spec.Name == "transactions" && !plan.RejectZeroAmounts && present.Contains("amount"))
        {
            long zeros = zeroAmounts ?? engine.Read($"SELECT count(*) FROM {relation} WHERE amount = 0", r => { r.Read(); return Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture); });
            if (zeros > 0)
                warnings.Add(new IngestWarning(display, "amount", IngestWarningCodes.ZeroAmount,
                    $"{zeros.ToString("N0", CultureInfo.InvariantCulture)} row(s) with amount 0 kept as purchase occasions with value 0 (--zero-amounts reject, or \"zero_amounts\": \"reject\", rejects them)", zeros));
        }
        return warnings;
    }

    private static string Reason(ValidationPlan plan, string rule, string column)
    {
        if (rule == RejectRules.Type && plan.Columns.FirstOrDefault(c => c.Name == column)?.Computed is { } e)
            return $"cannot compute '{column}' (= {e.Text}): an operand holds no number, or the result is not {(plan.Spec.Find(column)?.Kind is ColumnKind.Number or ColumnKind.Integer ? "a number" : "of the column's type")}";
        var cats = plan.Mapping.Categories.TryGetValue(column, out var c2) ? c2 : null;
        return RejectReasons.Describe(rule, plan.Spec.Find(column), plan.AsOf, cats);
    }

    /// <summary>
    /// The value shown in a reject, for every rule: control characters stripped, anything that looks like personal data
    /// masked (<c>a***@***.com</c>, <c>138****5678</c>), at most <see cref="DisplayText.MaxExcerpt"/> characters.
    /// </summary>
    private static string? Shown(string rule, string? value) => value is null ? null
        : rule == RejectRules.PersonalData && !PersonalDataGuard.LooksLikeIdentifier(value) ? "[redacted]" : DisplayText.Excerpt(value);

    /// <summary>A value for a message: cleaned, masked and capped (<see cref="DisplayText.Excerpt"/>).</summary>
    internal static string Masked(string value) => DisplayText.Excerpt(value);

    /// <summary>Excludes every later row with an earlier row's key from the clean table and rejects it; returns how many.</summary>
    private static int RejectDuplicates(ISqlEngine engine, TableSpec spec, string display, List<Reject> rejects)
    {
        var duplicates = FindDuplicates(engine, spec);
        if (duplicates.Count == 0) return 0;
        Exclude(engine, spec.Name, duplicates.Select(x => x.Rec));
        foreach (var (rec, first) in duplicates)
            rejects.Add(new Reject(display, rec, string.Join("+", spec.Key), RejectRules.Duplicate,
                $"duplicate key ({string.Join(", ", spec.Key)}): same as row {first}, which is kept", null));
        return duplicates.Count;
    }

    /// <summary>
    /// Rows of the clean table whose key equals an earlier row's key: (record, first record with that key). DuckDB first
    /// finds the 64-bit hashes of the key that occur more than once (sorted) and compares the real values only among the rows
    /// with such a hash.
    /// </summary>
    private static List<(long Rec, long First)> FindDuplicates(ISqlEngine engine, TableSpec spec)
    {
        var d = engine.Dialect;
        string t = d.Id(spec.Name);
        string keyList = string.Join(", ", spec.Key.Select(d.Id));
        string on = string.Join(" AND ", spec.Key.Select(k => $"t.{d.Id(k)} IS NOT DISTINCT FROM k.{d.Id(k)}"));
        string sql = $"WITH k AS (SELECT {keyList}, min(__rec) AS first_rec FROM {t} GROUP BY {keyList} HAVING count(*) > 1) " +
            $"SELECT t.__rec, k.first_rec FROM {t} t JOIN k ON {on} WHERE t.__rec <> k.first_rec ORDER BY t.__rec";
        string? repeated = null;
        if (d == DuckDbDialect.Instance)
        {
            // hash(NULL) is a constant, so NULL keys collide and are compared exactly like any other candidates. The repeated
            // hashes are kept apart first: without any (the usual case) no row has to be read again to probe them. They are found
            // as equal neighbours in hash order: DuckDB sorts 10 M hashes for less than it pays for a group-by of 10 M distinct
            // ones (1.7–1.9 against 2.3–2.6 CPU-s). The candidates carry only the record number and the key: with SELECT * every
            // column of every row was read and cast to probe the hashes.
            string h = $"hash({keyList})";
            repeated = d.Id("__dup_" + spec.Name);
            long rows = Count(engine, t);
            if (engine is DataWorkspace ws && rows <= MaxHashesSortedInProcess)
            {
                // Up to a few tens of millions of rows the hashes are sorted here (a radix sort on one core while the engine
                // computes them on every core: about half the time of the engine's own sort at 10 M rows).
                var repeatedHashes = RepeatedValues(ws.ReadUInt64s($"SELECT {h} FROM {t}", rows));
                if (repeatedHashes.Count == 0) return [];
                ws.CreateUInt64Table("__dup_" + spec.Name, "h", repeatedHashes);
            }
            else
            {
                engine.Execute(d.CreateTempTableAs("__dup_" + spec.Name,
                    $"SELECT DISTINCT h FROM (SELECT h, h = lag(h) OVER (ORDER BY h) AS again FROM (SELECT {h} AS h FROM {t}) x) y WHERE again"));
                if (Count(engine, repeated) == 0)
                {
                    engine.Execute($"DROP TABLE {repeated}");
                    return [];
                }
            }
            sql = $"WITH c AS MATERIALIZED (SELECT __rec, {keyList} FROM {t} WHERE {h} IN (SELECT h FROM {repeated})), " +
                  $"k AS (SELECT {keyList}, min(__rec) AS first_rec FROM c GROUP BY {keyList} HAVING count(*) > 1) " +
                  $"SELECT t.__rec, k.first_rec FROM c t JOIN k ON {on} WHERE t.__rec <> k.first_rec ORDER BY t.__rec";
        }
        var found = engine.Read(sql, r =>
            {
                var list = new List<(long Rec, long First)>();
                while (r.Read()) list.Add((Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)));
                return list;
            });
        if (repeated is not null) engine.Execute($"DROP TABLE {repeated}");
        return found;
    }

    /// <summary>Above this many rows the duplicate-key hashes are sorted in the engine (the in-process sort holds two copies of them).</summary>
    private const long MaxHashesSortedInProcess = 30_000_000;

    /// <summary>The values occurring more than once in <paramref name="values"/> (sorted in place by an LSD radix sort), each once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static List<ulong> RepeatedValues(ulong[] values)
    {
        const int Bits = 11, Buckets = 1 << Bits, Passes = (64 + Bits - 1) / Bits;
        var counts = new int[Passes][];
        for (int p = 0; p < Passes; p++) counts[p] = new int[Buckets];
        foreach (var v in values)
            for (int p = 0; p < Passes; p++) counts[p][(int)(v >> (p * Bits)) & (Buckets - 1)]++;
        var source = values;
        var target = new ulong[values.Length];
        var next = new int[Buckets];
        for (int p = 0; p < Passes; p++)
        {
            int shift = p * Bits, start = 0;
            for (int b = 0; b < Buckets; b++)
            {
                next[b] = start;
                start += counts[p][b];
            }
            foreach (var v in source) target[next[(int)(v >> shift) & (Buckets - 1)]++] = v;
            (source, target) = (target, source);
        }
        var repeated = new List<ulong>();
        for (int i = 1; i < source.Length; i++)
            if (source[i] == source[i - 1] && (repeated.Count == 0 || repeated[^1] != source[i])) repeated.Add(source[i]);
        return repeated;
    }

    /// <summary>
    /// Moves rows that reference a key missing from the master table into the rejects of <paramref name="ingest"/>.
    /// </summary>
    /// <param name="engine">The engine holding both tables.</param>
    /// <param name="ingest">The ingest of the referencing table.</param>
    /// <param name="column">The referencing column.</param>
    /// <param name="master">The master table.</param>
    /// <param name="shown">How a rejected key is shown (the pseudonym when ids are pseudonymised); default <see cref="DisplayText.Excerpt"/>.</param>
    public static TableIngest RejectUnknown(ISqlEngine engine, TableIngest ingest, string column, string master, Func<string, string>? shown = null)
    {
        var d = engine.Dialect;
        string t = d.Id(ingest.Table), c = d.Id(column);
        // An anti-join rather than NOT IN: NOT IN's NULL semantics keep engines from hashing the master keys once.
        string sql = d.SelectUnmatched($"x.__rec, x.{c}", t, "x", d.Id(master), "m", $"m.{c} = x.{c}", $"x.{c} IS NOT NULL") + " ORDER BY x.__rec";
        var found = engine.Read(sql, r =>
        {
            var list = new List<(long Rec, string Value)>();
            while (r.Read()) list.Add((Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1)));
            return list;
        });
        if (found.Count == 0) return ingest;
        var moved = ingest.Amounts is null ? null : AmountTally.Of(engine, t, $"{c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {d.Id(master)} m WHERE m.{c} = {t}.{c})");
        Exclude(engine, ingest.Table, found.Select(f => f.Rec));
        var rejects = ingest.Rejects.Concat(found.Select(f => new Reject(ingest.File, f.Rec, column, RejectRules.UnknownReference,
            $"unknown reference: {column} is not in the {master} table", (shown ?? DisplayText.Excerpt)(f.Value)))).OrderBy(r => r.Row).ToArray();
        var amounts = ingest.Amounts is { } a && moved is not null
            ? a with
            {
                Flows = a.Flows.Select(f => f with { Accepted = f.Accepted - moved[f.Kind], Rejected = f.Rejected + moved[f.Kind] }).ToArray(),
                Anonymous = a.Anonymous + moved.Anonymous,
            }
            : ingest.Amounts;
        return ingest with { RowsAccepted = ingest.RowsAccepted - found.Count, Rejects = rejects, Amounts = amounts };
    }

    /// <summary>Deletes rows (by record number) from a clean table.</summary>
    private static void Exclude(ISqlEngine engine, string table, IEnumerable<long> records)
    {
        if (engine is DataWorkspace ws && ws.IsInPlace(table))
        {
            ws.ExcludeInPlace(table, records);
            return;
        }
        foreach (var chunk in records.Chunk(10_000))
            engine.Execute($"DELETE FROM {engine.Dialect.Id(table)} WHERE __rec IN ({string.Join(", ", chunk.Select(x => x.ToString(CultureInfo.InvariantCulture)))})");
    }

    private static long Count(ISqlEngine engine, string relation) =>
        engine.Read($"SELECT count(*) FROM {relation}", r => { r.Read(); return Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture); });

    internal static string? Truncate(string? s) => s is null ? null : s.Length <= 80 ? s : s[..77] + "...";

    /// <summary>Maps the engine's record numbers (parsed records only) back to file rows, skipping malformed lines.</summary>
    internal sealed class RowMapper(long[] malformedLines, int headerLines)
    {
        private readonly long[] sorted = malformedLines.Order().ToArray();

        public long Map(long record)
        {
            long line = record + headerLines;
            foreach (var m in sorted)
            {
                if (m <= line) line++;
                else break;
            }
            return line;
        }
    }
}
