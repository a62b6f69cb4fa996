using SkiaSharp;

namespace Segmentation.Reports.Composition;

/// <summary>Fluent styling of one span of a rich-text paragraph; every call returns the same descriptor.</summary>
public sealed class TextSpanDescriptor
{
    private readonly List<Func<TextStyle, TextStyle>> changes;

    internal TextSpanDescriptor(List<Func<TextStyle, TextStyle>> changes) => this.changes = changes;

    /// <summary>Font size in points.</summary>
    public TextSpanDescriptor FontSize(float points)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        changes.Add(s => s with { Size = points });
        return this;
    }

    /// <summary>Bold (or regular with <paramref name="bold"/> = false).</summary>
    public TextSpanDescriptor Bold(bool bold = true)
    {
        changes.Add(s => s with { Bold = bold });
        return this;
    }

    /// <summary>Text colour.</summary>
    public TextSpanDescriptor FontColor(SKColor color)
    {
        changes.Add(s => s with { Color = color });
        return this;
    }
}
