namespace Segmentation.Reports.Composition;

/// <summary>Defines a table's columns, left to right.</summary>
public sealed class TableColumnsDescriptor
{
    internal List<(float Relative, float? Constant)> Specs { get; } = [];

    internal TableColumnsDescriptor() { }

    /// <summary>A column taking a share <paramref name="weight"/> / (sum of weights) of the width left by constant columns.</summary>
    public TableColumnsDescriptor Relative(float weight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weight);
        Specs.Add((weight, null));
        return this;
    }

    /// <summary>A column exactly <paramref name="width"/> points wide.</summary>
    public TableColumnsDescriptor Constant(float width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        Specs.Add((0, width));
        return this;
    }
}
