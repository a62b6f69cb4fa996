using SkiaSharp;

namespace Segmentation.Reports.Composition.Layout;

/// <summary>Draws a block with its top-left corner at (x, y), in points, y downwards.</summary>
internal delegate void BlockPainter(SKCanvas canvas, float x, float y, DrawContext context);

/// <summary>
/// The unit of pagination: an unsplittable horizontal slice of the flow (a line of text, a table
/// row, a chart) with a known height. Elements turn into blocks for a given width; the paginator
/// places blocks on pages; painters draw them once the page count is known.
/// </summary>
/// <param name="Height">Height in points.</param>
/// <param name="Paint">Draws the block.</param>
/// <param name="What">Says what the block is, for error messages.</param>
internal sealed record Block(float Height, BlockPainter Paint, string What)
{
    /// <summary>Space above the block when it is not the first on its page.</summary>
    public float SpacingBefore { get; init; }

    /// <summary>Move to the next page together with the following block (headings, table headers).</summary>
    public bool KeepWithNext { get; init; }

    /// <summary>Block to repeat above this one when it starts a page (a table's header row).</summary>
    public Block? RepeatedHeader { get; init; }

    /// <summary>A forced page break: no height, nothing to draw.</summary>
    public bool IsPageBreak { get; init; }

    public static Block PageBreak { get; } = new(0, static (_, _, _, _) => { }, "page break") { IsPageBreak = true };

    /// <summary>Total height of <paramref name="blocks"/> laid one under the other, spacing included.</summary>
    public static float StackHeight(IReadOnlyList<Block> blocks)
    {
        float height = 0;
        for (int i = 0; i < blocks.Count; i++)
            height += blocks[i].Height + (i > 0 ? blocks[i].SpacingBefore : 0);
        return height;
    }

    /// <summary>Joins <paramref name="blocks"/> into one unsplittable block (page breaks inside are ignored).</summary>
    public static Block Stack(IReadOnlyList<Block> blocks, string what)
    {
        Block[] parts = blocks.Where(b => !b.IsPageBreak).ToArray();
        return new Block(StackHeight(parts), (canvas, x, y, context) =>
        {
            float top = y;
            for (int i = 0; i < parts.Length; i++)
            {
                if (i > 0) top += parts[i].SpacingBefore;
                parts[i].Paint(canvas, x, top, context);
                top += parts[i].Height;
            }
        }, what);
    }
}
