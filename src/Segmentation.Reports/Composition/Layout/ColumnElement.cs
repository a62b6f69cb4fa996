namespace Segmentation.Reports.Composition.Layout;

/// <summary>Items stacked vertically with a fixed gap; the flow of every item continues across pages.</summary>
internal sealed class ColumnElement(IReadOnlyList<Container> items, Func<float> spacing) : Element
{
    public override IReadOnlyList<Block> Layout(LayoutContext context, float width)
    {
        var blocks = new List<Block>();
        float gap = spacing();
        foreach (Container item in items)
        {
            IReadOnlyList<Block> itemBlocks = item.LayoutChild(context, width);
            for (int i = 0; i < itemBlocks.Count; i++)
            {
                Block block = itemBlocks[i];
                if (i == 0 && blocks.Count > 0 && !block.IsPageBreak)
                    block = block with { SpacingBefore = block.SpacingBefore + gap };
                blocks.Add(block);
            }
        }
        return blocks;
    }
}
