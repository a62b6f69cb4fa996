using SkiaSharp;

namespace Segmentation.Reports.Composition.Layout;

/// <summary>A stretch of one line drawn with one font, starting <see cref="X"/> points from the line's left edge.</summary>
internal sealed record TextRun(string Text, SKFont Font, float X, float Width);

/// <summary>One laid-out line: its runs and its width without trailing spaces.</summary>
internal sealed record TextLine(IReadOnlyList<TextRun> Runs, float Width)
{
    public string Text => string.Concat(Runs.Select(r => r.Text));
}
