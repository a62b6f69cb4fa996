using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Segmentation.Reports.Monthly;

/// <summary>
/// Every sentence, heading, label and unit of the monthly report, in Chinese and English, from one table: the embedded
/// resource <c>Monthly/Resources/report-strings.json</c>, keyed by id, each entry <c>{ "zh": …, "en": … }</c> with
/// composite-format placeholders (<c>{0}</c>, <c>{1}</c>, …). The report, the CLI and the notebooks read it the same way:
/// <code>
/// var text = ReportStrings.For(ReportLanguage.En);
/// text["s1"];                                  // "1. Executive summary"
/// text.Format("header", "2026-10");            // "Segmentation effect evaluation · 2026-10"
/// </code>
/// </summary>
/// <remarks>
/// The table is read once and checked as a whole: every id has a non-empty text in both languages and both texts use the
/// same placeholders, so a sentence never loses a number in one language. Formatting uses the invariant culture (numbers are
/// passed already formatted, see <see cref="ReportFormat"/>).
/// </remarks>
public sealed class ReportStrings
{
    private const string ResourceName = "Segmentation.Reports.Monthly.Resources.report-strings.json";
    private static readonly Lazy<FrozenDictionary<string, (string Zh, string En)>> Table = new(Read);
    private static readonly ReportStrings Chinese = new(ReportLanguage.Zh);
    private static readonly ReportStrings English = new(ReportLanguage.En);

    private ReportStrings(ReportLanguage language) => Language = language;

    /// <summary>The texts of <paramref name="language"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="ReportLanguage"/>.</exception>
    public static ReportStrings For(ReportLanguage language) => language switch
    {
        ReportLanguage.Zh => Chinese,
        ReportLanguage.En => English,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Not a report language."),
    };

    /// <summary>Every id of the table, ordinal order.</summary>
    public static IReadOnlyList<string> Ids => [.. Table.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The language of these texts.</summary>
    public ReportLanguage Language { get; }

    /// <summary>The text of <paramref name="id"/> as written in the table (placeholders left as they are).</summary>
    /// <exception cref="KeyNotFoundException">No such id.</exception>
    public string this[string id]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(id);
            if (!Table.Value.TryGetValue(id, out var entry)) throw new KeyNotFoundException($"No report text '{id}' in {ResourceName}.");
            return Language == ReportLanguage.Zh ? entry.Zh : entry.En;
        }
    }

    /// <summary>The text of <paramref name="id"/> with its placeholders filled from <paramref name="args"/> (invariant culture).</summary>
    /// <exception cref="KeyNotFoundException">No such id.</exception>
    /// <exception cref="FormatException">The text uses a placeholder beyond <paramref name="args"/>.</exception>
    public string Format(string id, params object?[] args) => string.Format(CultureInfo.InvariantCulture, this[id], args);

    /// <summary>Both texts of <paramref name="id"/> (e.g. for a bilingual display); false when the table has no such id.</summary>
    public static bool TryGet(string id, out (string Zh, string En) texts)
    {
        texts = default;
        return id is not null && Table.Value.TryGetValue(id, out texts);
    }

    /// <summary>True if the table has <paramref name="id"/>.</summary>
    public static bool Contains(string id) => id is not null && Table.Value.ContainsKey(id);

    private static FrozenDictionary<string, (string Zh, string En)> Read()
    {
        using Stream stream = typeof(ReportStrings).Assembly.GetManifestResourceStream(ResourceName)
                              ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        var entries = JsonSerializer.Deserialize<Dictionary<string, Entry>>(stream, JsonOptions)
                      ?? throw new InvalidDataException($"{ResourceName} is empty.");
        foreach (var (id, entry) in entries)
        {
            if (string.IsNullOrEmpty(entry.Zh) || string.IsNullOrEmpty(entry.En))
                throw new InvalidDataException($"{ResourceName}: '{id}' needs both a \"zh\" and an \"en\" text.");
            if (!Placeholders(entry.Zh).SetEquals(Placeholders(entry.En)))
                throw new InvalidDataException($"{ResourceName}: '{id}' uses different placeholders in zh ({entry.Zh}) and en ({entry.En}).");
        }
        return entries.ToFrozenDictionary(e => e.Key, e => (e.Value.Zh!, e.Value.En!), StringComparer.Ordinal);
    }

    private static HashSet<int> Placeholders(string text) =>
        [.. Regex.Matches(text, @"(?<!\{)\{(\d+)[^}]*\}").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    private sealed record Entry(string? Zh, string? En);
}
