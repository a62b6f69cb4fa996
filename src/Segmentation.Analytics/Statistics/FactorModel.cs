using System.Globalization;
using System.Text;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Statistics;

/// <summary>A fitted factor model (see <see cref="FactorAnalysis"/>).</summary>
/// <param name="ColumnNames">Variables, in the order of the loadings' rows.</param>
/// <param name="Means">Column means of the training data.</param>
/// <param name="Scales">Sample standard deviations (n − 1) when standardised, else 1.</param>
/// <param name="Eigenvalues">All eigenvalues of the correlation (covariance) matrix, descending.</param>
/// <param name="Loadings">Loadings, one row per variable, one column per factor.</param>
/// <param name="Communalities">h²_j = Σ_f L²_jf: share of each variable's variance the factors explain (correlation scale).</param>
/// <param name="ExplainedVariance">Σ_j L²_jf per factor (after rotation).</param>
/// <param name="ExplainedVarianceRatio">ExplainedVariance / total variance (number of variables when standardised).</param>
/// <param name="CumulativeVarianceRatio">Running sum of ExplainedVarianceRatio.</param>
/// <param name="ScoreWeights">Regression-method score coefficients R⁻¹L (one row per variable): scores = standardised data × weights.</param>
/// <param name="Rotation">Rotation applied.</param>
/// <param name="Standardized">Whether the correlation matrix was factored.</param>
/// <param name="Rows">Training rows.</param>
/// <param name="RotationIterations">Varimax iterations (0 without rotation).</param>
public sealed record FactorModel(EquatableArray<string> ColumnNames, EquatableArray<double> Means, EquatableArray<double> Scales,
                                 EquatableArray<double> Eigenvalues, EquatableArray<EquatableArray<double>> Loadings,
                                 EquatableArray<double> Communalities, EquatableArray<double> ExplainedVariance, EquatableArray<double> ExplainedVarianceRatio,
                                 EquatableArray<double> CumulativeVarianceRatio, EquatableArray<EquatableArray<double>> ScoreWeights, FactorRotation Rotation,
                                 bool Standardized, int Rows, int RotationIterations) : FittedModel<FactorModel>, IFeatureTransformer
{
    /// <summary>Number of factors.</summary>
    public int Factors => ExplainedVariance.Length;

    /// <summary>Factor scores (regression method) of every row; columns F1 … Fk. The input is not modified.</summary>
    /// <exception cref="ArgumentException">The column count differs from the training data.</exception>
    public FeatureMatrix Transform(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int p = ColumnNames.Length, k = Factors;
        if (data.Columns != p) throw new ArgumentException($"data has {data.Columns} columns; the model was fitted on {p}.", nameof(data));
        var scores = new double[data.Rows * k];
        var z = new double[p];
        ReadOnlySpan<double> means = Means.AsSpan(), scales = Scales.AsSpan();
        var weights = ScoreWeights.Flatten(k); // p × k, row-major
        for (int i = 0; i < data.Rows; i++)
        {
            var row = data.Row(i);
            for (int j = 0; j < p; j++) z[j] = (row[j] - means[j]) / scales[j];
            for (int f = 0; f < k; f++)
            {
                double acc = 0;
                for (int j = 0; j < p; j++) acc += z[j] * weights[j * k + f];
                scores[i * k + f] = acc;
            }
        }
        return new FeatureMatrix(scores, data.Rows, k, Enumerable.Range(1, k).Select(f => $"F{f}").ToArray());
    }

    /// <summary>Culture-invariant loadings table with communalities and explained variance.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Factor model: {Factors} factors, principal components, rotation {Rotation}, {Rows} rows\n");
        sb.Append($"  {"variable",-20}");
        for (int f = 0; f < Factors; f++) sb.Append(CultureInfo.InvariantCulture, $" {"F" + (f + 1),8}");
        sb.Append("       h²\n");
        for (int j = 0; j < ColumnNames.Length; j++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {ColumnNames[j],-20}");
            for (int f = 0; f < Factors; f++) sb.Append(CultureInfo.InvariantCulture, $" {Loadings[j][f],8:F3}");
            sb.Append(CultureInfo.InvariantCulture, $" {Communalities[j],8:F3}\n");
        }
        sb.Append($"  {"variance share",-20}");
        for (int f = 0; f < Factors; f++) sb.Append(CultureInfo.InvariantCulture, $" {ExplainedVarianceRatio[f],8:F3}");
        sb.Append('\n');
        return sb.ToString();
    }
}
