namespace Segmentation.Reports.Composition;

/// <summary>Builds a column: items stacked top to bottom with a fixed gap.</summary>
public sealed class ColumnDescriptor
{
    internal List<Container> Items { get; } = [];

    internal float Gap { get; private set; }

    internal ColumnDescriptor() { }

    /// <summary>Vertical gap between items, in points (dropped at the top of a page).</summary>
    public ColumnDescriptor Spacing(float points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        Gap = points;
        return this;
    }

    /// <summary>Adds an item and returns its slot.</summary>
    public Container Item()
    {
        var item = new Container();
        Items.Add(item);
        return item;
    }
}
