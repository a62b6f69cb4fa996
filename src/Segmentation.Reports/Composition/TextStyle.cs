using SkiaSharp;

namespace Segmentation.Reports.Composition;

/// <summary>How text looks. Faces come from the document's <see cref="Fonts.FontLibrary"/>.</summary>
/// <param name="Size">Font size in points (1/72 inch); must be positive.</param>
/// <param name="Bold">Bold face (or emboldened regular face when the library has no bold face).</param>
/// <param name="Color">Text colour; null = the theme's <see cref="Theme.Text"/>.</param>
/// <param name="LineHeight">Line pitch as a multiple of <paramref name="Size"/>.</param>
public sealed record TextStyle(float Size = 10, bool Bold = false, SKColor? Color = null, float LineHeight = 1.4f);
