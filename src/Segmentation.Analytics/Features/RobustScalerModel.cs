using System.Globalization;
using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Features;

/// <summary>A fitted <see cref="RobustScaler"/>: x' = (x − <see cref="Center"/>) / <see cref="Scale"/> per column.</summary>
/// <param name="Columns">The fitted column names, in order.</param>
/// <param name="Center">The column medians (0 without centering; scikit-learn's <c>center_</c>).</param>
/// <param name="Scale">The interquantile ranges (1 for a zero range or without scaling; scikit-learn's <c>scale_</c>).</param>
public sealed record RobustScalerModel(EquatableArray<string> Columns, EquatableArray<double> Center, EquatableArray<double> Scale)
    : FittedModel<RobustScalerModel>, IFeatureTransformer
{
    /// <summary>Scales <paramref name="data"/>, which must have the fitted number of columns; NaN stays NaN.</summary>
    public FeatureMatrix Transform(FeatureMatrix data) => CenterScale.Apply(data, Columns, Center.AsSpan(), Scale.AsSpan());

    /// <summary>A copy of <paramref name="frame"/> with the fitted columns scaled (as doubles; nulls stay null).</summary>
    public DataFrame Transform(DataFrame frame) => CenterScale.Apply(frame, Columns, Center.AsSpan(), Scale.AsSpan());

    /// <summary>One line per column: name, center, scale (invariant culture).</summary>
    public override string ToString() =>
        "RobustScaler\n" + string.Join("\n", Columns.Select((c, j) => string.Create(CultureInfo.InvariantCulture, $"  {c}: center {Center[j]:G6}, scale {Scale[j]:G6}")));
}
