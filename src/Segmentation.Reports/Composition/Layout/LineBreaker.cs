using System.Text;
using SkiaSharp;
using Segmentation.Reports.Fonts;

namespace Segmentation.Reports.Composition.Layout;

/// <summary>
/// Greedy line breaking without a shaper: Latin text breaks at spaces (a word is never split unless
/// it alone is wider than the line), CJK text may break between any two characters, except that
/// closing punctuation (，。、；：？！）」』 …) never starts a line and opening punctuation
/// （「『“ …) never ends one: both stick to their neighbour. Hard line breaks are '\n'.
/// </summary>
/// <remarks>
/// Widths are sums of glyph advances (no kerning, no ligatures), which is exactly how
/// <c>SKCanvas.DrawText</c> places glyphs, so measured and drawn lines agree.
/// </remarks>
internal static class LineBreaker
{
    private const string NoLineStart = "!%),.:;?]}¢°·’”…‥‰′″℃、。〃々〉》」』】〕〗〙〛〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｝～｠｡｣､･";
    private const string NoLineEnd = "$(£¥[{‘“〈《「『【〔〖〘〚〝﹙﹛﹝＄（．［｛￡￥";

    public static List<TextLine> Break(string text, TextStyle style, LayoutContext context, float maxWidth)
    {
        var lines = new List<TextLine>();
        foreach (string hardLine in text.Replace("\r\n", "\n").Split('\n'))
            BreakHardLine(hardLine, style, context, maxWidth, lines);
        return lines;
    }

    /// <summary>Splits <paramref name="text"/> into runs of one font each and positions them from x = 0.</summary>
    public static TextLine Shape(string text, TextStyle style, LayoutContext context)
    {
        var runs = new List<TextRun>();
        var current = new StringBuilder();
        SKFont? currentFont = null;
        float x = 0, runStart = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            SKFont font = currentFont is not null && IsSpace(rune) ? currentFont : FontFor(rune.Value, style, context);
            if (!ReferenceEquals(font, currentFont) && current.Length > 0)
            {
                float width = currentFont!.MeasureText(current.ToString());
                runs.Add(new TextRun(current.ToString(), currentFont, runStart, width));
                x = runStart + width;
                current.Clear();
            }
            if (current.Length == 0) runStart = x;
            currentFont = font;
            current.Append(rune.ToString());
        }
        if (current.Length > 0)
        {
            float width = currentFont!.MeasureText(current.ToString());
            runs.Add(new TextRun(current.ToString(), currentFont, runStart, width));
            x = runStart + width;
        }
        return new TextLine(runs, x);
    }

    /// <summary>Ascent-based baseline offset and line height for <paramref name="style"/>.</summary>
    public static (float LineHeight, float Baseline) Metrics(TextStyle style, LayoutContext context)
    {
        SKFont font = context.FontCache.Get(context.Fonts.Cjk ?? context.Fonts.Latin, style.Size, false);
        SKFontMetrics metrics = font.Metrics;
        float lineHeight = style.Size * style.LineHeight;
        float baseline = (lineHeight - (metrics.Descent - metrics.Ascent)) / 2 - metrics.Ascent;
        return (lineHeight, baseline);
    }

    private static SKFont FontFor(int codePoint, TextStyle style, LayoutContext context)
    {
        (SKTypeface face, bool fakeBold) = context.Fonts.FaceFor(codePoint, style.Bold);
        return context.FontCache.Get(face, style.Size, fakeBold);
    }

    private static float Measure(string text, TextStyle style, LayoutContext context) =>
        text.Length == 0 ? 0 : Shape(text, style, context).Width;

    private static void BreakHardLine(string text, TextStyle style, LayoutContext context, float maxWidth, List<TextLine> lines)
    {
        var line = new StringBuilder();
        float lineWidth = 0, pendingWidth = 0;
        string pending = "";
        foreach ((string content, string space) in Units(text))
        {
            float width = Measure(content, style, context);
            if (line.Length > 0 && lineWidth + pendingWidth + width > maxWidth)
            {
                lines.Add(Shape(line.ToString(), style, context));
                line.Clear();
                lineWidth = 0;
                pending = "";
                pendingWidth = 0;
            }
            if (line.Length == 0 && width > maxWidth)
            {
                // A single unit wider than the line (a long URL, a number in a narrow cell): split by character.
                foreach (Rune rune in content.EnumerateRunes())
                {
                    float runeWidth = Measure(rune.ToString(), style, context);
                    if (line.Length > 0 && lineWidth + runeWidth > maxWidth)
                    {
                        lines.Add(Shape(line.ToString(), style, context));
                        line.Clear();
                        lineWidth = 0;
                    }
                    line.Append(rune.ToString());
                    lineWidth += runeWidth;
                }
            }
            else
            {
                line.Append(pending).Append(content);
                lineWidth += pendingWidth + width;
            }
            pending = space;
            pendingWidth = Measure(space, style, context);
        }
        lines.Add(Shape(line.ToString(), style, context));
    }

    /// <summary>Break opportunities: each unit is unbreakable content followed by the spaces after it.</summary>
    private static List<(string Content, string Space)> Units(string text)
    {
        var units = new List<(StringBuilder Content, StringBuilder Space, bool Cjk)>();
        foreach (Rune rune in text.EnumerateRunes())
        {
            string s = rune.ToString();
            var last = units.Count > 0 ? units[^1] : default;
            bool open = units.Count > 0 && last.Space.Length == 0;
            if (IsSpace(rune))
            {
                if (units.Count == 0) units.Add((new StringBuilder(), new StringBuilder(), false));
                units[^1].Space.Append(s);
                continue;
            }
            bool cjk = FontLibrary.IsCjk(rune.Value);
            bool glue = open && (NoLineStart.Contains(s, StringComparison.Ordinal)
                                 || EndsWithAny(last.Content, NoLineEnd)
                                 || (!cjk && !last.Cjk));
            if (glue)
                last.Content.Append(s);
            else
                units.Add((new StringBuilder(s), new StringBuilder(), cjk));
        }
        return units.Select(u => (u.Content.ToString(), u.Space.ToString())).ToList();
    }

    private static bool IsSpace(Rune rune) => rune.Value is ' ' or '\t' or 0x3000;

    private static bool EndsWithAny(StringBuilder content, string characters) =>
        content.Length > 0 && characters.Contains(content[^1]);
}
