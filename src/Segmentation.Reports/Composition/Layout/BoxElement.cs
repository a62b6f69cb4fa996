using SkiaSharp;

namespace Segmentation.Reports.Composition.Layout;

/// <summary>Fills and/or strokes a rectangle behind its content; the box is one unsplittable block.</summary>
internal sealed class BoxElement(Container content, SKColor? fill, float borderWidth, SKColor? borderColor) : Element
{
    public override IReadOnlyList<Block> Layout(LayoutContext context, float width)
    {
        float inset = borderWidth;
        Block inner = Block.Stack(content.LayoutChild(context, width - 2 * inset), "box content");
        float height = inner.Height + 2 * inset;
        SKColor stroke = borderColor ?? context.Theme.Rule;
        return [new Block(height, (canvas, x, y, draw) =>
        {
            var rect = SKRect.Create(x, y, width, height);
            if (fill is { } color)
            {
                using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Fill, IsAntialias = true };
                canvas.DrawRect(rect, paint);
            }
            if (borderWidth > 0)
            {
                using var paint = new SKPaint { Color = stroke, Style = SKPaintStyle.Stroke, StrokeWidth = borderWidth, IsAntialias = true };
                rect.Inflate(-borderWidth / 2, -borderWidth / 2);
                canvas.DrawRect(rect, paint);
            }
            inner.Paint(canvas, x + inset, y + inset, draw);
        }, "box")];
    }
}
