using Segmentation.Reports.Monthly;

namespace Segmentation.Notebooks;

/// <summary>
/// The zh/en labels of every header and caption the rich displays print: the report's string table
/// (<see cref="ReportStrings"/>, <c>Monthly/Resources/report-strings.json</c>), so the notebooks, the PDF and the CLI say the
/// same thing in both languages.
/// </summary>
public static class DisplayLabels
{
    /// <summary>The label of <paramref name="key"/> in <paramref name="language"/> ("中文 / English" when bilingual).</summary>
    /// <exception cref="ArgumentException">Unknown key (names it).</exception>
    public static string Text(string key, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        if (!ReportStrings.TryGet(key, out var t)) throw new ArgumentException($"Unknown display label '{key}'.", nameof(key));
        return language switch
        {
            DisplayLanguage.Chinese => t.Zh,
            DisplayLanguage.English => t.En,
            _ => t.Zh == t.En ? t.En : t.Zh + " / " + t.En,
        };
    }

    /// <summary>The label as table-header HTML: Chinese over a smaller English line when bilingual.</summary>
    public static string HeaderHtml(string key, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        if (language != DisplayLanguage.Bilingual) return HtmlText.Encode(Text(key, language));
        var t = ReportStrings.TryGet(key, out var v) ? v : throw new ArgumentException($"Unknown display label '{key}'.", nameof(key));
        return t.Zh == t.En ? HtmlText.Encode(t.En) : $"{HtmlText.Encode(t.Zh)}<br/><span style=\"font-weight:normal;font-size:85%;opacity:.75\">{HtmlText.Encode(t.En)}</span>";
    }
}
