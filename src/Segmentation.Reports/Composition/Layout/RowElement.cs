namespace Segmentation.Reports.Composition.Layout;

/// <summary>A horizontal slot of a row: relative weight or constant width in points.</summary>
internal sealed record RowSlot(Container Content, float Relative, float? Constant);

/// <summary>
/// Items side by side, widths from constant sizes first and the rest shared by relative weight.
/// A row is one unsplittable block as tall as its tallest item; items are top-aligned.
/// </summary>
internal sealed class RowElement(IReadOnlyList<RowSlot> slots, Func<float> spacing) : Element
{
    public override IReadOnlyList<Block> Layout(LayoutContext context, float width)
    {
        if (slots.Count == 0) return [];
        float[] widths = SlotWidths(slots.Select(s => (s.Relative, s.Constant)).ToList(), width, spacing());
        var cells = new Block[slots.Count];
        for (int i = 0; i < slots.Count; i++)
            cells[i] = Block.Stack(slots[i].Content.LayoutChild(context, widths[i]), "row item");
        float gap = spacing();
        return [new Block(cells.Max(c => c.Height), (canvas, x, y, draw) =>
        {
            float left = x;
            for (int i = 0; i < cells.Length; i++)
            {
                cells[i].Paint(canvas, left, y, draw);
                left += widths[i] + gap;
            }
        }, $"row of {cells.Length} items")];
    }

    /// <summary>Constant slots get their width; the remainder (minus gaps) is shared by relative weight.</summary>
    public static float[] SlotWidths(IReadOnlyList<(float Relative, float? Constant)> slots, float width, float gap)
    {
        float fixedWidth = slots.Sum(s => s.Constant ?? 0) + gap * (slots.Count - 1);
        float totalWeight = slots.Sum(s => s.Constant is null ? s.Relative : 0);
        float free = Math.Max(0, width - fixedWidth);
        return slots.Select(s => s.Constant ?? (totalWeight > 0 ? free * s.Relative / totalWeight : 0)).ToArray();
    }
}
