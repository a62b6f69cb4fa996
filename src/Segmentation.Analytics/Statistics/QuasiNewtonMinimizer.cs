namespace Segmentation.Analytics.Statistics;

/// <summary>Outcome of a minimisation: the point, the objective there, iterations used and whether the gradient test passed.</summary>
internal sealed record MinimizationResult(double[] Point, double Value, int Iterations, bool Converged);

/// <summary>
/// BFGS quasi-Newton minimiser with a backtracking (Armijo, quadratic interpolation) line search, for the small, smooth,
/// unconstrained problems of this namespace (log-parameterised likelihoods, 3–4 parameters).
/// </summary>
/// <remarks>
/// Nocedal &amp; Wright (2006), Numerical Optimization, Algorithm 6.1. The inverse-Hessian update is
/// skipped when the curvature condition sᵀy &gt; 0 fails, so the approximation stays positive definite.
/// Deterministic: no randomness, and the objective is expected to be deterministic too.
/// </remarks>
internal static class QuasiNewtonMinimizer
{
    /// <summary>The objective: writes the gradient into <c>gradient</c> and returns the value (may be +∞ outside the domain).</summary>
    public delegate double Objective(ReadOnlySpan<double> point, Span<double> gradient);

    /// <summary>
    /// The best of <paramref name="starts"/> minimisations, as the likelihood fits choose it: the first start at the origin, the
    /// others drawn from <paramref name="seed"/>'s stream (uniform in [−2, 2) per coordinate, start after start); a later start wins
    /// only when its value is lower by more than 1e-12. The starts are independent and run side by side, each with its own objective
    /// (<paramref name="objective"/>(s): one whose buffers no other start uses), so the result and the summed iterations are those of
    /// the starts run one after another; the cores are not left waiting on one start's sequential steps.
    /// </summary>
    public static (MinimizationResult Best, int Iterations) MinimizeFromStarts(Func<int, Objective> objective, int dimensions, int starts, int seed,
        int maxIterations, double tolerance)
    {
        var random = new Randomness.StreamRandom(seed);
        var points = new double[starts][];
        for (int s = 0; s < starts; s++)
        {
            points[s] = new double[dimensions];
            if (s > 0) for (int j = 0; j < dimensions; j++) points[s][j] = random.NextDouble() * 4 - 2;
        }
        var results = new MinimizationResult[starts];
        if (starts == 1) results[0] = Minimize(objective(0), points[0], maxIterations, tolerance);
        else Parallel.For(0, starts, s => results[s] = Minimize(objective(s), points[s], maxIterations, tolerance));
        MinimizationResult? best = null;
        int iterations = 0;
        foreach (var result in results)
        {
            iterations += result.Iterations;
            if (best is null || result.Value < best.Value - 1e-12) best = result;
        }
        return (best!, iterations);
    }

    public static MinimizationResult Minimize(Objective f, double[] start, int maxIterations, double tolerance)
    {
        int d = start.Length;
        var x = (double[])start.Clone();
        var g = new double[d];
        double fx = f(x, g);
        if (!double.IsFinite(fx)) return new MinimizationResult(x, fx, 0, false);
        var h = Identity(d);
        var p = new double[d];
        var xNew = new double[d];
        var gNew = new double[d];
        var s = new double[d];
        var y = new double[d];
        for (int iter = 1; iter <= maxIterations; iter++)
        {
            if (MaxAbs(g) < tolerance) return new MinimizationResult(x, fx, iter - 1, true);
            for (int i = 0; i < d; i++)
            {
                double acc = 0;
                for (int j = 0; j < d; j++) acc -= h[i, j] * g[j];
                p[i] = acc;
            }
            double slope = Dot(p, g);
            if (slope >= 0)
            {
                // Lost descent (round-off): restart from steepest descent.
                h = Identity(d);
                for (int i = 0; i < d; i++) p[i] = -g[i];
                slope = Dot(p, g);
            }
            // Cap the step so one iteration never moves a log-parameter by more than 5 (a factor e⁵).
            double pMax = MaxAbs(p);
            double step = pMax > 5 ? 5 / pMax : 1.0;
            double fNew = double.NaN;
            bool accepted = false;
            for (int k = 0; k < 60; k++)
            {
                for (int i = 0; i < d; i++) xNew[i] = x[i] + step * p[i];
                fNew = f(xNew, gNew);
                if (double.IsFinite(fNew) && fNew <= fx + 1e-4 * step * slope) { accepted = true; break; }
                // Minimiser of the quadratic through f(0), f'(0) and f(step) (Nocedal & Wright eq. 3.57),
                // kept within [0.1, 0.5] × step; outside the domain (f = +∞) shrink by 10.
                if (double.IsFinite(fNew))
                {
                    double trial = -slope * step * step / (2 * (fNew - fx - slope * step));
                    step = Math.Clamp(trial, 0.1 * step, 0.5 * step);
                }
                else step *= 0.1;
            }
            if (!accepted)
                return new MinimizationResult(x, fx, iter, MaxAbs(g) < Math.Sqrt(tolerance));
            for (int i = 0; i < d; i++) { s[i] = xNew[i] - x[i]; y[i] = gNew[i] - g[i]; }
            double sy = Dot(s, y);
            double change = fx - fNew;
            Array.Copy(xNew, x, d);
            Array.Copy(gNew, g, d);
            fx = fNew;
            if (sy > 1e-300)
            {
                if (iter == 1)
                {
                    // Scale the first inverse Hessian (Nocedal & Wright eq. 6.20).
                    double scale = sy / Dot(y, y);
                    for (int i = 0; i < d; i++) h[i, i] = scale;
                }
                UpdateInverseHessian(h, s, y, sy);
            }
            if (MaxAbs(g) < tolerance) return new MinimizationResult(x, fx, iter, true);
            if (change >= 0 && change <= 1e-16 * Math.Max(1, Math.Abs(fx)) && MaxAbs(s) < 1e-14)
                return new MinimizationResult(x, fx, iter, MaxAbs(g) < Math.Sqrt(tolerance));
        }
        return new MinimizationResult(x, fx, maxIterations, MaxAbs(g) < tolerance);
    }

    private static void UpdateInverseHessian(double[,] h, double[] s, double[] y, double sy)
    {
        int d = s.Length;
        double rho = 1 / sy;
        var hy = new double[d];
        for (int i = 0; i < d; i++)
        {
            double acc = 0;
            for (int j = 0; j < d; j++) acc += h[i, j] * y[j];
            hy[i] = acc;
        }
        double yhy = Dot(y, hy);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                h[i, j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
    }

    private static double[,] Identity(int d)
    {
        var m = new double[d, d];
        for (int i = 0; i < d; i++) m[i, i] = 1;
        return m;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double acc = 0;
        for (int i = 0; i < a.Length; i++) acc += a[i] * b[i];
        return acc;
    }

    private static double MaxAbs(ReadOnlySpan<double> a)
    {
        double m = 0;
        foreach (double v in a) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}
