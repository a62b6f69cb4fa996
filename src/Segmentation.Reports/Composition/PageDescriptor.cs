namespace Segmentation.Reports.Composition;

/// <summary>
/// Describes a run of pages sharing size, margins, header and footer. The content flows over as many
/// physical pages as it needs; the header and footer are drawn on each of them.
/// </summary>
public sealed class PageDescriptor
{
    internal PageSize PageSize { get; private set; } = PageSizes.A4;
    internal (float Left, float Top, float Right, float Bottom) Margins { get; private set; } = (40, 40, 40, 40);
    internal Container HeaderSlot { get; } = new();
    internal Container ContentSlot { get; } = new();
    internal Container FooterSlot { get; } = new();

    internal PageDescriptor() { }

    /// <summary>Paper size (default A4 portrait).</summary>
    public PageDescriptor Size(PageSize size)
    {
        if (!(size.Width > 0) || !(size.Height > 0))
            throw new ArgumentOutOfRangeException(nameof(size), size, "Page width and height must be positive.");
        PageSize = size;
        return this;
    }

    /// <summary>The same margin on all sides, in points (default 40).</summary>
    public PageDescriptor Margin(float all) => Margin(all, all, all, all);

    /// <summary>Horizontal and vertical margins, in points.</summary>
    public PageDescriptor Margin(float horizontal, float vertical) => Margin(horizontal, vertical, horizontal, vertical);

    /// <summary>Margins on each side, in points.</summary>
    public PageDescriptor Margin(float left, float top, float right, float bottom)
    {
        foreach ((float value, string name) in new[] { (left, nameof(left)), (top, nameof(top)), (right, nameof(right)), (bottom, nameof(bottom)) })
            if (!(value >= 0)) throw new ArgumentOutOfRangeException(name, value, "Margins must be zero or positive.");
        Margins = (left, top, right, bottom);
        return this;
    }

    /// <summary>The slot drawn at the top of every page (small muted text by default); must fit in one block.</summary>
    public Container Header() => HeaderSlot;

    /// <summary>The main flow, paginated.</summary>
    public Container Content() => ContentSlot;

    /// <summary>The slot drawn at the bottom of every page (small muted text by default), e.g. <c>Footer().PageNumber(…)</c>.</summary>
    public Container Footer() => FooterSlot;
}
