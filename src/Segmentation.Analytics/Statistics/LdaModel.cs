using System.Globalization;
using System.Text;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Statistics;

/// <summary>A fitted linear discriminant model (see <see cref="LinearDiscriminant"/>).</summary>
/// <param name="Classes">Class labels, ascending.</param>
/// <param name="ColumnNames">Features, in order.</param>
/// <param name="Priors">Prior probability π_k of each class.</param>
/// <param name="Means">Class means μ_k (one row per class).</param>
/// <param name="Weights">Σ⁻¹μ_k per class: δ_k(x) = x · Weights[k] + Intercepts[k].</param>
/// <param name="Intercepts">−½ μ_kᵀΣ⁻¹μ_k + ln π_k per class.</param>
/// <param name="OverallMean">Mean of the training rows (centre of the canonical scores).</param>
/// <param name="Scalings">Canonical discriminant coefficients a (one row per feature, one column per function), aᵀΣa = 1.</param>
/// <param name="Eigenvalues">λ of each canonical function (between / within variance ratio).</param>
/// <param name="ExplainedVarianceRatio">λ_f / Σλ (scikit-learn's explained_variance_ratio_).</param>
/// <param name="StandardizedCoefficients">a_j × pooled within-class SD of feature j.</param>
/// <param name="Ridge">Covariance shrinkage used.</param>
/// <param name="Rows">Training rows.</param>
public sealed record LdaModel(EquatableArray<int> Classes, EquatableArray<string> ColumnNames, EquatableArray<double> Priors,
                              EquatableArray<EquatableArray<double>> Means, EquatableArray<EquatableArray<double>> Weights, EquatableArray<double> Intercepts,
                              EquatableArray<double> OverallMean, EquatableArray<EquatableArray<double>> Scalings, EquatableArray<double> Eigenvalues,
                              EquatableArray<double> ExplainedVarianceRatio, EquatableArray<EquatableArray<double>> StandardizedCoefficients, double Ridge, int Rows)
    : FittedModel<LdaModel>, IFeatureTransformer
{
    /// <summary>Posterior P(class k | x) of every row; columns in <see cref="Classes"/> order.</summary>
    public double[][] PredictProba(FeatureMatrix data)
    {
        Check(data);
        int k = Classes.Length, d = ColumnNames.Length;
        var result = new double[data.Rows][];
        var score = new double[k];
        ReadOnlySpan<double> intercepts = Intercepts.AsSpan();
        var weights = Weights.Flatten(d); // k × d, row-major
        for (int i = 0; i < data.Rows; i++)
        {
            var row = data.Row(i);
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                double acc = intercepts[c];
                var w = weights.AsSpan(c * d, d);
                for (int j = 0; j < row.Length; j++) acc += row[j] * w[j];
                score[c] = acc;
                max = Math.Max(max, acc);
            }
            double sum = 0;
            var p = new double[k];
            for (int c = 0; c < k; c++) { p[c] = Math.Exp(score[c] - max); sum += p[c]; }
            for (int c = 0; c < k; c++) p[c] /= sum;
            result[i] = p;
        }
        return result;
    }

    /// <summary>The most probable class of every row (ties: the smaller label).</summary>
    public int[] Predict(FeatureMatrix data)
    {
        var proba = PredictProba(data);
        var labels = new int[proba.Length];
        for (int i = 0; i < proba.Length; i++)
        {
            int best = 0;
            for (int c = 1; c < Classes.Length; c++) if (proba[i][c] > proba[i][best]) best = c;
            labels[i] = Classes[best];
        }
        return labels;
    }

    /// <summary>Canonical discriminant scores (x − overall mean) · Scalings; columns LD1 … LDm.</summary>
    public FeatureMatrix Transform(FeatureMatrix data)
    {
        Check(data);
        int m = Eigenvalues.Length, p = ColumnNames.Length;
        var values = new double[data.Rows * m];
        ReadOnlySpan<double> overall = OverallMean.AsSpan();
        var scalings = Scalings.Flatten(m); // p × m, row-major
        for (int i = 0; i < data.Rows; i++)
        {
            var row = data.Row(i);
            for (int f = 0; f < m; f++)
            {
                double acc = 0;
                for (int j = 0; j < p; j++) acc += (row[j] - overall[j]) * scalings[j * m + f];
                values[i * m + f] = acc;
            }
        }
        return new FeatureMatrix(values, data.Rows, m, Enumerable.Range(1, m).Select(f => $"LD{f}").ToArray());
    }

    /// <summary>Culture-invariant summary: classes, priors, standardised canonical coefficients.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Linear discriminant model: {Classes.Length} classes, {ColumnNames.Length} features, {Rows} rows, ridge {Ridge:G3}\n");
        for (int c = 0; c < Classes.Length; c++) sb.Append(CultureInfo.InvariantCulture, $"  class {Classes[c]}: prior {Priors[c]:F4}\n");
        sb.Append("  standardised canonical coefficients (explained variance ratio)\n");
        sb.Append($"  {"feature",-20}");
        for (int f = 0; f < Eigenvalues.Length; f++) sb.Append(CultureInfo.InvariantCulture, $" {"LD" + (f + 1) + $" ({ExplainedVarianceRatio[f]:F3})",16}");
        sb.Append('\n');
        for (int j = 0; j < ColumnNames.Length; j++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {ColumnNames[j],-20}");
            for (int f = 0; f < Eigenvalues.Length; f++) sb.Append(CultureInfo.InvariantCulture, $" {StandardizedCoefficients[j][f],16:F4}");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private void Check(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != ColumnNames.Length)
            throw new ArgumentException($"data has {data.Columns} columns; the model was fitted on {ColumnNames.Length}.", nameof(data));
    }
}
