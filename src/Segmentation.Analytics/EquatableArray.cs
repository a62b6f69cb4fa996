namespace Segmentation.Analytics;

/// <summary>Builds <see cref="EquatableArray{T}"/> values (also what collection expressions such as <c>[1.0, 2.0]</c> call).</summary>
public static class EquatableArray
{
    /// <summary>An array holding a copy of <paramref name="items"/>.</summary>
    public static EquatableArray<T> Create<T>(ReadOnlySpan<T> items) => EquatableArray<T>.Own(items.ToArray());

    /// <summary>An array holding the elements of <paramref name="source"/> in order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source is EquatableArray<T> already ? already : EquatableArray<T>.Own(source.ToArray());
    }

    /// <summary>A copy of jagged rows (e.g. a matrix built as <c>double[][]</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or one of its rows is null.</exception>
    public static EquatableArray<EquatableArray<T>> FromRows<T>(IEnumerable<T[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return EquatableArray<EquatableArray<T>>.Own(rows.Select(r => Create<T>(r ?? throw new ArgumentNullException(nameof(rows), "A row is null."))).ToArray());
    }

    /// <summary>The rows of a row-major k × d block as k arrays of d values (e.g. centroids).</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="columns"/>.</exception>
    public static EquatableArray<EquatableArray<double>> Rows(ReadOnlySpan<double> values, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (values.Length % columns != 0)
            throw new ArgumentException($"values has {values.Length} elements, not a multiple of {columns} columns.", nameof(values));
        var rows = new EquatableArray<double>[values.Length / columns];
        for (int j = 0; j < rows.Length; j++) rows[j] = Create(values.Slice(j * columns, columns));
        return EquatableArray<EquatableArray<double>>.Own(rows);
    }

    /// <summary>The rows of <paramref name="rows"/> flattened row-major into one new array (each row must have <paramref name="columns"/> values).</summary>
    /// <exception cref="ArgumentException">A row has another length.</exception>
    public static double[] Flatten(this EquatableArray<EquatableArray<double>> rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var flat = new double[rows.Length * columns];
        for (int j = 0; j < rows.Length; j++)
        {
            if (rows[j].Length != columns)
                throw new ArgumentException($"Row {j} has {rows[j].Length} values; expected {columns}.", nameof(rows));
            rows[j].CopyTo(flat.AsSpan(j * columns, columns));
        }
        return flat;
    }
}
