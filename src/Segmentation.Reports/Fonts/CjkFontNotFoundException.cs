namespace Segmentation.Reports.Fonts;

/// <summary>
/// Thrown when text needs a CJK glyph and no CJK face was found. The message lists every place
/// that was searched, so the fix (install fonts-noto-cjk, or keep the bundled subset) is obvious.
/// </summary>
public sealed class CjkFontNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="codePoint"/> after searching <paramref name="searched"/>.</summary>
    public CjkFontNotFoundException(int codePoint, IReadOnlyList<string> searched)
        : base($"The text needs a CJK glyph (U+{codePoint:X4} '{char.ConvertFromUtf32(codePoint)}') but no CJK font was found. " +
               $"Searched: {(searched.Count == 0 ? "(nothing)" : string.Join(", ", searched))}. " +
               "Keep the bundled subset (FontSearchOptions.Default) or install fonts-noto-cjk.")
    {
        CodePoint = codePoint;
        Searched = searched;
    }

    /// <summary>The first code point that could not be drawn.</summary>
    public int CodePoint { get; }

    /// <summary>Every font source that was tried, in order.</summary>
    public IReadOnlyList<string> Searched { get; }
}
