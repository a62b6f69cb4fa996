using SkiaSharp;

namespace Segmentation.Reports.Composition.Layout;

/// <summary>A raster image at a given height, aspect ratio kept, scaled down if wider than the slot; left-aligned.</summary>
internal sealed class ImageElement(SKImage image, float height) : Element
{
    public override IReadOnlyList<Block> Layout(LayoutContext context, float width)
    {
        float drawHeight = height, drawWidth = height * image.Width / image.Height;
        if (drawWidth > width)
        {
            drawHeight *= width / drawWidth;
            drawWidth = width;
        }
        return [new Block(drawHeight, (canvas, x, y, _) =>
            canvas.DrawImage(image, SKRect.Create(x, y, drawWidth, drawHeight), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None)),
            $"image ({drawHeight:F0} pt)")];
    }
}
