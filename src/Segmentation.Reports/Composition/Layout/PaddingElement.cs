namespace Segmentation.Reports.Composition.Layout;

/// <summary>Insets its content; the content still flows across pages (top padding goes on the first block, bottom on the last).</summary>
internal sealed class PaddingElement(Container content, float left, float top, float right, float bottom) : Element
{
    public override IReadOnlyList<Block> Layout(LayoutContext context, float width)
    {
        IReadOnlyList<Block> inner = content.LayoutChild(context, Math.Max(0, width - left - right));
        var blocks = new List<Block>(inner.Count);
        var shiftedHeaders = new Dictionary<Block, Block>(ReferenceEqualityComparer.Instance);
        int last = inner.Count - 1;
        for (int i = 0; i < inner.Count; i++)
        {
            Block block = inner[i];
            if (block.IsPageBreak) { blocks.Add(block); continue; }
            float extraTop = i == 0 ? top : 0, extraBottom = i == last ? bottom : 0;
            BlockPainter paint = block.Paint;
            blocks.Add(block with
            {
                Height = block.Height + extraTop + extraBottom,
                Paint = (canvas, x, y, draw) => paint(canvas, x + left, y + extraTop, draw),
                RepeatedHeader = block.RepeatedHeader is { } header ? Shift(header) : null,
            });
        }
        return blocks;

        // A repeated table header is drawn by the paginator on its own: it needs the same horizontal inset.
        Block Shift(Block header)
        {
            if (!shiftedHeaders.TryGetValue(header, out Block? shifted))
            {
                BlockPainter paint = header.Paint;
                shiftedHeaders[header] = shifted = header with { Paint = (canvas, x, y, draw) => paint(canvas, x + left, y, draw) };
            }
            return shifted;
        }
    }
}
