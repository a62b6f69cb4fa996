using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Models;

/// <summary>The frozen transform chain of a segmentation model: impute (training median) → ln(1 + x) (signed for models fitted since the signed rule) → scale → append one-hot columns.</summary>
internal sealed record FeaturePipeline(MedianImputation Imputation, Log1pTransformModel? Log, StandardScalerModel? StandardScaler,
    RobustScalerModel? RobustScaler, OneHotEncoderModel? Encoder)
{
    /// <summary>The raw numeric columns (NaN = missing), in model order.</summary>
    public static double[][] RawNumbers(DataFrame frame, IReadOnlyList<string> columns) =>
        columns.Select(c => FrameColumns.Numbers(frame, c, nameof(frame))).ToArray();

    /// <summary>Applies the chain to <paramref name="frame"/>; counts imputed values and unknown categories per feature.</summary>
    public FeatureMatrix Transform(DataFrame frame, out int[] imputed, out int[] unknown)
    {
        var columns = Imputation.Columns;
        var raw = RawNumbers(frame, columns);
        int n = checked((int)frame.Rows.Count), p = columns.Length;
        imputed = new int[p];
        var values = new double[n * p];
        var medians = Imputation.Medians.AsSpan();
        for (int j = 0; j < p; j++)
            for (int i = 0; i < n; i++)
            {
                double v = raw[j][i];
                if (double.IsNaN(v)) { v = medians[j]; imputed[j]++; }
                values[i * p + j] = v;
            }
        if (Log is not null)
        {
            var logged = Log.Columns.Select(c => columns.AsSpan().IndexOf(c)).ToArray();
            for (int i = 0; i < n; i++)
                foreach (int j in logged)
                {
                    double v = values[i * p + j];
                    if (!Log.Signed && v <= -1) throw new ArgumentException($"Column '{columns[j]}' has {v} at row {i}; ln(1 + x) needs values above −1.", nameof(frame));
                    values[i * p + j] = Log.Apply(v);
                }
        }
        var numeric = new FeatureMatrix(values, n, p, columns);
        if (StandardScaler is not null) numeric = StandardScaler.Transform(numeric);
        if (RobustScaler is not null) numeric = RobustScaler.Transform(numeric);
        unknown = [];
        if (Encoder is null) return numeric;
        unknown = CountUnknown(frame, Encoder);
        var encoded = Encoder.Transform(frame);
        int q = encoded.Columns, d = p + q;
        var all = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            Array.Copy(numeric.Values, i * p, all, i * d, p);
            Array.Copy(encoded.Values, i * q, all, i * d + p, q);
        }
        return new FeatureMatrix(all, n, d, [.. numeric.ColumnNames, .. encoded.ColumnNames]);
    }

    private static int[] CountUnknown(DataFrame frame, OneHotEncoderModel encoder)
    {
        var counts = new int[encoder.Columns.Length];
        for (int j = 0; j < encoder.Columns.Length; j++)
        {
            var column = encoder.Columns[j];
            var known = new HashSet<string>(column.Categories, StringComparer.Ordinal);
            foreach (var key in FrameColumns.Keys(frame, column.Name, nameof(frame), out _))
                if (key is null ? !column.HasMissingIndicator : !known.Contains(key)) counts[j]++;
        }
        return counts;
    }
}
