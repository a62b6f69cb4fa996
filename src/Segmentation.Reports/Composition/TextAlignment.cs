namespace Segmentation.Reports.Composition;

/// <summary>Horizontal alignment of each line of text inside its slot.</summary>
public enum TextAlignment
{
    /// <summary>Lines start at the left edge.</summary>
    Left,
    /// <summary>Lines are centred.</summary>
    Center,
    /// <summary>Lines end at the right edge (numbers in tables).</summary>
    Right,
}
