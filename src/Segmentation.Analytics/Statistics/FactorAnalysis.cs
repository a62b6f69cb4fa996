using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Statistics;

/// <summary>
/// Exploratory factor analysis by the principal-component method, with optional varimax rotation, to
/// condense many correlated variables into a few factors (check <see cref="KmoBartlett"/> first).
/// </summary>
/// <remarks>
/// R (correlation, or covariance when not standardising) = V Λ Vᵀ (symmetric eigen-decomposition,
/// eigenvalues descending). Unrotated loadings L = V_k Λ_k^½; rotated loadings L T with T orthogonal
/// from Kaiser's varimax (SVD iteration as R's <c>stats::varimax</c>). Communalities h²_j = Σ_f L²_jf
/// (rotation-invariant). Factor scores by the regression (Thomson) method F = Z R⁻¹ L T, which for
/// principal-component loadings is Z V_k Λ_k^−½ T (no inverse of R needed).
/// Factors are ordered by explained variance (descending) and signed so that each column of loadings sums ≥ 0.
/// </remarks>
public sealed class FactorAnalysis : IEstimator<FactorModel>
{
    /// <summary>Creates the estimator; <paramref name="options"/> defaults to <see cref="FactorAnalysisOptions"/>().</summary>
    public FactorAnalysis(FactorAnalysisOptions? options = null)
    {
        Options = options ?? new FactorAnalysisOptions();
        Options.Validate();
    }

    /// <summary>The options in use.</summary>
    public FactorAnalysisOptions Options { get; }

    /// <summary>Fits the factor model (the matrix is not modified).</summary>
    /// <exception cref="ArgumentException">Fewer than 3 rows, a value that is not finite, a constant column, or more factors than columns.</exception>
    public FactorModel Fit(FeatureMatrix data)
    {
        FeatureMatrix.CheckTrainingInput(data, nameof(data));
        if (data.Rows < 3) throw new ArgumentException($"At least 3 rows are required; got {data.Rows}.", nameof(data));
        int p = data.Columns;
        if (Options.Factors is int requested && requested > p)
            throw new ArgumentOutOfRangeException(nameof(Options.Factors), requested, $"Factors must be ≤ the number of columns ({p}).");
        var mean = ColumnMoments.Means(data);
        var cov = ColumnMoments.Covariance(data, mean);
        var scale = new double[p];
        double[,] m;
        if (Options.Standardize)
        {
            m = ColumnMoments.Correlation(cov, data.ColumnNames);
            for (int j = 0; j < p; j++) scale[j] = Math.Sqrt(cov[j, j]);
        }
        else
        {
            m = cov;
            Array.Fill(scale, 1.0);
        }

        var evd = Matrix<double>.Build.DenseOfArray(m).Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, p).OrderByDescending(i => evd.EigenValues[i].Real).ThenBy(i => i).ToArray();
        var eigenvalues = order.Select(i => evd.EigenValues[i].Real).ToArray();
        double trace = eigenvalues.Sum();
        int k = Options.Factors ?? Math.Max(1, eigenvalues.Count(v => v > (Options.Standardize ? 1.0 : trace / p)));
        if (eigenvalues[k - 1] <= 1e-12 * eigenvalues[0])
            throw new ArgumentException($"Eigenvalue {k} of the {(Options.Standardize ? "correlation" : "covariance")} matrix is zero: the columns are collinear; ask for fewer factors.", nameof(data));

        var loadings = new double[p, k];
        var weights = new double[p, k];  // V_k Λ_k^-½: score weights before rotation
        for (int f = 0; f < k; f++)
        {
            double root = Math.Sqrt(eigenvalues[f]);
            for (int j = 0; j < p; j++)
            {
                double v = evd.EigenVectors[j, order[f]];
                loadings[j, f] = v * root;
                weights[j, f] = v / root;
            }
        }
        int iterations = 0;
        if (Options.Rotation == FactorRotation.Varimax && k > 1)
        {
            var rotation = Varimax(loadings, Options.KaiserNormalization, Options.MaxIterations, Options.Tolerance, out iterations);
            loadings = Multiply(loadings, rotation);
            weights = Multiply(weights, rotation);
        }

        // order factors by explained variance, sign columns so that their loadings sum ≥ 0
        var variance = new double[k];
        for (int f = 0; f < k; f++) for (int j = 0; j < p; j++) variance[f] += loadings[j, f] * loadings[j, f];
        var factorOrder = Enumerable.Range(0, k).OrderByDescending(f => variance[f]).ThenBy(f => f).ToArray();
        var outLoadings = new double[p * k];
        var outWeights = new double[p * k];
        for (int f = 0; f < k; f++)
        {
            int src = factorOrder[f];
            double sum = 0;
            for (int j = 0; j < p; j++) sum += loadings[j, src];
            double sign = sum < 0 ? -1 : 1;
            for (int j = 0; j < p; j++) { outLoadings[j * k + f] = sign * loadings[j, src]; outWeights[j * k + f] = sign * weights[j, src]; }
        }
        var explained = factorOrder.Select(f => variance[f]).ToArray();
        var ratio = explained.Select(v => v / trace).ToArray();
        var cumulative = new double[k];
        for (int f = 0; f < k; f++) cumulative[f] = ratio[f] + (f > 0 ? cumulative[f - 1] : 0);
        var loadingRows = EquatableArray.Rows(outLoadings, k);
        var communalities = loadingRows.Select(row => row.Sum(v => v * v)).ToArray();
        return new FactorModel(data.ColumnNames.ToEquatableArray(), mean, scale, eigenvalues, loadingRows, communalities, explained, ratio, cumulative,
                               EquatableArray.Rows(outWeights, k), Options.Rotation, Options.Standardize, data.Rows, iterations);
    }

    /// <summary>
    /// Kaiser's varimax rotation matrix T (k × k) for loadings L (p × k), R's algorithm: repeat
    /// B = Xᵀ(Z³ − Z diag(Σ_j Z²)/p), Z = X T, T = U Vᵀ from the SVD of B, until Σ singular values grows by
    /// less than a relative <paramref name="tolerance"/>. X = L with rows divided by √h² when normalising.
    /// </summary>
    internal static double[,] Varimax(double[,] loadings, bool normalize, int maxIterations, double tolerance, out int iterations)
    {
        int p = loadings.GetLength(0), k = loadings.GetLength(1);
        var x = Matrix<double>.Build.DenseOfArray(loadings);
        if (normalize)
        {
            for (int j = 0; j < p; j++)
            {
                double h = Math.Sqrt(x.Row(j).Sum(v => v * v));
                if (h > 0) x.SetRow(j, x.Row(j) / h);
            }
        }
        var t = Matrix<double>.Build.DenseIdentity(k);
        double d = 0;
        iterations = 0;
        for (int it = 0; it < maxIterations; it++)
        {
            iterations = it + 1;
            var z = x * t;
            var colSq = Vector<double>.Build.Dense(k, c => z.Column(c).Sum(v => v * v) / p);
            var z3 = z.PointwisePower(3) - z * Matrix<double>.Build.DenseOfDiagonalVector(colSq);
            var b = x.TransposeThisAndMultiply(z3);
            var svd = b.Svd(true);
            t = svd.U * svd.VT;
            double dPast = d;
            d = svd.S.Sum();
            if (d < dPast * (1 + tolerance)) break;
        }
        return t.ToArray();
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), m = a.GetLength(1), q = b.GetLength(1);
        var c = new double[n, q];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < q; j++)
            {
                double acc = 0;
                for (int l = 0; l < m; l++) acc += a[i, l] * b[l, j];
                c[i, j] = acc;
            }
        return c;
    }
}
