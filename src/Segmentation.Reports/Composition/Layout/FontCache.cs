using SkiaSharp;

namespace Segmentation.Reports.Composition.Layout;

/// <summary>
/// One <see cref="SKFont"/> per (face, size, embolden), created with linear (unhinted) metrics so that
/// measured advances equal the advances written into the PDF.
/// </summary>
internal sealed class FontCache : IDisposable
{
    private readonly Dictionary<(SKTypeface, float, bool), SKFont> fonts = [];

    public SKFont Get(SKTypeface typeface, float size, bool embolden)
    {
        if (!fonts.TryGetValue((typeface, size, embolden), out SKFont? font))
        {
            font = new SKFont(typeface, size)
            {
                Embolden = embolden,
                LinearMetrics = true,
                Subpixel = true,
                Hinting = SKFontHinting.None,
                Edging = SKFontEdging.Antialias,
            };
            fonts[(typeface, size, embolden)] = font;
        }
        return font;
    }

    public void Dispose()
    {
        foreach (SKFont font in fonts.Values) font.Dispose();
        fonts.Clear();
    }
}
