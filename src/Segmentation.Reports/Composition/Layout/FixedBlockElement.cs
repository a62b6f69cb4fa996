namespace Segmentation.Reports.Composition.Layout;

/// <summary>One block of fixed height (spacers, rules, page breaks).</summary>
internal sealed class FixedBlockElement(Func<LayoutContext, float, Block> make) : Element
{
    public override IReadOnlyList<Block> Layout(LayoutContext context, float width) => [make(context, width)];
}
