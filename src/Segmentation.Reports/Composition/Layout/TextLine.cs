using SkiaSharp;

namespace Segmentation.Reports.Composition.Layout;

/// <summary>A piece of text in one style (a span of a paragraph).</summary>
internal sealed record TextSpan(string Text, TextStyle Style);

/// <summary>A stretch of one line drawn with one font and style, starting <see cref="X"/> points from the line's left edge.</summary>
internal sealed record TextRun(string Text, SKFont Font, TextStyle Style, float X, float Width);

/// <summary>One laid-out line: its runs, its width without trailing spaces, its height and baseline offset.</summary>
internal sealed record TextLine(IReadOnlyList<TextRun> Runs, float Width, float Height, float Baseline)
{
    public string Text => string.Concat(Runs.Select(r => r.Text));
}
