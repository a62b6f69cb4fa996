using SkiaSharp;
using Segmentation.Reports.Fonts;

namespace Segmentation.Reports.Composition;

/// <summary>
/// Every colour, size and the fonts of a document in one place; components read from it at layout
/// time, so a report restyles by swapping the theme (<c>Theme.Default with { Accent = … }</c>).
/// Sizes are in points.
/// </summary>
public sealed record Theme
{
    /// <summary>The default theme: dark text on white, navy accents, bundled fonts.</summary>
    public static Theme Default { get; } = new();

    /// <summary>Faces to draw with; null = <see cref="FontLibrary.Default"/> (bundled subset first).</summary>
    public FontLibrary? Fonts { get; init; }

    /// <summary>Body text.</summary>
    public SKColor Text { get; init; } = new(0x22, 0x28, 0x31);
    /// <summary>Secondary text: captions, KPI labels, headers and footers.</summary>
    public SKColor MutedText { get; init; } = new(0x6B, 0x72, 0x80);
    /// <summary>Level-1 headings and highlights.</summary>
    public SKColor Accent { get; init; } = new(0x1F, 0x4E, 0x79);
    /// <summary>A favourable change (KPI delta).</summary>
    public SKColor Good { get; init; } = new(0x1A, 0x7F, 0x37);
    /// <summary>An unfavourable change (KPI delta).</summary>
    public SKColor Bad { get; init; } = new(0xC6, 0x28, 0x28);
    /// <summary>Hairlines: table row rules, card borders, horizontal rules.</summary>
    public SKColor Rule { get; init; } = new(0xD0, 0xD7, 0xDE);
    /// <summary>Table header row background.</summary>
    public SKColor TableHeaderBackground { get; init; } = new(0x1F, 0x4E, 0x79);
    /// <summary>Table header row text.</summary>
    public SKColor TableHeaderText { get; init; } = SKColors.White;
    /// <summary>Every second body row when zebra stripes are on.</summary>
    public SKColor ZebraBackground { get; init; } = new(0xF1, 0xF5, 0xF9);
    /// <summary>KPI card background.</summary>
    public SKColor CardBackground { get; init; } = new(0xF7, 0xF9, 0xFC);

    /// <summary>Body text size.</summary>
    public float BodySize { get; init; } = 10;
    /// <summary>Small text: captions, KPI labels and deltas, headers and footers.</summary>
    public float SmallSize { get; init; } = 8;
    /// <summary>Heading sizes for levels 1, 2 and 3 (deeper levels use the last).</summary>
    public IReadOnlyList<float> HeadingSizes { get; init; } = [16, 13, 11];
    /// <summary>The big number of a KPI card.</summary>
    public float KpiValueSize { get; init; } = 18;
    /// <summary>Gap between the page header and the body, and between the body and the footer.</summary>
    public float HeaderFooterGap { get; init; } = 10;
    /// <summary>Horizontal padding inside table cells.</summary>
    public float TableCellPaddingX { get; init; } = 4;
    /// <summary>Vertical padding inside table cells.</summary>
    public float TableCellPaddingY { get; init; } = 2.5f;
}
