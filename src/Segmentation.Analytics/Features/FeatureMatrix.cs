using Microsoft.Data.Analysis;
using System.Runtime.CompilerServices;

namespace Segmentation.Analytics.Features;

/// <summary>
/// A dense, row-major matrix of numeric features (one row per customer), the contiguous form every
/// numeric kernel works on. DataFrames stay at the edges; algorithms take a <see cref="FeatureMatrix"/>.
/// </summary>
/// <remarks>Immutable by convention: kernels never write into <see cref="Values"/>; transforms return a new matrix.</remarks>
public sealed class FeatureMatrix
{
    /// <summary>Creates a matrix over <paramref name="values"/> (row-major, length rows × columns); the array is not copied.</summary>
    /// <exception cref="ArgumentException">The length does not equal rows × columns, or the names do not match the column count.</exception>
    public FeatureMatrix(double[] values, int rows, int columns, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if ((long)rows * columns != values.Length)
            throw new ArgumentException($"values has {values.Length} elements; expected rows × columns = {rows} × {columns} = {(long)rows * columns}.", nameof(values));
        columnNames ??= Enumerable.Range(0, columns).Select(c => $"x{c}").ToArray();
        if (columnNames.Count != columns)
            throw new ArgumentException($"columnNames has {columnNames.Count} names; expected {columns}.", nameof(columnNames));
        Values = values;
        Rows = rows;
        Columns = columns;
        ColumnNames = columnNames;
    }

    /// <summary>The values, row-major: element (i, j) is at i × <see cref="Columns"/> + j.</summary>
    public double[] Values { get; }

    /// <summary>Number of rows (observations).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (features).</summary>
    public int Columns { get; }

    /// <summary>Feature names, one per column.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Element (row, column).</summary>
    public double this[int row, int column] => Values[row * Columns + column];

    /// <summary>The values of one row.</summary>
    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * Columns, Columns);

    /// <summary>A copy of one column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double[] Column(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
        var result = new double[Rows];
        for (int i = 0; i < Rows; i++) result[i] = Values[i * Columns + column];
        return result;
    }

    /// <summary>
    /// The check every estimator makes of the matrix it is fitted on: not null, at least one row, and every value finite
    /// (NaN allowed only where the estimator documents it as missing). The messages name the row and the column.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">No rows, a NaN (unless <paramref name="missingAllowed"/>) or an infinite value; <see cref="ArgumentException.ParamName"/> is <paramref name="parameter"/>.</exception>
    internal static void CheckTrainingInput(FeatureMatrix? data, string parameter, bool missingAllowed = false)
    {
        ArgumentNullException.ThrowIfNull(data, parameter);
        if (data.Rows == 0) throw new ArgumentException($"{parameter} has no rows; fitting needs at least one.", parameter);
        var values = data.Values;
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (double.IsFinite(v) || (missingAllowed && double.IsNaN(v))) continue;
            throw new ArgumentException(
                $"{parameter} has {v} at row {i / data.Columns}, column '{data.ColumnNames[i % data.Columns]}'; {(missingAllowed ? "values must not be infinite" : "values must be finite (impute missing values first)")}.",
                parameter);
        }
    }

    /// <summary>Builds a matrix from jagged rows (convenient in tests and notebooks).</summary>
    public static FeatureMatrix FromRows(IReadOnlyList<double[]> rows, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("At least one row is required.", nameof(rows));
        int d = rows[0].Length;
        var values = new double[rows.Count * d];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != d)
                throw new ArgumentException($"Row {i} has {rows[i].Length} values; row 0 has {d}.", nameof(rows));
            rows[i].CopyTo(values, i * d);
        }
        return new FeatureMatrix(values, rows.Count, d, columnNames);
    }

    /// <summary>
    /// Copies the named numeric columns of a DataFrame into a matrix. Nulls and non-finite values are an
    /// error (impute first): the message names the column and the row.
    /// </summary>
    public static FeatureMatrix FromDataFrame(DataFrame frame, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("At least one column is required.", nameof(columns));
        int n = checked((int)frame.Rows.Count);
        int d = columns.Count;
        var values = new double[n * d];
        for (int j = 0; j < d; j++)
        {
            var column = frame.Columns[columns[j]];
            for (int i = 0; i < n; i++)
            {
                object? cell = column[i];
                double v = cell switch
                {
                    null => throw new InvalidDataException($"Column '{columns[j]}' has a missing value at row {i}; impute or drop it before building a feature matrix."),
                    double x => x,
                    float x => x,
                    int x => x,
                    long x => x,
                    short x => x,
                    byte x => x,
                    bool x => x ? 1 : 0,
                    decimal x => (double)x,
                    _ => throw new InvalidDataException($"Column '{columns[j]}' is of type {column.DataType.Name}, which is not numeric."),
                };
                if (!double.IsFinite(v))
                    throw new InvalidDataException($"Column '{columns[j]}' has a non-finite value ({v}) at row {i}.");
                values[i * d + j] = v;
            }
        }
        return new FeatureMatrix(values, n, d, columns.ToArray());
    }

    /// <summary>A DataFrame with one <see cref="double"/> column per feature.</summary>
    public DataFrame ToDataFrame()
    {
        var cols = new List<DataFrameColumn>(Columns);
        for (int j = 0; j < Columns; j++) cols.Add(new DoubleDataFrameColumn(ColumnNames[j], Column(j)));
        return new DataFrame(cols);
    }
}
