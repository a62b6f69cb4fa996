namespace Segmentation.Reports.Composition.Layout;

/// <summary>A block placed on a page body, <see cref="Y"/> points below the body's top.</summary>
internal sealed record PlacedBlock(Block Block, float Y);

/// <summary>
/// Greedy pagination of a block flow into page bodies of fixed height: a block goes on the current
/// page if it fits, else it starts the next page; keep-with-next chains move together when the chain
/// fits on an empty page; a table row that starts a page gets its header row repeated above it.
/// </summary>
internal static class Paginator
{
    private const float Tolerance = 0.01f;

    /// <exception cref="LayoutOverflowException">A block (or a header plus its first row) is taller than a page body.</exception>
    public static List<List<PlacedBlock>> Paginate(IReadOnlyList<Block> blocks, float bodyHeight)
    {
        var pages = new List<List<PlacedBlock>> { new() };
        float y = 0;
        for (int i = 0; i < blocks.Count; i++)
        {
            Block block = blocks[i];
            List<PlacedBlock> page = pages[^1];
            if (block.IsPageBreak)
            {
                if (page.Count > 0) { pages.Add([]); y = 0; }
                continue;
            }
            if (block.Height > bodyHeight + Tolerance)
                throw new LayoutOverflowException(block.What, block.Height, bodyHeight);

            float needed = (page.Count == 0 ? 0 : block.SpacingBefore) + block.Height;
            float chain = needed;
            for (int j = i; blocks[j].KeepWithNext && j + 1 < blocks.Count && !blocks[j + 1].IsPageBreak; j++)
                chain += blocks[j + 1].SpacingBefore + blocks[j + 1].Height;
            if (chain <= bodyHeight + Tolerance) needed = chain;

            if (page.Count > 0 && y + needed > bodyHeight + Tolerance)
            {
                page = [];
                pages.Add(page);
                y = 0;
            }
            if (page.Count == 0 && block.RepeatedHeader is { } header && !ReferenceEquals(header, block))
            {
                if (header.Height + block.Height > bodyHeight + Tolerance)
                    throw new LayoutOverflowException($"{header.What} + {block.What}", header.Height + block.Height, bodyHeight);
                page.Add(new PlacedBlock(header, y));
                y += header.Height;
            }
            float spacing = page.Count == 0 ? 0 : block.SpacingBefore;
            page.Add(new PlacedBlock(block, y + spacing));
            y += spacing + block.Height;
        }
        if (pages.Count > 1 && pages[^1].Count == 0) pages.RemoveAt(pages.Count - 1);
        return pages;
    }
}
