namespace Segmentation.Analytics.Statistics;

/// <summary>
/// Fits the BG/NBD model of repeat purchasing (Fader, Hardie &amp; Lee 2005, "Counting your customers the
/// easy way", Marketing Science 24(2):275–284) by maximum likelihood.
/// </summary>
/// <remarks>
/// Model: while alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after every
/// purchase they drop out with probability p ~ Beta(a, b). Data per customer: x = repeat purchases
/// (frequency), t_x = time of the last repeat purchase (recency), T = time since the first purchase
/// (age), all measured from the first purchase in one time unit (weeks in the paper).
/// The likelihood is maximised over (ln r, ln α, ln a, ln b) by BFGS with the analytic gradient from
/// several starts; times are rescaled so that max T = 10 during the search (as lifetimes does) for
/// conditioning, and α is scaled back. Standard errors come from a central-difference Hessian of the
/// analytic gradient. Identical (x, t_x, T) rows are grouped (weights add), which changes nothing but speed.
/// A fit that runs to the edge of the parameter space (e.g. a → 0, b → ∞ when nobody is seen to drop out) or whose
/// information matrix is singular is returned, not thrown: its <see cref="BgNbdModel.Diagnostics"/> say which parameter hit
/// which bound and the condition number, and its standard errors are NaN.
/// </remarks>
public sealed class BgNbdFitter : IEstimator<CustomerSummary, BgNbdModel>
{
    /// <summary>Creates a fitter; <paramref name="options"/> defaults to <see cref="BgNbdOptions"/>().</summary>
    public BgNbdFitter(BgNbdOptions? options = null)
    {
        Options = options ?? new BgNbdOptions();
        Options.Validate();
    }

    /// <summary>The options in use.</summary>
    public BgNbdOptions Options { get; }

    /// <summary>Fits the model to a customer summary (frequency, recency, age in its time unit; not modified).</summary>
    /// <exception cref="ArgumentException">As the array overload; the parameter named is <paramref name="summary"/>.</exception>
    public BgNbdModel Fit(CustomerSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return CompositeInput.Fit(nameof(summary), ["frequency", "recency", "age"], () => Fit(summary.Frequency, summary.Recency, summary.Age));
    }

    /// <summary>Fits the model to per-customer arrays (not modified).</summary>
    /// <param name="frequency">x ≥ 0: repeat purchases.</param>
    /// <param name="recency">t_x: time of the last repeat purchase since the first purchase; 0 when x = 0; t_x ≤ T.</param>
    /// <param name="age">T &gt; 0: time from the first purchase to the end of the calibration period.</param>
    /// <param name="weights">Optional number of customers sharing each row (&gt; 0); empty = 1 each.</param>
    /// <exception cref="ArgumentException">Lengths differ, a value is out of range (the message names the row), or no customer repeats.</exception>
    public BgNbdModel Fit(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> weights = default)
    {
        Validate(frequency, recency, age, weights);
        double maxAge = 0;
        foreach (double t in age) maxAge = Math.Max(maxAge, t);
        double scale = 10.0 / maxAge;
        var likelihood = BgNbdLikelihood.Create(frequency, recency, age, weights, scale);
        double n = likelihood.TotalWeight;

        // Each start evaluates with buffers of its own (the first with the likelihood's).
        QuasiNewtonMinimizer.Objective Objective(int start)
        {
            var own = start == 0 ? likelihood : likelihood.WithOwnBuffers();
            return (logParams, grad) =>
            {
                double r = Math.Exp(logParams[0]), alpha = Math.Exp(logParams[1]), a = Math.Exp(logParams[2]), b = Math.Exp(logParams[3]);
                Span<double> g = stackalloc double[4];
                double ll = own.Evaluate(r, alpha, a, b, g);
                if (!double.IsFinite(ll)) return double.PositiveInfinity;
                grad[0] = -g[0] * r / n; grad[1] = -g[1] * alpha / n; grad[2] = -g[2] * a / n; grad[3] = -g[3] * b / n;
                return -ll / n;
            };
        }
        var (best, iterations) = QuasiNewtonMinimizer.MinimizeFromStarts(Objective, 4, Options.Starts, Options.Seed, Options.MaxIterations, Options.Tolerance);

        var theta = best.Point.Select(Math.Exp).ToArray();
        double logLikelihood = likelihood.Evaluate(theta[0], theta[1], theta[2], theta[3], default);
        double sumX = 0;
        for (int i = 0; i < frequency.Length; i++) sumX += frequency[i] * (weights.IsEmpty ? 1.0 : weights[i]);
        // ℓ in the original time unit = ℓ at scaled times + Σ x ln(scale) (the Jacobian of t → scale·t).
        logLikelihood += sumX * Math.Log(scale);
        var (se, positiveDefinite, condition) = LikelihoodHessian.Assess(
            (p, g) => likelihood.Evaluate(p[0], p[1], p[2], p[3], g), theta);
        var diagnostics = FitDiagnostics.Create(["r", "alpha", "a", "b"], theta, [theta[0], theta[1] / scale, theta[2], theta[3]],
            positiveDefinite, condition, Meaning);
        if (!diagnostics.Identified) Array.Fill(se, double.NaN);
        return new BgNbdModel(
            R: theta[0], Alpha: theta[1] / scale, A: theta[2], B: theta[3],
            StandardErrors: [se[0], se[1] / scale, se[2], se[3]],
            LogLikelihood: logLikelihood, Customers: n, Iterations: iterations, Converged: best.Converged) { Diagnostics = diagnostics };
    }

    /// <summary>What a fit that is not identified means for its use.</summary>
    private static string Meaning(IReadOnlyList<ParameterBound> bounds)
    {
        if (bounds.Any(b => (b.Name == "a" && b.Limit == ParameterLimit.Zero) || (b.Name == "b" && b.Limit == ParameterLimit.Infinity)))
            return "no drop-out identified (the dropout probability p ~ Beta(a, b) has mean a/(a+b) → 0) — P(alive) is not informative";
        if (bounds.Any(b => b.Name is "a" or "b"))
            return "the drop-out process is not identified — P(alive) is not informative";
        if (bounds.Count > 0)
            return "the distribution of purchase rates is not identified — expected purchases and P(alive) are not informative";
        return "the likelihood is flat in some direction (singular or ill-conditioned information matrix): standard errors are undefined and P(alive) is not informative";
    }

    internal static void Validate(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> weights)
    {
        if (frequency.Length == 0) throw new ArgumentException("At least one customer is required.", nameof(frequency));
        if (recency.Length != frequency.Length)
            throw new ArgumentException($"recency has {recency.Length} values; frequency has {frequency.Length}.", nameof(recency));
        if (age.Length != frequency.Length)
            throw new ArgumentException($"age has {age.Length} values; frequency has {frequency.Length}.", nameof(age));
        if (!weights.IsEmpty && weights.Length != frequency.Length)
            throw new ArgumentException($"weights has {weights.Length} values; frequency has {frequency.Length}.", nameof(weights));
        bool anyRepeat = false;
        for (int i = 0; i < frequency.Length; i++)
        {
            if (frequency[i] < 0)
                throw new ArgumentOutOfRangeException(nameof(frequency), frequency[i], $"Row {i}: frequency must be ≥ 0.");
            if (!(age[i] > 0) || !double.IsFinite(age[i]))
                throw new ArgumentOutOfRangeException(nameof(age), age[i], $"Row {i}: age T must be a positive finite number.");
            if (!(recency[i] >= 0) || recency[i] > age[i] * (1 + 1e-12))
                throw new ArgumentOutOfRangeException(nameof(recency), recency[i], $"Row {i}: recency must be in [0, age = {age[i]}].");
            if (frequency[i] == 0 && recency[i] != 0)
                throw new ArgumentOutOfRangeException(nameof(recency), recency[i], $"Row {i}: recency must be 0 when frequency is 0.");
            if (!weights.IsEmpty && (!(weights[i] > 0) || !double.IsFinite(weights[i])))
                throw new ArgumentOutOfRangeException(nameof(weights), weights[i], $"Row {i}: weights must be positive and finite.");
            anyRepeat |= frequency[i] > 0;
        }
        if (!anyRepeat) throw new ArgumentException("No customer has a repeat purchase; the dropout process cannot be estimated.", nameof(frequency));
    }
}
