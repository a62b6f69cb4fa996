using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Features;

/// <summary>
/// Z-score standardisation, as scikit-learn's <c>StandardScaler</c>: z = (x − μ) / σ per column, with μ the mean and σ the
/// <em>population</em> standard deviation (divisor n, not n − 1). Missing values (NaN, or null in a DataFrame) are
/// ignored when fitting and kept missing by <see cref="StandardScalerModel.Transform(FeatureMatrix)"/>.
/// </summary>
/// <remarks>
/// The variance is computed in two passes with the rounding correction of Chan, Golub and LeVeque (1983), as
/// scikit-learn's <c>_incremental_mean_and_var</c>: σ² = (Σ(x − μ)² − (Σ(x − μ))² / n) / n. A column whose variance is
/// within rounding error of 0 (σ² ≤ n·ε·σ² + (n·μ·ε)², scikit-learn's <c>_is_constant_feature</c>) gets scale 1, so
/// constant columns map to 0 instead of NaN. A column with no values at all has mean NaN and scale 1.
/// </remarks>
public sealed class StandardScaler(StandardScalerOptions? options = null) : IEstimator<StandardScalerModel>
{
    private const double MachineEpsilon = 2.220446049250313e-16; // numpy.finfo(float64).eps
    private readonly StandardScalerOptions options = options ?? new();

    /// <summary>Learns μ and σ of every column of <paramref name="data"/> (not modified; NaN is missing and ignored).</summary>
    /// <exception cref="ArgumentException">No rows, or an infinite value.</exception>
    public StandardScalerModel Fit(FeatureMatrix data)
    {
        FeatureMatrix.CheckTrainingInput(data, nameof(data), missingAllowed: true);
        var columns = Enumerable.Range(0, data.Columns).Select(data.Column).ToArray();
        return Fit(data.ColumnNames.ToArray(), columns);
    }

    /// <summary>Learns μ and σ of the named numeric columns of <paramref name="frame"/> (nulls ignored).</summary>
    public StandardScalerModel Fit(DataFrame frame, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("At least one column is required.", nameof(columns));
        return Fit(columns.ToArray(), columns.Select(c => FrameColumns.Numbers(frame, c, nameof(frame))).ToArray());
    }

    private StandardScalerModel Fit(string[] names, double[][] columns)
    {
        int d = names.Length;
        var mean = new double[d];
        var variance = new double[d];
        var scale = new double[d];
        var seen = new long[d];
        for (int j = 0; j < d; j++)
        {
            var x = columns[j];
            double sum = 0;
            long n = 0;
            foreach (var v in x)
                if (!double.IsNaN(v)) { sum += v; n++; }
            seen[j] = n;
            if (n == 0) { mean[j] = double.NaN; variance[j] = double.NaN; scale[j] = 1; continue; }
            double mu = sum / n, correction = 0, squares = 0;
            foreach (var v in x)
                if (!double.IsNaN(v)) { double t = v - mu; correction += t; squares += t * t; }
            double var = (squares - correction * correction / n) / n;
            mean[j] = mu;
            variance[j] = var;
            double bound = n * MachineEpsilon * var + (n * mu * MachineEpsilon) * (n * mu * MachineEpsilon);
            scale[j] = var <= bound ? 1 : Math.Sqrt(var);
        }
        return new StandardScalerModel(names, options.WithMean ? mean : new double[d], options.WithStd ? scale : Enumerable.Repeat(1.0, d).ToArray(),
            EquatableArray<double>.Own(mean), EquatableArray<double>.Own(variance), EquatableArray<long>.Own(seen));
    }
}
