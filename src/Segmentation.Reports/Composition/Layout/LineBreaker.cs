using System.Text;
using SkiaSharp;
using Segmentation.Reports.Fonts;

namespace Segmentation.Reports.Composition.Layout;

/// <summary>
/// Greedy line breaking without a shaper: Latin text breaks at spaces (a word is never split unless
/// it alone is wider than the line), CJK text may break between any two characters, except that
/// closing punctuation (，。、；：？！）」』 …) never starts a line and opening punctuation
/// （「『“ …) never ends one: both stick to their neighbour. Hard line breaks are '\n'.
/// Spans of different styles may mix inside a line.
/// </summary>
/// <remarks>
/// Widths are sums of glyph advances (no kerning, no ligatures), which is exactly how
/// <c>SKCanvas.DrawText</c> places glyphs, so measured and drawn lines agree. A line is as tall as
/// its tallest style (size × line height) with one shared baseline.
/// </remarks>
internal static class LineBreaker
{
    private const string NoLineStart = "\u00A0!%),.:;?]}¢°·’”…‥‰′″℃、。〃々〉》」』】〕〗〙〛〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｝～｠｡｣､･";
    private const string NoLineEnd = "\u00A0$(£¥[{‘“〈《「『【〔〖〘〚〝﹙﹛﹝＄（．［｛￡￥";

    public static List<TextLine> Break(string text, TextStyle style, LayoutContext context, float maxWidth) =>
        Break([new TextSpan(text, style)], context, maxWidth);

    public static List<TextLine> Break(IReadOnlyList<TextSpan> spans, LayoutContext context, float maxWidth)
    {
        var text = new StyledText(spans);
        var lines = new List<TextLine>();
        int start = 0;
        while (true)
        {
            int end = text.Value.IndexOf('\n', start);
            BreakHardLine(text, start, end < 0 ? text.Value.Length : end, context, maxWidth, lines);
            if (end < 0) return lines;
            start = end + 1;
        }
    }

    /// <summary>One line of <paramref name="text"/>, not wrapped, positioned from x = 0.</summary>
    public static TextLine Shape(string text, TextStyle style, LayoutContext context)
    {
        var styled = new StyledText([new TextSpan(text, style)]);
        return Shape(styled, 0, styled.Value.Length, context);
    }

    private static TextLine Shape(StyledText text, int start, int end, LayoutContext context)
    {
        var runs = new List<TextRun>();
        var current = new StringBuilder();
        SKFont? currentFont = null;
        TextStyle? currentStyle = null;
        float x = 0, runStart = 0;
        for (int i = start; i < end;)
        {
            Rune rune = Rune.GetRuneAt(text.Value, i);
            TextStyle style = text.StyleAt(i);
            SKFont font = currentFont is not null && ReferenceEquals(style, currentStyle) && IsSpace(rune)
                ? currentFont : FontFor(rune.Value, style, context);
            if ((!ReferenceEquals(font, currentFont) || !ReferenceEquals(style, currentStyle)) && current.Length > 0)
                x = Flush();
            if (current.Length == 0) runStart = x;
            currentFont = font;
            currentStyle = style;
            current.Append(text.Value, i, rune.Utf16SequenceLength);
            i += rune.Utf16SequenceLength;
        }
        if (current.Length > 0) x = Flush();

        IEnumerable<TextStyle> styles = runs.Count > 0 ? runs.Select(r => r.Style) : [text.StyleAt(Math.Min(start, text.Value.Length - 1))];
        var metrics = styles.Distinct().Select(s => Metrics(s, context)).ToList();
        return new TextLine(runs, x, metrics.Max(m => m.LineHeight), metrics.Max(m => m.Baseline));

        float Flush()
        {
            string s = current.ToString();
            float width = currentFont!.MeasureText(s);
            runs.Add(new TextRun(s, currentFont, currentStyle!, runStart, width));
            current.Clear();
            return runStart + width;
        }
    }

    /// <summary>Line height and ascent-based baseline offset for <paramref name="style"/>.</summary>
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

    private static float Measure(StyledText text, int start, int end, LayoutContext context) =>
        end <= start ? 0 : Shape(text, start, end, context).Width;

    private static void BreakHardLine(StyledText text, int start, int end, LayoutContext context, float maxWidth, List<TextLine> lines)
    {
        int lineStart = start, lineEnd = start; // [lineStart, lineEnd): the line so far, without trailing spaces
        float lineWidth = 0;
        bool empty = true;
        foreach ((int unitStart, int contentEnd, int unitEnd) in Units(text.Value, start, end))
        {
            float width = Measure(text, unitStart, contentEnd, context);
            float gap = empty ? 0 : Measure(text, lineEnd, unitStart, context);
            if (!empty && lineWidth + gap + width > maxWidth)
            {
                lines.Add(Shape(text, lineStart, lineEnd, context));
                empty = true;
                gap = 0;
            }
            if (empty) { lineStart = unitStart; lineWidth = 0; }
            if (empty && width > maxWidth)
            {
                // A single unit wider than the line (a long URL, a number in a narrow cell): split by character.
                int pieceStart = unitStart;
                float pieceWidth = 0;
                for (int i = unitStart; i < contentEnd;)
                {
                    int length = Rune.GetRuneAt(text.Value, i).Utf16SequenceLength;
                    float runeWidth = Measure(text, i, i + length, context);
                    if (i > pieceStart && pieceWidth + runeWidth > maxWidth)
                    {
                        lines.Add(Shape(text, pieceStart, i, context));
                        pieceStart = i;
                        pieceWidth = 0;
                    }
                    pieceWidth += runeWidth;
                    i += length;
                }
                lineStart = pieceStart;
                lineWidth = pieceWidth;
            }
            else
            {
                lineWidth += gap + width;
            }
            lineEnd = contentEnd;
            empty = false;
        }
        lines.Add(Shape(text, empty ? start : lineStart, empty ? start : lineEnd, context));
    }

    /// <summary>Break opportunities in [start, end): unbreakable content followed by the spaces after it.</summary>
    private static List<(int Start, int ContentEnd, int End)> Units(string text, int start, int end)
    {
        var units = new List<(int Start, int ContentEnd, int End, bool Cjk)>();
        for (int i = start; i < end;)
        {
            Rune rune = Rune.GetRuneAt(text, i);
            int next = i + rune.Utf16SequenceLength;
            bool hasLast = units.Count > 0;
            var last = hasLast ? units[^1] : default;
            if (IsSpace(rune))
            {
                // Leading spaces form an empty unit so they are kept; other spaces extend the last unit's gap.
                if (hasLast) units[^1] = last with { End = next };
                else units.Add((i, i, next, false));
            }
            else
            {
                bool cjk = FontLibrary.IsCjk(rune.Value);
                bool open = hasLast && last.End == last.ContentEnd && last.ContentEnd > last.Start;
                bool glue = open && (NoLineStart.Contains(rune.ToString(), StringComparison.Ordinal)
                                     || NoLineEnd.Contains(text[last.ContentEnd - 1])
                                     || (!cjk && !last.Cjk));
                if (glue) units[^1] = last with { ContentEnd = next, End = next };
                else units.Add((i, next, next, cjk));
            }
            i = next;
        }
        return units.Select(u => (u.Start, u.ContentEnd, u.End)).ToList();
    }

    private static bool IsSpace(Rune rune) => rune.Value is ' ' or '\t' or 0x3000;

    /// <summary>The spans joined into one string, with the style of every UTF-16 index.</summary>
    private sealed class StyledText
    {
        private readonly TextStyle[] styles;

        public StyledText(IReadOnlyList<TextSpan> spans)
        {
            Value = string.Concat(spans.Select(s => s.Text.Replace("\r\n", "\n")));
            styles = new TextStyle[Math.Max(1, Value.Length)];
            int at = 0;
            foreach (TextSpan span in spans)
            {
                int length = span.Text.Replace("\r\n", "\n").Length;
                Array.Fill(styles, span.Style, at, length);
                at += length;
            }
            if (Value.Length == 0) styles[0] = spans.Count > 0 ? spans[0].Style : new TextStyle();
        }

        public string Value { get; }

        public TextStyle StyleAt(int index) => styles[Math.Clamp(index, 0, styles.Length - 1)];
    }
}
