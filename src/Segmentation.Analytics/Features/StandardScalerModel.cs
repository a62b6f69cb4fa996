using System.Globalization;
using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Features;

/// <summary>A fitted <see cref="StandardScaler"/>: z = (x − <see cref="Center"/>) / <see cref="Scale"/> per column.</summary>
/// <param name="Columns">The fitted column names, in order.</param>
/// <param name="Center">Subtracted per column: the mean, or 0 when <c>WithMean</c> was false.</param>
/// <param name="Scale">Divided by per column: the population standard deviation (1 for constant columns or when <c>WithStd</c> was false).</param>
/// <param name="Mean">The learned column means (scikit-learn's <c>mean_</c>).</param>
/// <param name="Variance">The learned population variances (scikit-learn's <c>var_</c>).</param>
/// <param name="SamplesSeen">Non-missing values per column (scikit-learn's <c>n_samples_seen_</c>).</param>
public sealed record StandardScalerModel(EquatableArray<string> Columns, EquatableArray<double> Center, EquatableArray<double> Scale,
    EquatableArray<double> Mean, EquatableArray<double> Variance, EquatableArray<long> SamplesSeen) : FittedModel<StandardScalerModel>, IFeatureTransformer
{
    /// <summary>Standardises <paramref name="data"/>, which must have the fitted number of columns; NaN stays NaN.</summary>
    public FeatureMatrix Transform(FeatureMatrix data) => CenterScale.Apply(data, Columns, Center.AsSpan(), Scale.AsSpan());

    /// <summary>A copy of <paramref name="frame"/> with the fitted columns standardised (as doubles; nulls stay null).</summary>
    public DataFrame Transform(DataFrame frame) => CenterScale.Apply(frame, Columns, Center.AsSpan(), Scale.AsSpan());

    /// <summary>Maps standardised values back: x = z × scale + center.</summary>
    public FeatureMatrix InverseTransform(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != Columns.Length)
            throw new ArgumentException($"data has {data.Columns} columns; the scaler was fitted on {Columns.Length}.", nameof(data));
        var source = data.Values;
        ReadOnlySpan<double> scale = Scale.AsSpan(), center = Center.AsSpan();
        var values = new double[source.Length];
        for (int i = 0; i < values.Length; i++) values[i] = source[i] * scale[i % data.Columns] + center[i % data.Columns];
        return new FeatureMatrix(values, data.Rows, data.Columns, data.ColumnNames);
    }

    /// <summary>One line per column: name, center, scale (invariant culture).</summary>
    public override string ToString() =>
        "StandardScaler\n" + string.Join("\n", Columns.Select((c, j) => string.Create(CultureInfo.InvariantCulture, $"  {c}: center {Center[j]:G6}, scale {Scale[j]:G6}")));
}
