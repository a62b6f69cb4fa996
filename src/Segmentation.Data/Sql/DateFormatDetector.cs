using System.Globalization;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Sql;

/// <summary>
/// Finds how the date and date-time columns of a staged text table are written, before validation: ISO 8601 and the
/// default formats need nothing; otherwise the values that do not parse are tried against the common families (day-first
/// and month-first with <c>/</c> or <c>-</c>, day-first with <c>.</c>, month names), and a family that reads more of them
/// than its rival is used. When a day-first and a month-first family read the same values (every day ≤ 12), the
/// reading is ambiguous and ingest stops with the column named: the user declares <c>formats</c>. Values ending in a
/// UTC offset are converted to the table's <c>timezone</c>, or to the most frequent offset of the column (the data's
/// local time) when none is declared.
/// </summary>
internal static class DateFormatDetector
{
    /// <summary>Format families; the families of one group are rivals (day-first vs month-first with the same separator).</summary>
    private static readonly (string Group, string Name, string[] Formats)[] Families =
    [
        ("slash", "day-first", ["%d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"]),
        ("slash", "month-first", ["%m/%d/%Y", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p"]),
        ("dash", "day-first", ["%d-%m-%Y", "%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S"]),
        ("dash", "month-first", ["%m-%d-%Y", "%m-%d-%Y %H:%M", "%m-%d-%Y %H:%M:%S"]),
        ("dot", "day-first", ["%d.%m.%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S"]),
        ("year-first", "year-first", ["%Y/%m/%d %H:%M", "%Y.%m.%d %H:%M", "%Y.%m.%d %H:%M:%S"]),
        ("names", "month names", ["%d %b %Y", "%d %b %Y %H:%M", "%d %b %Y %H:%M:%S", "%d-%b-%Y", "%d-%b-%Y %H:%M", "%d %B %Y", "%b %d %Y", "%b %d, %Y", "%B %d, %Y"]),
    ];

    /// <summary>
    /// The reading of every date or date-time column of <paramref name="spec"/> staged as text in <paramref name="stage"/>
    /// (typed columns and columns with declared formats are read as declared).
    /// </summary>
    /// <exception cref="DataFileException">A column reads both day-first and month-first (names the file, a row, the column).</exception>
    public static IReadOnlyDictionary<string, DateReading> Detect(ISqlEngine engine, string stage, TableSpec spec, TableMapping mapping,
        IReadOnlySet<string> present, IReadOnlyDictionary<string, string> sourceTypes, string file, IReadOnlyDictionary<string, string> headers)
    {
        var d = engine.Dialect;
        var result = new Dictionary<string, DateReading>();
        var (zone, fixedOffset) = ParseZone(mapping.Timezone);
        foreach (var c in spec.Columns.Where(c => c.Kind is ColumnKind.Date or ColumnKind.Timestamp && present.Contains(c.Name)))
        {
            if (sourceTypes.TryGetValue(c.Name, out var type) && type.ToUpperInvariant() != "VARCHAR") continue;
            string col = d.Id(c.Name);
            var tokens = mapping.NaFor(c.Name).Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            string text = $"trim({d.AsText(col)})";
            string value = tokens.Length == 0 ? text : $"(CASE WHEN {text} IN ({string.Join(", ", tokens.Select(d.Str))}) THEN NULL ELSE {text} END)";
            string offset = d.Matches("t", DateReading.OffsetPattern);
            string values = $"SELECT __rec, {value} AS t FROM {stage}";

            // Offsets: how many values carry one, and the most frequent (the data's local time).
            var offsets = engine.Read($"SELECT {d.RegexExtract("t", DateReading.OffsetSuffix)} AS o, count(*) AS n FROM ({values}) v WHERE t IS NOT NULL AND {offset} GROUP BY 1 ORDER BY n DESC, o", r =>
            {
                var list = new List<(string Offset, long Rows)>();
                while (r.Read()) list.Add((r.IsDBNull(0) ? "" : r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)));
                return list;
            });
            long withOffset = offsets.Sum(o => o.Rows);
            int minutes = fixedOffset ?? (offsets.Count > 0 ? OffsetMinutes(offsets[0].Offset) : 0);

            var formats = new List<string>();
            if (!mapping.Formats.ContainsKey(c.Name))
            {
                // Values no default reading parses, tried against every family.
                string parsed = d.TryTimestamp("t", ValidationPlan.DefaultDateFormats);
                string failing = $"SELECT __rec, t FROM ({values}) v WHERE t IS NOT NULL AND t <> '' AND {parsed} IS NULL AND NOT {offset}";
                var counts = Families.Select((f, k) => $"{d.CountIf($"{d.TryTimestamp("t", f.Formats)} IS NOT NULL")} AS f{k}");
                var row = engine.Read($"SELECT count(*) AS n, {string.Join(", ", counts)} FROM ({failing}) x", r =>
                {
                    r.Read();
                    return Enumerable.Range(0, Families.Length + 1).Select(i => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture)).ToArray();
                });
                if (row[0] > 0)
                {
                    foreach (var group in Families.Select((f, k) => (f, n: row[k + 1])).GroupBy(x => x.f.Group))
                    {
                        var ranked = group.OrderByDescending(x => x.n).ToArray();
                        if (ranked[0].n == 0) continue;
                        if (ranked.Length > 1 && ranked[1].n == ranked[0].n)
                            throw Ambiguous(engine, failing, ranked[0].f.Formats, ranked[1].f.Formats, file, c.Name, headers.GetValueOrDefault(c.Name, c.Name), ranked[0].f.Group);
                        formats.AddRange(ranked[0].f.Formats);
                    }
                }
            }
            if (formats.Count > 0 || withOffset > 0)
                result[c.Name] = new DateReading(formats, zone, minutes, withOffset);
        }
        return result;
    }

    /// <summary>One warning per date column whose values carried UTC offsets: how many, and the zone they were converted to.</summary>
    public static IEnumerable<IngestWarning> Warnings(string path, TableMapping mapping, IReadOnlyDictionary<string, DateReading> dates) =>
        dates.Where(kv => kv.Value.ValuesWithOffset > 0).Select(kv => new IngestWarning(path, kv.Key, IngestWarningCodes.TimeZone,
            $"{kv.Value.ValuesWithOffset.ToString("N0", CultureInfo.InvariantCulture)} value(s) carried a UTC offset and were converted to " +
            (mapping.Timezone is { } tz ? $"the table's time zone {tz}" : $"the column's most frequent offset {OffsetText(kv.Value.OffsetMinutes)} (the data's local time; declare \"timezone\" to choose)"),
            kv.Value.ValuesWithOffset));

    private static string OffsetText(int minutes) =>
        (minutes < 0 ? "-" : "+") + (Math.Abs(minutes) / 60).ToString("D2", CultureInfo.InvariantCulture) + ":" + (Math.Abs(minutes) % 60).ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The declared time zone: an IANA name, or a fixed offset (<c>+08:00</c>, <c>UTC</c>).</summary>
    /// <exception cref="InvalidDataException">Neither.</exception>
    public static (string? Zone, int? OffsetMinutes) ParseZone(string? timezone)
    {
        if (timezone is null) return (null, null);
        var t = timezone.Trim();
        if (t is "UTC" or "Z" or "GMT") return (null, 0);
        if (System.Text.RegularExpressions.Regex.IsMatch(t, @"^[+-][0-9]{2}(:?[0-9]{2})?$")) return (null, OffsetMinutes(t));
        if (System.Text.RegularExpressions.Regex.IsMatch(t, @"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)+$") && TimeZoneInfo.TryFindSystemTimeZoneById(t, out _)) return (t, null);
        throw new InvalidDataException($"timezone '{timezone}' is neither an IANA time zone (e.g. Asia/Shanghai) nor an offset (e.g. +08:00)");
    }

    private static int OffsetMinutes(string offset)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(offset, @"^[+-][0-9]{2}(:?[0-9]{2})?$")) return 0;
        int sign = offset[0] == '-' ? -1 : 1;
        var digits = offset[1..].Replace(":", "", StringComparison.Ordinal);
        int hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        int minutes = digits.Length >= 4 ? int.Parse(digits[2..4], CultureInfo.InvariantCulture) : 0;
        return sign * (hours * 60 + minutes);
    }

    private static DataFileException Ambiguous(ISqlEngine engine, string failing, string[] first, string[] second, string file, string column, string header, string group)
    {
        var d = engine.Dialect;
        // The first row whose value reads both ways, to point at.
        var (row, example) = engine.Read($"SELECT __rec, t FROM ({failing}) x WHERE {d.TryTimestamp("t", first)} IS NOT NULL AND {d.TryTimestamp("t", second)} IS NOT NULL ORDER BY __rec LIMIT 1", r =>
            r.Read() ? (Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1)) : (0L, ""));
        string sep = group == "dash" ? "-" : "/";
        return new DataFileException(file,
            $"the dates of '{header}' read both day-first and month-first (e.g. '{TableValidator.Masked(example)}'), so the day cannot be told from the month; " +
            $"declare the format in schema.json, e.g. \"formats\": {{ \"{column}\": [\"%d{sep}%m{sep}%Y %H:%M\"] }} for day-first or [\"%m{sep}%d{sep}%Y %H:%M\"] for month-first",
            row: row == 0 ? null : row, column: column);
    }
}
