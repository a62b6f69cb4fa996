using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Features;

/// <summary>A fitted <see cref="Log1pTransform"/>: y = ln(1 + x) on the named columns.</summary>
/// <param name="Columns">The columns it applies to, in order.</param>
public sealed record Log1pTransformModel(EquatableArray<string> Columns) : FittedModel<Log1pTransformModel>, IFeatureTransformer
{
    /// <summary>ln(1 + x) of every value of <paramref name="data"/> (which must have the fitted number of columns); NaN stays NaN.</summary>
    /// <exception cref="ArgumentException">A value is ≤ −1.</exception>
    public FeatureMatrix Transform(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != Columns.Length)
            throw new ArgumentException($"data has {data.Columns} columns; the transform was fitted on {Columns.Length}.", nameof(data));
        var source = data.Values;
        var values = new double[source.Length];
        for (int i = 0; i < values.Length; i++)
        {
            Log1pTransform.CheckDomain(source[i], data.ColumnNames[i % data.Columns], i / data.Columns, nameof(data));
            values[i] = Log1pTransform.Log1p(source[i]);
        }
        return new FeatureMatrix(values, data.Rows, data.Columns, data.ColumnNames);
    }

    /// <summary>A copy of <paramref name="frame"/> with the fitted columns log-transformed (as doubles; nulls stay null).</summary>
    public DataFrame Transform(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var replaced = new Dictionary<string, IReadOnlyList<DataFrameColumn>>();
        foreach (var c in Columns)
        {
            var x = FrameColumns.Numbers(frame, c, nameof(frame));
            for (int i = 0; i < x.Length; i++)
            {
                Log1pTransform.CheckDomain(x[i], c, i, nameof(frame));
                x[i] = Log1pTransform.Log1p(x[i]);
            }
            replaced[c] = [FrameColumns.Column(c, x)];
        }
        return FrameColumns.Replace(frame, replaced);
    }

    /// <summary>The columns it applies to.</summary>
    public override string ToString() => "Log1pTransform: " + string.Join(", ", Columns);
}
