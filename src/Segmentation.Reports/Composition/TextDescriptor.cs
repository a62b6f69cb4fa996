using SkiaSharp;
using Segmentation.Reports.Composition.Layout;

namespace Segmentation.Reports.Composition;

/// <summary>Fluent styling of one text item; every call returns the same descriptor.</summary>
public sealed class TextDescriptor
{
    private readonly TextElement element;

    internal TextDescriptor(TextElement element) => this.element = element;

    /// <summary>Font size in points.</summary>
    public TextDescriptor FontSize(float points)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        element.StyleChanges.Add(s => s with { Size = points });
        return this;
    }

    /// <summary>
    /// Never split a word between lines: when a word alone is wider than the space, the whole text is set smaller until the
    /// widest word fits (down to <paramref name="minimumSize"/> points; only below that is a word split). For narrow table
    /// cells, so "Customers" does not print as "Customer / s".
    /// </summary>
    public TextDescriptor ShrinkWordsToFit(float minimumSize = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumSize);
        element.MinimumShrinkSize = minimumSize;
        return this;
    }

    /// <summary>Keeps every line of this text on the page of what follows (a lead-in sentence stays with its chart).</summary>
    public TextDescriptor KeepWithNext()
    {
        element.KeepWithNext = true;
        return this;
    }

    /// <summary>Bold (or regular with <paramref name="bold"/> = false).</summary>
    public TextDescriptor Bold(bool bold = true)
    {
        element.StyleChanges.Add(s => s with { Bold = bold });
        return this;
    }

    /// <summary>Text colour.</summary>
    public TextDescriptor FontColor(SKColor color)
    {
        element.StyleChanges.Add(s => s with { Color = color });
        return this;
    }

    /// <summary>Line pitch as a multiple of the font size (default 1.4).</summary>
    public TextDescriptor LineHeight(float factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        element.StyleChanges.Add(s => s with { LineHeight = factor });
        return this;
    }

    /// <summary>Replaces the inherited style with <paramref name="style"/> (later calls still apply on top).</summary>
    public TextDescriptor Style(TextStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        element.StyleChanges.Add(_ => style);
        return this;
    }

    /// <summary>Lines start at the left edge (default).</summary>
    public TextDescriptor AlignLeft() => Align(TextAlignment.Left);

    /// <summary>Lines are centred.</summary>
    public TextDescriptor AlignCenter() => Align(TextAlignment.Center);

    /// <summary>Lines end at the right edge.</summary>
    public TextDescriptor AlignRight() => Align(TextAlignment.Right);

    /// <summary>Sets the alignment.</summary>
    public TextDescriptor Align(TextAlignment alignment)
    {
        element.Alignment = alignment;
        return this;
    }
}
