using Segmentation.Reports.Composition.Layout;

namespace Segmentation.Reports.Composition;

/// <summary>Builds a row: items left to right, constant widths first, the rest shared by weight.</summary>
public sealed class RowDescriptor
{
    internal List<RowSlot> Slots { get; } = [];

    internal float Gap { get; private set; }

    internal RowDescriptor() { }

    /// <summary>Horizontal gap between items, in points.</summary>
    public RowDescriptor Spacing(float points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        Gap = points;
        return this;
    }

    /// <summary>An item taking a share <paramref name="weight"/> / (sum of weights) of the free width.</summary>
    public Container RelativeItem(float weight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weight);
        var item = new Container();
        Slots.Add(new RowSlot(item, weight, null));
        return item;
    }

    /// <summary>An item exactly <paramref name="width"/> points wide.</summary>
    public Container ConstantItem(float width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var item = new Container();
        Slots.Add(new RowSlot(item, 0, width));
        return item;
    }
}
