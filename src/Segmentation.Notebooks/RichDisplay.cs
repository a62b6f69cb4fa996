namespace Segmentation.Notebooks;

/// <summary>
/// The HTML of every rich display (what <see cref="Formatters.Register"/> installs as .NET Interactive formatters), callable
/// directly — e.g. to put the same table into another page. Headers come from <see cref="DisplayLabels"/>; numbers are
/// formatted culture-invariantly (<see cref="HtmlText"/>).
/// </summary>
public static partial class RichDisplay
{
    /// <summary>Rows a DataFrame display shows by default.</summary>
    public const int DefaultMaxRows = 20;

    private static string H(string key, DisplayLanguage language) => DisplayLabels.HeaderHtml(key, language);

    private static string T(string key, DisplayLanguage language) => HtmlText.Encode(DisplayLabels.Text(key, language));

    private static string YesNo(bool value, DisplayLanguage language) => (value ? "✓ " : "✗ ") + DisplayLabels.Text(value ? "yes_short" : "no_short", language);
}
