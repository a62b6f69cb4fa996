namespace Segmentation.Reports.Composition;

/// <summary>Common paper sizes in points, portrait.</summary>
public static class PageSizes
{
    /// <summary>ISO A4, 210 × 297 mm.</summary>
    public static PageSize A4 { get; } = new(595.28f, 841.89f);
    /// <summary>ISO A3, 297 × 420 mm.</summary>
    public static PageSize A3 { get; } = new(841.89f, 1190.55f);
    /// <summary>ISO A5, 148 × 210 mm.</summary>
    public static PageSize A5 { get; } = new(419.53f, 595.28f);
    /// <summary>US Letter, 8.5 × 11 in.</summary>
    public static PageSize Letter { get; } = new(612, 792);
}
