namespace Segmentation.Reports.Composition.Layout;

/// <summary>Content composed only at layout time, when the theme is known (KPI cards, rules).</summary>
internal sealed class DeferredElement(Action<Container, LayoutContext> compose) : Element
{
    public override IReadOnlyList<Block> Layout(LayoutContext context, float width)
    {
        var container = new Container();
        compose(container, context);
        return container.LayoutChild(context, width);
    }
}
