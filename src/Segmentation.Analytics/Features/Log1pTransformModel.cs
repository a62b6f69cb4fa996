using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Features;

/// <summary>A fitted <see cref="Log1pTransform"/>: y = ln(1 + x) on the named columns.</summary>
/// <param name="Columns">The columns it applies to, in order.</param>
public sealed record Log1pTransformModel(EquatableArray<string> Columns) : FittedModel<Log1pTransformModel>, IFeatureTransformer
{
    /// <summary>
    /// The signed log y = sign(x)·ln(1 + |x|) instead (equal to ln(1 + x) for x ≥ 0, odd, defined for every x): what a segmentation
    /// model applies to <c>--log</c> features, so that a net refund (negative net spend) is transformed, not an error. Not written
    /// when false, so files of models fitted before it keep their bytes and their meaning.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Signed { get; init; }

    /// <summary>Negative training values per column (the rows the signed log treats differently from ln(1 + x)); null when not counted.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public EquatableArray<int>? NegativeInTraining { get; init; }

    /// <summary>The transform of one value: ln(1 + x), or sign(x)·ln(1 + |x|) when <see cref="Signed"/>.</summary>
    public double Apply(double x) => Signed ? Math.Sign(x) * Log1pTransform.Log1p(Math.Abs(x)) : Log1pTransform.Log1p(x);

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
            if (!Signed) Log1pTransform.CheckDomain(source[i], data.ColumnNames[i % data.Columns], i / data.Columns, nameof(data));
            values[i] = double.IsNaN(source[i]) ? double.NaN : Apply(source[i]);
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
                if (!Signed) Log1pTransform.CheckDomain(x[i], c, i, nameof(frame));
                x[i] = double.IsNaN(x[i]) ? double.NaN : Apply(x[i]);
            }
            replaced[c] = [FrameColumns.Column(c, x)];
        }
        return FrameColumns.Replace(frame, replaced);
    }

    /// <summary>The columns it applies to.</summary>
    public override string ToString() => (Signed ? "SignedLog1pTransform: " : "Log1pTransform: ") + string.Join(", ", Columns);
}
