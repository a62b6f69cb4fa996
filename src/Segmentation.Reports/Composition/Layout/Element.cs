namespace Segmentation.Reports.Composition.Layout;

/// <summary>A laid-out-able piece of the document tree, built by the fluent descriptors.</summary>
internal abstract class Element
{
    /// <summary>Splits the element into blocks for a slot <paramref name="width"/> points wide.</summary>
    public abstract IReadOnlyList<Block> Layout(LayoutContext context, float width);
}
