using SkiaSharp;

namespace Segmentation.Reports.Composition.Layout;

/// <summary>
/// A ScottPlot chart drawn as vectors (paths and text) straight onto the PDF canvas, full slot width.
/// The plot's fonts are switched to the document's chart face first so Chinese labels render.
/// </summary>
internal sealed class ChartElement(ScottPlot.Plot plot, float height) : Element
{
    public override IReadOnlyList<Block> Layout(LayoutContext context, float width)
    {
        context.Fonts.ApplyTo(plot);
        int pixelWidth = (int)MathF.Floor(width), pixelHeight = (int)MathF.Ceiling(height);
        return [new Block(height, (canvas, x, y, _) =>
        {
            canvas.Save();
            canvas.Translate(x, y);
            canvas.ClipRect(SKRect.Create(0, 0, pixelWidth, pixelHeight));
            plot.Render(canvas, pixelWidth, pixelHeight); // one ScottPlot pixel = one PDF point
            canvas.Restore();
        }, $"chart ({height:F0} pt)")];
    }
}
