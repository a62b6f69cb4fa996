using ScottPlot;
using SkiaSharp;

namespace Segmentation.Reports.Fonts;

/// <summary>
/// Serves a <see cref="FontLibrary"/>'s faces to ScottPlot under one family name. ScottPlot's own
/// <c>Fonts.AddFontFile(name, path, bold, italic)</c> cannot pick a face inside a .ttc nor read an
/// embedded resource, so the library registers this resolver in <c>ScottPlot.Fonts.FontResolvers</c>.
/// </summary>
internal sealed class ScottPlotFontResolver(string familyName, byte[] regularBytes, int regularIndex, byte[] boldBytes, int boldIndex)
    : IFontResolver
{
    public string FamilyName { get; } = familyName;

    // ScottPlot caches what it gets and never disposes it; each call hands over a new instance as the contract asks.
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic)
    {
        if (!string.Equals(fontName, FamilyName, StringComparison.Ordinal)) return null;
        using SKData data = SKData.CreateCopy(bold ? boldBytes : regularBytes);
        return SKTypeface.FromData(data, bold ? boldIndex : regularIndex);
    }
}
