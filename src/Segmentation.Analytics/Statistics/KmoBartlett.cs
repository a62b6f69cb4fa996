using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Statistics;

/// <summary>
/// Whether factoring is sensible: Kaiser–Meyer–Olkin sampling adequacy and Bartlett's test of sphericity.
/// </summary>
/// <param name="Kmo">Overall KMO = Σ_{i≠j} r²_ij / (Σ_{i≠j} r²_ij + Σ_{i≠j} a²_ij), a_ij the partial (anti-image) correlations −s_ij/√(s_ii s_jj), S = R⁻¹. In [0, 1]; ≥ 0.6 is usually required (Kaiser 1974: ≥ 0.8 "meritorious").</param>
/// <param name="KmoPerVariable">The same ratio per variable (sums over j ≠ i).</param>
/// <param name="BartlettChiSquare">χ² = −(n − 1 − (2p + 5)/6) ln |R| (Bartlett 1950).</param>
/// <param name="BartlettDf">p(p − 1)/2.</param>
/// <param name="BartlettPValue">P(χ²_df &gt; statistic); small = the correlation matrix is not the identity.</param>
public sealed record KmoBartlett(double Kmo, double[] KmoPerVariable, double BartlettChiSquare, int BartlettDf, double BartlettPValue)
{
    /// <summary>KMO ≥ 0.6 and Bartlett p &lt; 0.05: the usual conditions for running a factor analysis.</summary>
    public bool IsFactorable => Kmo >= 0.6 && BartlettPValue < 0.05;

    /// <summary>Computes both from the sample correlation matrix of <paramref name="data"/> (not modified).</summary>
    /// <exception cref="ArgumentException">Fewer than 3 rows or 2 columns, a constant column, or a singular correlation matrix.</exception>
    public static KmoBartlett Compute(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rows < 3) throw new ArgumentException($"At least 3 rows are required; got {data.Rows}.", nameof(data));
        if (data.Columns < 2) throw new ArgumentException("At least 2 columns are required.", nameof(data));
        int p = data.Columns;
        var mean = ColumnMoments.Means(data);
        var r = Matrix<double>.Build.DenseOfArray(ColumnMoments.Correlation(ColumnMoments.Covariance(data, mean), data.ColumnNames));
        var lu = r.LU();
        double det = lu.Determinant;
        if (!(det > 0)) throw new ArgumentException("The correlation matrix is singular (collinear columns); drop redundant variables.", nameof(data));
        var s = lu.Inverse();
        double sumR2 = 0, sumA2 = 0;
        var rowR2 = new double[p];
        var rowA2 = new double[p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
            {
                if (i == j) continue;
                double a = -s[i, j] / Math.Sqrt(s[i, i] * s[j, j]);
                double r2 = r[i, j] * r[i, j], a2 = a * a;
                sumR2 += r2; sumA2 += a2; rowR2[j] += r2; rowA2[j] += a2;
            }
        var perVariable = new double[p];
        for (int j = 0; j < p; j++) perVariable[j] = rowR2[j] / (rowR2[j] + rowA2[j]);
        double chi = -(data.Rows - 1 - (2.0 * p + 5) / 6.0) * Math.Log(det);
        int df = p * (p - 1) / 2;
        double pValue = SpecialFunctions.GammaUpperRegularized(df / 2.0, Math.Max(chi, 0) / 2.0);
        return new KmoBartlett(sumR2 / (sumR2 + sumA2), perVariable, chi, df, pValue);
    }
}
