using SkiaSharp;

namespace Segmentation.Reports.Composition.Layout;

/// <summary>
/// A grid of cells filled left to right, top to bottom. Each row is one block, so a long table breaks
/// between rows; the header row keeps with the first body row and is repeated at the top of every
/// page the table continues on. Header cells inherit a bold style in the theme's header colours;
/// optional zebra stripes shade every second body row.
/// </summary>
internal sealed class TableElement(TableDescriptor table) : Element
{
    public override IReadOnlyList<Block> Layout(LayoutContext context, float width)
    {
        IReadOnlyList<(float Relative, float? Constant)> columns = table.ColumnSpecs;
        if (columns.Count == 0)
            throw new InvalidOperationException("A table needs its columns defined first: table.Columns(c => c.Relative(...)).");
        float[] widths = RowElement.SlotWidths(columns, width, 0);
        Theme theme = context.Theme;
        float padX = table.PaddingX ?? theme.TableCellPaddingX, padY = table.PaddingY ?? theme.TableCellPaddingY;

        var blocks = new List<Block>();
        Block? header = null;
        if (table.HeaderCells.Count > 0)
        {
            LayoutContext headerContext = context with
            {
                DefaultStyle = context.DefaultStyle with { Bold = true, Color = theme.TableHeaderText },
            };
            header = RowBlock(table.HeaderCells, headerContext, widths, padX, padY, theme.TableHeaderBackground, null, "table header")
                     with { KeepWithNext = true };
            blocks.Add(header);
        }
        for (int start = 0, row = 0; start < table.BodyCells.Count; start += columns.Count, row++)
        {
            var cells = table.BodyCells.Skip(start).Take(columns.Count).ToList();
            SKColor? shade = table.Zebra && row % 2 == 1 ? theme.ZebraBackground : null;
            blocks.Add(RowBlock(cells, context, widths, padX, padY, shade, theme.Rule, $"table row {row + 1}")
                       with { RepeatedHeader = header });
        }
        return blocks;
    }

    private static Block RowBlock(IReadOnlyList<Container> cells, LayoutContext context, float[] widths,
                                  float padX, float padY, SKColor? background, SKColor? rule, string what)
    {
        var contents = new Block[cells.Count];
        for (int i = 0; i < cells.Count; i++)
            contents[i] = Block.Stack(cells[i].LayoutChild(context, Math.Max(0, widths[i] - 2 * padX)), what);
        float height = (contents.Length == 0 ? 0 : contents.Max(c => c.Height)) + 2 * padY;
        float total = widths.Sum();
        return new Block(height, (canvas, x, y, draw) =>
        {
            if (background is { } fill)
            {
                using var paint = new SKPaint { Color = fill, Style = SKPaintStyle.Fill };
                canvas.DrawRect(SKRect.Create(x, y, total, height), paint);
            }
            float left = x;
            for (int i = 0; i < contents.Length; i++)
            {
                contents[i].Paint(canvas, left + padX, y + padY, draw);
                left += widths[i];
            }
            if (rule is { } line)
            {
                using var paint = new SKPaint { Color = line, Style = SKPaintStyle.Stroke, StrokeWidth = 0.5f, IsAntialias = true };
                canvas.DrawLine(x, y + height - 0.25f, x + total, y + height - 0.25f, paint);
            }
        }, what);
    }
}
