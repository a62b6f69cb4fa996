using System.Text;
using System.Text.RegularExpressions;

namespace Segmentation.Data;

/// <summary>
/// Text from the data made safe to print or quote: terminal escape sequences and other control characters removed,
/// values that look like personal data masked (<see cref="PersonalDataMask"/>), length capped. Every message the CLI
/// prints goes through <see cref="Clean"/>; every excerpt of a data value in a message goes through <see cref="Excerpt"/>.
/// </summary>
public static partial class DisplayText
{
    /// <summary>The longest excerpt of a data value quoted in a message or a reject.</summary>
    public const int MaxExcerpt = 80;

    /// <summary>The longest message printed.</summary>
    public const int MaxMessage = 1000;

    /// <summary>
    /// <paramref name="text"/> without ANSI/VT escape sequences and control characters (line breaks kept only when
    /// <paramref name="multiline"/>; otherwise each becomes a space), capped at <see cref="MaxMessage"/> characters
    /// (stack traces with <paramref name="multiline"/> are not capped).
    /// </summary>
    public static string Clean(string? text, bool multiline = false)
    {
        if (string.IsNullOrEmpty(text)) return "";
        text = EscapeSequence().Replace(text, "");
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '\n' && multiline) sb.Append('\n');
            else if (c is '\n' or '\r' or '\t') sb.Append(' ');
            else if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069') continue;
            else sb.Append(c);
        }
        if (!multiline && sb.Length > MaxMessage) return sb.ToString(0, MaxMessage - 1) + "…";
        return sb.ToString();
    }

    /// <summary>
    /// A data value as it may appear in a message or a reject: cleaned, masked when it looks like personal data
    /// (the whole value, or an e-mail, phone or id number inside it), and capped at <see cref="MaxExcerpt"/> characters.
    /// </summary>
    public static string Excerpt(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var clean = Clean(value);
        if (PersonalDataGuard.LooksLikeIdentifier(clean)) return PersonalDataMask.Mask(clean);
        clean = PersonalDataMask.MaskWithin(clean);
        return clean.Length <= MaxExcerpt ? clean : clean[..(MaxExcerpt - 3)] + "...";
    }

    [GeneratedRegex(@"\x1B(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(\x07|\x1B\\)?|[@-Z\\-_])|\x9B[0-?]*[ -/]*[@-~]")]
    private static partial Regex EscapeSequence();
}
