namespace Segmentation.Reports.Composition;

/// <summary>A page's width and height in points (1/72 inch).</summary>
/// <param name="Width">Width in points, positive.</param>
/// <param name="Height">Height in points, positive.</param>
public readonly record struct PageSize(float Width, float Height)
{
    /// <summary>The same size turned sideways (width and height swapped).</summary>
    public PageSize Landscape() => new(Math.Max(Width, Height), Math.Min(Width, Height));
}
