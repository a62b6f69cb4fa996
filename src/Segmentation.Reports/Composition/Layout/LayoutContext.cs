using Segmentation.Reports.Fonts;

namespace Segmentation.Reports.Composition.Layout;

/// <summary>Everything an element needs to turn itself into blocks.</summary>
/// <param name="Fonts">Faces and fallback.</param>
/// <param name="Theme">Colours and sizes.</param>
/// <param name="DefaultStyle">Text style inherited by text without its own (changes inside table headers, footers).</param>
/// <param name="FontCache">Shared SKFont instances, alive until the PDF is written.</param>
internal sealed record LayoutContext(FontLibrary Fonts, Theme Theme, TextStyle DefaultStyle, FontCache FontCache);
