using MathNet.Numerics.LinearAlgebra;

namespace Segmentation.Analytics.Statistics;

/// <summary>Standard errors from a numerical Hessian of the log-likelihood built from its analytic gradient.</summary>
internal static class LikelihoodHessian
{
    /// <summary>Gradient of the total log-likelihood at natural parameters θ, written into the span.</summary>
    public delegate void Gradient(ReadOnlySpan<double> theta, Span<double> gradient);

    /// <summary>
    /// √diag((−H)⁻¹) with H the Hessian of log L in the natural parameters, by central differences of the
    /// analytic gradient with relative step 1e−5 (error O(h²) ≈ 1e−10 relative, far below the
    /// uncertainty the standard errors express), symmetrised. NaN when −H is not positive definite.
    /// </summary>
    public static double[] StandardErrors(Gradient gradient, double[] theta) => Assess(gradient, theta).StandardErrors;

    /// <summary>The Hessian of log L at θ by central differences of the analytic gradient (relative step 1e−5), not yet symmetrised.</summary>
    private static double[,] Hessian(Gradient gradient, double[] theta)
    {
        int d = theta.Length;
        var h = new double[d, d];
        var plus = new double[d];
        var minus = new double[d];
        var point = new double[d];
        for (int j = 0; j < d; j++)
        {
            double step = 1e-5 * Math.Max(Math.Abs(theta[j]), 1e-8);
            Array.Copy(theta, point, d);
            point[j] = theta[j] + step;
            gradient(point, plus);
            point[j] = theta[j] - step;
            gradient(point, minus);
            for (int i = 0; i < d; i++) h[i, j] = (plus[i] - minus[i]) / (2 * step);
        }
        return h;
    }

    /// <summary>
    /// The asymptotic covariance of ln θ: (diag(θ)(−H)diag(θ))⁻¹, H the same central-difference Hessian as <see cref="Assess"/>;
    /// null when the information is not positive definite (the sampling distribution is then not defined).
    /// </summary>
    public static Matrix<double>? LogCovariance(Gradient gradient, double[] theta)
    {
        int d = theta.Length;
        var h = Hessian(gradient, theta);
        var logInfo = Matrix<double>.Build.Dense(d, d, (i, j) => -(h[i, j] + h[j, i]) / 2 * theta[i] * theta[j]);
        if (!logInfo.Enumerate().All(double.IsFinite)) return null;
        try
        {
            var cov = logInfo.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(d));
            return cov.Enumerate().All(double.IsFinite) ? (cov + cov.Transpose()) / 2 : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The standard errors as <see cref="StandardErrors"/>, whether −H is positive definite, and the condition number of the
    /// observed information in log-parameters, diag(θ)(−H)diag(θ) (scale-free, so a parameter in large units does not make
    /// the fit look ill-conditioned); null when its smallest eigenvalue is ≤ 0.
    /// </summary>
    public static (double[] StandardErrors, bool PositiveDefinite, double? ConditionNumber) Assess(Gradient gradient, double[] theta)
    {
        int d = theta.Length;
        var h = Hessian(gradient, theta);
        var info = Matrix<double>.Build.Dense(d, d, (i, j) => -(h[i, j] + h[j, i]) / 2);
        var se = new double[d];
        bool positiveDefinite = true;
        if (!info.Enumerate().All(double.IsFinite))
        {
            Array.Fill(se, double.NaN);
            return (se, false, null);
        }
        try
        {
            var chol = info.Cholesky();
            var cov = chol.Solve(Matrix<double>.Build.DenseIdentity(d));
            for (int i = 0; i < d; i++) se[i] = Math.Sqrt(cov[i, i]);
            if (!se.All(double.IsFinite)) { positiveDefinite = false; Array.Fill(se, double.NaN); }
        }
        catch (ArgumentException)
        {
            positiveDefinite = false;
            Array.Fill(se, double.NaN);
        }
        var logInfo = Matrix<double>.Build.Dense(d, d, (i, j) => info[i, j] * theta[i] * theta[j]);
        var eigen = logInfo.Evd(Symmetricity.Symmetric).EigenValues.Select(v => v.Real).ToArray();
        double min = eigen.Min(), max = eigen.Max();
        double? condition = min > 0 && double.IsFinite(max / min) ? max / min : null;
        return (se, positiveDefinite, condition);
    }
}
