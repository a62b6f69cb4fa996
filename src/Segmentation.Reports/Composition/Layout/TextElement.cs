using System.Globalization;
using SkiaSharp;

namespace Segmentation.Reports.Composition.Layout;

/// <summary>
/// Wrapped text made of one or more styled spans. Each line is its own block, so paragraphs flow
/// across pages. With a page-number format the text is laid out again at draw time, when the numbers are known.
/// </summary>
internal sealed class TextElement : Element
{
    /// <summary>A span's text and its own style changes (applied after the element's).</summary>
    public sealed record Span(string Text, List<Func<TextStyle, TextStyle>> StyleChanges);

    public List<Span> Spans { get; } = [];

    /// <summary>Style changes applied, in order, to the inherited style of every span.</summary>
    public List<Func<TextStyle, TextStyle>> StyleChanges { get; } = [];

    /// <summary>Replaces the inherited style (headings); null = inherit from the context.</summary>
    public Func<LayoutContext, TextStyle>? BaseStyle { get; set; }

    public TextAlignment Alignment { get; set; } = TextAlignment.Left;

    /// <summary>Every line moves to the next page with what follows (headings).</summary>
    public bool KeepWithNext { get; set; }

    /// <summary>Extra space above the first line, as a multiple of the font size, unless it tops a page.</summary>
    public float SpaceAboveFactor { get; set; }

    /// <summary>Composite format with {0} = page number and {1} = total pages; null for plain text.</summary>
    public string? PageNumberFormat { get; set; }

    /// <summary>When set, the text is set smaller (to at least this size) until its widest word fits the width; null = words that do
    /// not fit are split by character.</summary>
    public float? MinimumShrinkSize { get; set; }

    public TextStyle ResolveStyle(LayoutContext context)
    {
        TextStyle style = BaseStyle?.Invoke(context) ?? context.DefaultStyle;
        foreach (Func<TextStyle, TextStyle> change in StyleChanges) style = change(style);
        return style;
    }

    private List<TextSpan> ResolveSpans(LayoutContext context, TextStyle style) =>
        Spans.Select(span => new TextSpan(span.Text, span.StyleChanges.Aggregate(style, (s, change) => change(s)))).ToList();

    public override IReadOnlyList<Block> Layout(LayoutContext context, float width)
    {
        TextStyle style = ResolveStyle(context);
        SKColor defaultColor = context.Theme.Text;

        if (PageNumberFormat is { } format)
        {
            // Height from a sample; the real numbers are only known when drawing.
            string sample = string.Format(CultureInfo.InvariantCulture, format, 9999, 9999);
            float height = LineBreaker.Break(sample, style, context, width).Sum(l => l.Height);
            return [new Block(height, (canvas, x, y, draw) =>
            {
                string actual = string.Format(CultureInfo.InvariantCulture, format, draw.PageNumber, draw.TotalPages);
                float top = y;
                foreach (TextLine line in LineBreaker.Break(actual, style, context, width))
                {
                    DrawLine(canvas, line, x, top, width, defaultColor);
                    top += line.Height;
                }
            }, "page number")];
        }

        List<TextSpan> spans = ResolveSpans(context, style);
        if (MinimumShrinkSize is { } minimum) spans = ShrinkToWidestWord(spans, context, width, minimum);
        List<TextLine> lines = LineBreaker.Break(spans, context, width);
        var blocks = new List<Block>(lines.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            TextLine line = lines[i];
            blocks.Add(new Block(line.Height, (canvas, x, y, _) => DrawLine(canvas, line, x, y, width, defaultColor),
                                 $"text line \"{Abbreviate(line.Text)}\"")
            {
                KeepWithNext = KeepWithNext,
                SpacingBefore = i == 0 ? SpaceAboveFactor * style.Size : 0,
            });
        }
        return blocks;
    }

    private void DrawLine(SKCanvas canvas, TextLine line, float x, float top, float width, SKColor defaultColor)
    {
        float offset = Alignment switch
        {
            TextAlignment.Center => (width - line.Width) / 2,
            TextAlignment.Right => width - line.Width,
            _ => 0,
        };
        using var paint = new SKPaint { IsAntialias = true };
        foreach (TextRun run in line.Runs)
        {
            paint.Color = run.Style.Color ?? defaultColor;
            canvas.DrawText(run.Text, x + offset + run.X, top + line.Baseline, SKTextAlign.Left, run.Font, paint);
        }
    }

    /// <summary>The spans scaled down so that no space-separated word is wider than <paramref name="width"/> (not below <paramref name="minimum"/>).</summary>
    private static List<TextSpan> ShrinkToWidestWord(List<TextSpan> spans, LayoutContext context, float width, float minimum)
    {
        float scale = 1;
        foreach (TextSpan span in spans)
            // Latin words only: CJK text breaks between any two characters anyway.
            foreach (System.Text.RegularExpressions.Match word in System.Text.RegularExpressions.Regex.Matches(span.Text, @"[^\s\u2E80-\uFFFF]+"))
            {
                float w = LineBreaker.Shape(word.Value, span.Style, context).Width;
                if (w > width && w > 0) scale = Math.Min(scale, width / w * 0.98f);
            }
        if (scale >= 1) return spans;
        return [.. spans.Select(span => span with { Style = span.Style with { Size = Math.Max(minimum, span.Style.Size * scale) } })];
    }

    private static string Abbreviate(string text) => text.Length <= 30 ? text : text[..30] + "…";
}
