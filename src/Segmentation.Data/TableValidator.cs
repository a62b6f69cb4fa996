using System.Globalization;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Engines;
using Segmentation.Data.Text;

namespace Segmentation.Data;

/// <summary>
/// Validates a staged table inside its engine (DuckDB or PostgreSQL): renders <see cref="ValidationQuery"/>, removes
/// duplicate keys, writes the clean table under the canonical name and collects every reject with its file row.
/// </summary>
internal static class TableValidator
{
    /// <param name="engine">Where the staged table lives.</param>
    /// <param name="spec">The table of the data model.</param>
    /// <param name="mapping">The table's mapping (formats, recoding, categories).</param>
    /// <param name="stage">Staged relation: <c>__rec</c> (1-based record number) and the present canonical columns.</param>
    /// <param name="present">Canonical columns present in the input.</param>
    /// <param name="display">File (or table) name used in rejects.</param>
    /// <param name="malformed">Lines the reader could not parse, with the reason (rejected as rows of their own).</param>
    /// <param name="encoding">Encoding name for the report.</param>
    /// <param name="ignored">Headers not read.</param>
    /// <param name="identifiers">Identifier headers not read.</param>
    /// <param name="asOf">As-of date.</param>
    /// <param name="sourceTypes">Engine type per present column (typed sources skip text parsing).</param>
    public static TableIngest Validate(ISqlEngine engine, TableSpec spec, TableMapping mapping, string stage, IReadOnlySet<string> present,
        string display, IReadOnlyList<MalformedLine> malformed, string encoding,
        IReadOnlyList<string> ignored, IReadOnlyList<string> identifiers, DateTime asOf, IReadOnlyDictionary<string, string>? sourceTypes = null)
    {
        var d = engine.Dialect;
        string table = spec.Name;
        var effective = WithMappedCategories(spec, mapping);
        string validation = ValidationQuery.Render(d, stage, effective, present, mapping, asOf, sourceTypes);
        string t = d.Id(table);
        var clean = ValidationQuery.CleanProjection(d, spec);
        // One pass writes every row with its verdict; the failures are read back and deleted. (A view over the
        // source instead of a copy was measured slower: every later query would re-run the validation.)
        engine.Execute(d.CreateTempTableAs(table, $"SELECT {string.Join(", ", clean)}, __rule, __column, __value FROM ({validation}) v"));
        // __rec is the row itself: the physical line for text files, the record number for Parquet and database tables.
        var mapper = new RowMapper([], 0);
        var rejects = new List<Reject>();
        foreach (var m in malformed)
            rejects.Add(new Reject(display, m.Line, "*", RejectRules.Malformed, "malformed line: " + m.Reason, null));
        ReadVerdicts(engine, t, display, mapper, mapping, effective, asOf, rejects);
        long invalid = rejects.Count - malformed.Count;
        long parsed = Count(engine, stage);
        if (invalid > 0) engine.Execute($"DELETE FROM {t} WHERE __rule IS NOT NULL");

        // Duplicate keys among valid rows: the first occurrence stays, later ones are excluded and rejected.
        int duplicates = RejectDuplicates(engine, spec, display, mapper, rejects);
        rejects.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new TableIngest(table, display, encoding, parsed + malformed.Count, parsed - invalid - duplicates, rejects, ignored, identifiers);
    }

    /// <summary>
    /// The lazy variant for typed sources in DuckDB (Parquet): one cheap pass finds the rows that are not obviously
    /// clean (<see cref="ValidationQuery.RenderFastPath"/>); only those go through the full validation. The clean table
    /// becomes a view: the source minus those rows (and later exclusions), plus the suspects that passed. Returns null
    /// when the source needs text parsing (then use <see cref="Validate"/>).
    /// </summary>
    /// <remarks>Verdicts, rejects and clean values are those of <see cref="Validate"/>: the fast predicate only decides
    /// which rows need the full check, never a verdict.</remarks>
    public static TableIngest? ValidateInPlace(DataWorkspace engine, TableSpec spec, TableMapping mapping, string stage, IReadOnlySet<string> present,
        string display, string encoding, IReadOnlyList<string> ignored, IReadOnlyList<string> identifiers, DateTime asOf,
        IReadOnlyDictionary<string, string> sourceTypes)
    {
        var d = engine.Dialect;
        string table = spec.Name;
        var effective = WithMappedCategories(spec, mapping);
        var fast = ValidationQuery.RenderFastPath(d, stage, effective, present, mapping, asOf, sourceTypes);
        if (fast is null) return null;
        var (predicate, projection) = fast.Value;
        string suspects = "__sus_" + table, fixedRows = "__fix_" + table, skip = "__skip_" + table;
        var clean = ValidationQuery.CleanProjection(d, spec);

        engine.Execute(d.CreateTempTableAs(suspects, $"SELECT * FROM {stage} WHERE NOT COALESCE({predicate}, FALSE)"));
        string validation = ValidationQuery.Render(d, d.Id(suspects), effective, present, mapping, asOf, sourceTypes);
        engine.Execute(d.CreateTempTableAs(fixedRows, $"SELECT {string.Join(", ", clean)}, __rule, __column, __value FROM ({validation}) v"));
        engine.Execute(d.CreateTempTableAs(skip, $"SELECT __rec FROM {d.Id(suspects)}"));
        engine.Execute($"DROP TABLE {d.Id(suspects)}");
        var mapper = new RowMapper([], 0);
        var rejects = new List<Reject>();
        ReadVerdicts(engine, d.Id(fixedRows), display, mapper, mapping, effective, asOf, rejects);
        long invalid = rejects.Count;
        if (invalid > 0) engine.Execute($"DELETE FROM {d.Id(fixedRows)} WHERE __rule IS NOT NULL");
        long parsed = Count(engine, stage);
        string fromSource = $"SELECT {string.Join(", ", clean)} FROM (SELECT {string.Join(", ", projection)} FROM {stage}) s";
        engine.DefineInPlaceTable(table, stage, fromSource, fixedRows, skip);

        int duplicates = RejectDuplicates(engine, spec, display, mapper, rejects);
        rejects.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new TableIngest(table, display, encoding, parsed, parsed - invalid - duplicates, rejects, ignored, identifiers);
    }

    /// <summary>The table's spec with the mapping's declared code lists.</summary>
    private static TableSpec WithMappedCategories(TableSpec spec, TableMapping mapping)
    {
        var effective = spec;
        foreach (var (col, cats) in mapping.Categories) effective = effective.WithCategories(col, cats, spec.Find(col)?.Ordinal ?? false);
        return effective;
    }

    /// <summary>Adds a reject for every row of <paramref name="relation"/> that failed a rule (its <c>__rule</c> is set), in row order.</summary>
    private static void ReadVerdicts(ISqlEngine engine, string relation, string display, RowMapper mapper, TableMapping mapping, TableSpec effective,
        DateTime asOf, List<Reject> rejects) =>
        engine.Read($"SELECT __rec, __rule, __column, __value FROM {relation} WHERE __rule IS NOT NULL ORDER BY __rec", r =>
        {
            while (r.Read())
            {
                long rec = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
                string rule = r.GetString(1), column = r.GetString(2);
                string? value = r.IsDBNull(3) ? null : r.GetString(3);
                var cats = mapping.Categories.TryGetValue(column, out var c2) ? c2 : null;
                // The rejects file must not become a copy of the personal data it keeps out.
                if (rule == RejectRules.PersonalData) value = "[redacted]";
                rejects.Add(new Reject(display, mapper.Map(rec), column, rule, RejectReasons.Describe(rule, effective.Find(column), asOf, cats), Truncate(value)));
            }
            return 0;
        });

    /// <summary>Excludes every later row with an earlier row's key from the clean table and rejects it; returns how many.</summary>
    private static int RejectDuplicates(ISqlEngine engine, TableSpec spec, string display, RowMapper mapper, List<Reject> rejects)
    {
        var duplicates = FindDuplicates(engine, spec);
        if (duplicates.Count == 0) return 0;
        Exclude(engine, spec.Name, duplicates.Select(x => x.Rec));
        foreach (var (rec, first) in duplicates)
            rejects.Add(new Reject(display, mapper.Map(rec), string.Join("+", spec.Key), RejectRules.Duplicate,
                $"duplicate key ({string.Join(", ", spec.Key)}): same as row {mapper.Map(first)}, which is kept", null));
        return duplicates.Count;
    }

    /// <summary>
    /// Rows of the clean table whose key equals an earlier row's key: (record, first record with that key). DuckDB first
    /// groups 64-bit hashes of the key and compares the real values only among rows whose hash occurs more than once.
    /// </summary>
    private static List<(long Rec, long First)> FindDuplicates(ISqlEngine engine, TableSpec spec)
    {
        var d = engine.Dialect;
        string t = d.Id(spec.Name);
        string keyList = string.Join(", ", spec.Key.Select(d.Id));
        string on = string.Join(" AND ", spec.Key.Select(k => $"t.{d.Id(k)} IS NOT DISTINCT FROM k.{d.Id(k)}"));
        string sql = $"WITH k AS (SELECT {keyList}, min(__rec) AS first_rec FROM {t} GROUP BY {keyList} HAVING count(*) > 1) " +
            $"SELECT t.__rec, k.first_rec FROM {t} t JOIN k ON {on} WHERE t.__rec <> k.first_rec ORDER BY t.__rec";
        if (d == DuckDbDialect.Instance)
        {
            // hash(NULL) is a constant, so NULL keys collide and are compared exactly like any other candidates.
            string h = $"hash({keyList})";
            sql = $"WITH c AS MATERIALIZED (SELECT * FROM {t} WHERE {h} IN (SELECT {h} FROM {t} GROUP BY ALL HAVING count(*) > 1)), " +
                  $"k AS (SELECT {keyList}, min(__rec) AS first_rec FROM c GROUP BY {keyList} HAVING count(*) > 1) " +
                  $"SELECT t.__rec, k.first_rec FROM c t JOIN k ON {on} WHERE t.__rec <> k.first_rec ORDER BY t.__rec";
        }
        return engine.Read(sql, r =>
            {
                var list = new List<(long Rec, long First)>();
                while (r.Read()) list.Add((Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)));
                return list;
            });
    }

    /// <summary>
    /// Moves rows that reference a key missing from the master table into the rejects of <paramref name="ingest"/>.
    /// </summary>
    public static TableIngest RejectUnknown(ISqlEngine engine, TableIngest ingest, string column, string master)
    {
        var d = engine.Dialect;
        string t = d.Id(ingest.Table), c = d.Id(column);
        // An anti-join (NOT EXISTS) rather than NOT IN: NOT IN's NULL semantics keep engines from hashing the master keys once.
        string sql = $"SELECT x.__rec, x.{c} FROM {t} x WHERE x.{c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {d.Id(master)} m WHERE m.{c} = x.{c}) ORDER BY x.__rec";
        var found = engine.Read(sql, r =>
        {
            var list = new List<(long Rec, string Value)>();
            while (r.Read()) list.Add((Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1)));
            return list;
        });
        if (found.Count == 0) return ingest;
        Exclude(engine, ingest.Table, found.Select(f => f.Rec));
        var rejects = ingest.Rejects.Concat(found.Select(f => new Reject(ingest.File, f.Rec, column, RejectRules.UnknownReference,
            $"unknown reference: {column} is not in the {master} table", Truncate(f.Value)))).OrderBy(r => r.Row).ToArray();
        return ingest with { RowsAccepted = ingest.RowsAccepted - found.Count, Rejects = rejects };
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
