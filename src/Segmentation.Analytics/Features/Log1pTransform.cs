using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Features;

/// <summary>
/// The log transform y = ln(1 + x) per column, for skewed non-negative features (spend, counts, days) before scaling.
/// It learns nothing but the column names; Fit checks that every value is in the domain x &gt; −1.
/// </summary>
/// <remarks>Computed accurately for small |x| (Goldberg's log1p: ln(u)·x/(u − 1) with u = 1 + x), matching numpy.log1p
/// to a few ulp. Missing values (NaN / null) stay missing.</remarks>
public sealed class Log1pTransform : IEstimator<Log1pTransformModel>
{
    /// <summary>Checks the domain of every column of <paramref name="data"/> and returns the transform over its columns.</summary>
    /// <exception cref="ArgumentException">No rows, an infinite value, or a value ≤ −1 (names column and row). NaN is missing and allowed.</exception>
    public Log1pTransformModel Fit(FeatureMatrix data)
    {
        FeatureMatrix.CheckTrainingInput(data, nameof(data), missingAllowed: true);
        for (int i = 0; i < data.Rows; i++)
            for (int j = 0; j < data.Columns; j++)
                CheckDomain(data[i, j], data.ColumnNames[j], i, nameof(data));
        return new Log1pTransformModel(data.ColumnNames.ToEquatableArray());
    }

    /// <summary>Checks the domain of the named numeric columns of <paramref name="frame"/> and returns the transform over them.</summary>
    public Log1pTransformModel Fit(DataFrame frame, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("At least one column is required.", nameof(columns));
        foreach (var c in columns)
        {
            var x = FrameColumns.Numbers(frame, c, nameof(frame));
            for (int i = 0; i < x.Length; i++) CheckDomain(x[i], c, i, nameof(frame));
        }
        return new Log1pTransformModel(columns.ToEquatableArray());
    }

    internal static void CheckDomain(double x, string column, int row, string parameter)
    {
        if (x <= -1)
            throw new ArgumentException($"Column '{column}' has {x} at row {row}; log1p needs values above −1.", parameter);
    }

    /// <summary>ln(1 + x), accurate for small |x|.</summary>
    public static double Log1p(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
