using Segmentation.Reports.Composition.Layout;

namespace Segmentation.Reports.Composition;

/// <summary>Builds a paragraph from spans, each with its own style; alignment applies to the whole paragraph.</summary>
public sealed class RichTextDescriptor
{
    private readonly TextElement element;

    internal RichTextDescriptor(TextElement element) => this.element = element;

    /// <summary>Appends <paramref name="text"/> in the paragraph's style; style it through the returned descriptor.</summary>
    public TextSpanDescriptor Span(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = new TextElement.Span(text, []);
        element.Spans.Add(span);
        return new TextSpanDescriptor(span.StyleChanges);
    }

    /// <summary>Lines start at the left edge (default).</summary>
    public RichTextDescriptor AlignLeft() => Align(TextAlignment.Left);

    /// <summary>Lines are centred.</summary>
    public RichTextDescriptor AlignCenter() => Align(TextAlignment.Center);

    /// <summary>Lines end at the right edge.</summary>
    public RichTextDescriptor AlignRight() => Align(TextAlignment.Right);

    /// <summary>Sets the alignment of every line.</summary>
    public RichTextDescriptor Align(TextAlignment alignment)
    {
        element.Alignment = alignment;
        return this;
    }
}
