using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Features;

/// <summary>The transform both scalers apply: z = (x − center) / scale per column; NaN and nulls stay missing.</summary>
internal static class CenterScale
{
    public static FeatureMatrix Apply(FeatureMatrix data, EquatableArray<string> columns, ReadOnlySpan<double> center, ReadOnlySpan<double> scale)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != columns.Length)
            throw new ArgumentException($"data has {data.Columns} columns; the scaler was fitted on {columns.Length} ({string.Join(", ", columns)}).", nameof(data));
        var source = data.Values;
        int d = data.Columns;
        var values = new double[source.Length];
        for (int i = 0; i < data.Rows; i++)
            for (int j = 0; j < d; j++)
                values[i * d + j] = (source[i * d + j] - center[j]) / scale[j];
        return new FeatureMatrix(values, data.Rows, data.Columns, data.ColumnNames);
    }

    public static DataFrame Apply(DataFrame frame, EquatableArray<string> columns, ReadOnlySpan<double> center, ReadOnlySpan<double> scale)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var replaced = new Dictionary<string, IReadOnlyList<DataFrameColumn>>();
        for (int j = 0; j < columns.Length; j++)
        {
            var x = FrameColumns.Numbers(frame, columns[j], nameof(frame));
            for (int i = 0; i < x.Length; i++) x[i] = (x[i] - center[j]) / scale[j];
            replaced[columns[j]] = [FrameColumns.Column(columns[j], x)];
        }
        return FrameColumns.Replace(frame, replaced);
    }
}
