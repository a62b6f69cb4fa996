using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Features;

/// <summary>
/// Outlier-robust scaling, as scikit-learn's <c>RobustScaler</c>: x' = (x − median) / (Q(upper) − Q(lower)) per column,
/// with the quantiles Q of numpy's default (linear) method. Missing values (NaN / null) are ignored when fitting and
/// stay missing.
/// </summary>
/// <remarks>
/// Quantile at p percent of n sorted values v: h = (n − 1)·p/100, Q = v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋+1] − v[⌊h⌋]) (Hyndman and
/// Fan 1996, definition 7). A range below 10·ε (e.g. a column that is constant in its middle half) gets scale 1, as
/// scikit-learn's <c>_handle_zeros_in_scale</c>. A column with no values has center NaN and scale 1.
/// </remarks>
public sealed class RobustScaler(RobustScalerOptions? options = null) : IEstimator<RobustScalerModel>
{
    private const double MachineEpsilon = 2.220446049250313e-16;
    private readonly RobustScalerOptions options = options ?? new();

    /// <summary>Learns the median and interquantile range of every column of <paramref name="data"/> (not modified).</summary>
    /// <exception cref="ArgumentException">No rows, or an infinite value (NaN is missing and ignored).</exception>
    public RobustScalerModel Fit(FeatureMatrix data)
    {
        FeatureMatrix.CheckTrainingInput(data, nameof(data), missingAllowed: true);
        options.Validate();
        return Fit(data.ColumnNames.ToArray(), Enumerable.Range(0, data.Columns).Select(data.Column).ToArray());
    }

    /// <summary>Learns the median and interquantile range of the named numeric columns of <paramref name="frame"/> (nulls ignored).</summary>
    public RobustScalerModel Fit(DataFrame frame, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(columns);
        options.Validate();
        if (columns.Count == 0) throw new ArgumentException("At least one column is required.", nameof(columns));
        return Fit(columns.ToArray(), columns.Select(c => FrameColumns.Numbers(frame, c, nameof(frame))).ToArray());
    }

    private RobustScalerModel Fit(string[] names, double[][] columns)
    {
        int d = names.Length;
        var center = new double[d];
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            var sorted = columns[j].Where(v => !double.IsNaN(v)).ToArray();
            Array.Sort(sorted);
            if (sorted.Length == 0) { center[j] = options.WithCentering ? double.NaN : 0; scale[j] = 1; continue; }
            center[j] = options.WithCentering ? Median(sorted) : 0;
            double range = Percentile(sorted, options.UpperQuantile) - Percentile(sorted, options.LowerQuantile);
            scale[j] = !options.WithScaling || range < 10 * MachineEpsilon ? 1 : range;
        }
        return new RobustScalerModel(names, EquatableArray<double>.Own(center), EquatableArray<double>.Own(scale));
    }

    /// <summary>numpy's median of sorted values: the middle value, or the mean of the two middle values.</summary>
    internal static double Median(double[] sorted)
    {
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>numpy's linear percentile (p in percent) of sorted values, with numpy's two-sided lerp.</summary>
    internal static double Percentile(double[] sorted, double percent)
    {
        double h = (sorted.Length - 1) * (percent / 100);
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        double t = h - lo, a = sorted[lo], b = sorted[hi], diff = b - a;
        // numpy._lerp: a + (b − a)·t, computed from the nearer end for t ≥ 0.5 (keeps the result monotone and exact at t = 1).
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
