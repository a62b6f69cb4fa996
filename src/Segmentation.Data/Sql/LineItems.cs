using System.Globalization;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Sql;

/// <summary>
/// Line items (<c>"lines": "sum"</c>): the rows that share a transaction key are the lines of one transaction. Exact
/// copies of a source row (every column of the file equal, compared through a digest of the whole row) are duplicates;
/// the other lines are combined — amount, cost and quantity summed, every other field taken from the first line (lines
/// that disagree in it are reported, never silently merged without a word).
/// </summary>
internal static class LineItems
{
    /// <summary>The columns summed over the lines of a record.</summary>
    public static readonly IReadOnlySet<string> Summed = new HashSet<string>(StringComparer.Ordinal) { "amount", "cost", "quantity" };

    /// <summary>A digest of the whole source row: every header's text, in file order.</summary>
    public static string Digest(SqlDialect d, IReadOnlyList<string> headers) =>
        $"md5(concat_ws({d.Str("\u001F")}, {string.Join(", ", headers.Select(h => $"COALESCE({d.AsText(d.Id(h))}, '')"))}))";

    /// <summary>Rows of the clean table equal in every column of the file to an earlier row: (row, first row).</summary>
    public static List<(long Rec, long First)> ExactDuplicates(ISqlEngine engine, string table, string stage)
    {
        var d = engine.Dialect;
        string sql = $"WITH s AS (SELECT t.__rec, g.__digest FROM {d.Id(table)} t JOIN {stage} g ON g.__rec = t.__rec), " +
                     "f AS (SELECT __digest, min(__rec) AS first_rec FROM s GROUP BY __digest HAVING count(*) > 1) " +
                     "SELECT s.__rec, f.first_rec FROM s JOIN f ON f.__digest = s.__digest WHERE s.__rec <> f.first_rec ORDER BY s.__rec";
        return engine.Read(sql, r =>
        {
            var list = new List<(long, long)>();
            while (r.Read()) list.Add((Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)));
            return list;
        });
    }

    /// <summary>
    /// Replaces the clean lines of <paramref name="plan"/>'s table by one row per key (its <c>__rec</c> the first line's);
    /// returns the number of records and a warning per column in which lines of one record disagree.
    /// </summary>
    public static (long Records, IReadOnlyList<IngestWarning> Warnings) Combine(ISqlEngine engine, ValidationPlan plan, IReadOnlySet<string> present, string display)
    {
        var d = engine.Dialect;
        var spec = plan.Spec;
        string t = d.Id(spec.Name), lines = d.Id("__lines_" + spec.Name);
        var key = spec.Key.Select(d.Id).ToArray();
        var compared = spec.Columns.Where(c => present.Contains(c.Name) && !spec.Key.Contains(c.Name) && !Summed.Contains(c.Name)).Select(c => c.Name).ToArray();

        // Disagreements first, while the lines are still there.
        var warnings = new List<IngestWarning>();
        if (compared.Length > 0)
        {
            string counts = string.Join(", ", compared.Select((c, k) => $"count(DISTINCT {d.Id(c)}) AS n{k}"));
            string report = string.Join(", ", compared.Select((c, k) => $"{d.CountIf($"n{k} > 1")} AS g{k}, min(CASE WHEN n{k} > 1 THEN first_rec END) AS r{k}"));
            engine.Read($"SELECT {report} FROM (SELECT min(__rec) AS first_rec, {counts} FROM {t} GROUP BY {string.Join(", ", key)}) x", r =>
            {
                r.Read();
                for (int k = 0; k < compared.Length; k++)
                {
                    long groups = r.IsDBNull(2 * k) ? 0 : Convert.ToInt64(r.GetValue(2 * k), CultureInfo.InvariantCulture);
                    if (groups == 0) continue;
                    long example = Convert.ToInt64(r.GetValue(2 * k + 1), CultureInfo.InvariantCulture);
                    warnings.Add(new IngestWarning(display, compared[k], IngestWarningCodes.LinesDisagree,
                        $"{groups.ToString("N0", CultureInfo.InvariantCulture)} record(s) have lines that disagree in '{compared[k]}' (e.g. the record whose first line is row {example.ToString(CultureInfo.InvariantCulture)}); the first line's value is kept", groups));
                }
                return 0;
            });
        }

        var items = new List<string> { "min(__rec) AS __rec" };
        foreach (var c in spec.Columns)
        {
            string id = d.Id(c.Name);
            if (spec.Key.Contains(c.Name)) items.Add(id);
            else if (Summed.Contains(c.Name)) items.Add($"CAST(sum({id}) AS {ValidationQuery.SqlType(d, c.Kind)}) AS {id}");
            else if (spec.Name == "transactions" && c.Name == "is_return") items.Add($"(COALESCE({d.ArgMin(id, "__rec")}, FALSE) OR sum({d.Id("amount")}) < 0) AS {id}");
            else items.Add($"{d.ArgMin(id, "__rec")} AS {id}");
        }
        engine.Execute($"ALTER TABLE {t} RENAME TO {lines}");
        engine.Execute(d.CreateTempTableAs(spec.Name, $"SELECT {string.Join(", ", items)} FROM {lines} GROUP BY {string.Join(", ", key)} ORDER BY 1"));
        engine.Execute($"DROP TABLE {lines}");
        long records = engine.Read($"SELECT count(*) FROM {t}", r => { r.Read(); return Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture); });
        return (records, warnings);
    }
}
