using System.Globalization;
using SkiaSharp;

namespace Segmentation.Reports.Composition.Layout;

/// <summary>
/// Wrapped text in one style. Each line is its own block, so paragraphs flow across pages.
/// With a page-number format the text is laid out again at draw time, when the numbers are known.
/// </summary>
internal sealed class TextElement(string text) : Element
{
    public string Text { get; } = text;

    /// <summary>Style changes applied, in order, to the inherited style.</summary>
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

    public TextStyle ResolveStyle(LayoutContext context)
    {
        TextStyle style = BaseStyle?.Invoke(context) ?? context.DefaultStyle;
        foreach (Func<TextStyle, TextStyle> change in StyleChanges) style = change(style);
        return style;
    }

    public override IReadOnlyList<Block> Layout(LayoutContext context, float width)
    {
        TextStyle style = ResolveStyle(context);
        SKColor color = style.Color ?? context.Theme.Text;
        (float lineHeight, float baseline) = LineBreaker.Metrics(style, context);

        if (PageNumberFormat is { } format)
        {
            // Height from a sample; the real numbers are only known when drawing.
            string sample = string.Format(CultureInfo.InvariantCulture, format, 9999, 9999);
            int lineCount = LineBreaker.Break(sample, style, context, width).Count;
            return [new Block(lineCount * lineHeight, (canvas, x, y, draw) =>
            {
                string actual = string.Format(CultureInfo.InvariantCulture, format, draw.PageNumber, draw.TotalPages);
                List<TextLine> lines = LineBreaker.Break(actual, style, context, width);
                for (int i = 0; i < lines.Count; i++)
                    DrawLine(canvas, lines[i], x, y + i * lineHeight + baseline, width, color);
            }, "page number")];
        }

        List<TextLine> laidOut = LineBreaker.Break(Text, style, context, width);
        var blocks = new List<Block>(laidOut.Count);
        for (int i = 0; i < laidOut.Count; i++)
        {
            TextLine line = laidOut[i];
            blocks.Add(new Block(lineHeight, (canvas, x, y, _) => DrawLine(canvas, line, x, y + baseline, width, color),
                                 $"text line \"{Abbreviate(line.Text)}\"")
            {
                KeepWithNext = KeepWithNext,
                SpacingBefore = i == 0 ? SpaceAboveFactor * style.Size : 0,
            });
        }
        return blocks;
    }

    private void DrawLine(SKCanvas canvas, TextLine line, float x, float baselineY, float width, SKColor color)
    {
        float offset = Alignment switch
        {
            TextAlignment.Center => (width - line.Width) / 2,
            TextAlignment.Right => width - line.Width,
            _ => 0,
        };
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        foreach (TextRun run in line.Runs)
            canvas.DrawText(run.Text, x + offset + run.X, baselineY, SKTextAlign.Left, run.Font, paint);
    }

    private static string Abbreviate(string text) => text.Length <= 30 ? text : text[..30] + "…";
}
