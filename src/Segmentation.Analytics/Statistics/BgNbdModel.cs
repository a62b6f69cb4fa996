using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using MathNet.Numerics;

namespace Segmentation.Analytics.Statistics;

/// <summary>
/// A fitted BG/NBD model (Fader, Hardie &amp; Lee 2005): purchase rate λ ~ Gamma(shape r, rate α), dropout
/// probability after each purchase p ~ Beta(a, b). Times are in the unit of the data it was fitted on.
/// </summary>
/// <param name="R">Shape r of the Gamma distribution of purchase rates.</param>
/// <param name="Alpha">Rate α of the Gamma distribution (in the data's time unit).</param>
/// <param name="A">Beta parameter a of the dropout probability.</param>
/// <param name="B">Beta parameter b of the dropout probability.</param>
/// <param name="StandardErrors">Standard errors of (r, α, a, b); NaN when the fit is not identified (<see cref="Diagnostics"/>).</param>
/// <param name="LogLikelihood">Maximised log-likelihood ln L (CDNOW sample: −9582.4).</param>
/// <param name="Customers">Number of customers fitted (sum of weights).</param>
/// <param name="Iterations">BFGS iterations over all starts.</param>
/// <param name="Converged">Whether the best start met the gradient tolerance.</param>
public sealed record BgNbdModel(double R, double Alpha, double A, double B, EquatableArray<double> StandardErrors,
                                double LogLikelihood, double Customers, int Iterations, bool Converged) : FittedModel<BgNbdModel>
{
    /// <summary>
    /// Whether the fit identified its parameters (no estimate at 0 or ∞, information matrix positive definite and well
    /// conditioned); null for a model built by hand or loaded from a file written before diagnostics existed.
    /// </summary>
    public FitDiagnostics? Diagnostics { get; init; }

    /// <summary>
    /// True unless <see cref="Diagnostics"/> says the fit is not identified. When false (e.g. a → 0, b → ∞ on data where
    /// nobody is seen to drop out), P(alive) is 1 or near it for everyone by construction and must not be used as a churn signal.
    /// </summary>
    [JsonIgnore]
    public bool ProbabilityAliveIsInformative => Diagnostics?.Identified ?? true;

    /// <summary>The four parameters with standard errors and Wald 95 % intervals.</summary>
    [JsonIgnore]
    public IReadOnlyList<ParameterEstimate> Parameters =>
    [
        new("r", R, StandardErrors[0]), new("alpha", Alpha, StandardErrors[1]),
        new("a", A, StandardErrors[2]), new("b", B, StandardErrors[3]),
    ];

    /// <summary>
    /// E[X(t)]: expected repeat purchases in (0, t] of a customer who has just made a first purchase (eq. 9):
    /// (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
    /// </summary>
    /// <remarks>Evaluated through Euler's transformation as (a+b−1)/(a−1) · [1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b−1; z)], z = t/(α+t).</remarks>
    public double ExpectedPurchases(double t)
    {
        CheckTime(t, nameof(t));
        return ConditionalCore(t, 0, 0, 0, alive: 1.0);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T]: expected repeat purchases in (T, T + t] of a customer with history (x, t_x, T) (eq. 10):
    /// (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / [1 + δ(x&gt;0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)].
    /// Fader–Hardie's example: x = 2, t_x = 30.43, T = 38.86, t = 39 weeks → 1.226.
    /// </summary>
    /// <remarks>
    /// The bracket is computed as 1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z), z = t/(α+T+t) (Euler's
    /// transformation), which stays of order one for any x; the denominator is 1 / P(alive).
    /// </remarks>
    public double ConditionalExpectedPurchases(double t, int frequency, double recency, double age)
    {
        CheckTime(t, nameof(t));
        CheckHistory(frequency, recency, age);
        return ConditionalCore(t, frequency, recency, age, ProbabilityAlive(frequency, recency, age));
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] / P(alive | x, t_x, T): the expected purchases of a customer known to be alive, which depends on (x, T)
    /// only. Times <see cref="ProbabilityAlive(int, double, double)"/> it is exactly <see cref="ConditionalExpectedPurchases(double, int, double, double)"/>
    /// (the same floating-point operations), so callers evaluating many customers at many horizons compute it once per distinct (x, T).
    /// </summary>
    internal double ConditionalExpectedPurchasesIfAlive(double t, int frequency, double age)
    {
        CheckTime(t, nameof(t));
        return ConditionalCore(t, frequency, 0, age, alive: 1.0);
    }

    /// <summary>E[Y(t) | x, t_x, T] for every customer (arrays not modified).</summary>
    public double[] ConditionalExpectedPurchases(double t, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age)
    {
        CheckTime(t, nameof(t));
        CheckLengths(frequency, recency, age);
        var result = new double[frequency.Length];
        for (int i = 0; i < result.Length; i++) result[i] = ConditionalExpectedPurchases(t, frequency[i], recency[i], age[i]);
        return result;
    }

    /// <summary>
    /// P(alive | x, t_x, T) = 1 / (1 + δ(x&gt;0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)) (Fader, Hardie &amp; Lee 2005, eq. 11;
    /// Hardie's note 021). Customers without repeat purchases are alive with probability 1 under BG/NBD
    /// (dropout only happens right after a purchase).
    /// </summary>
    public double ProbabilityAlive(int frequency, double recency, double age)
    {
        CheckHistory(frequency, recency, age);
        if (frequency == 0) return 1.0;
        double logOdds = Math.Log(A / (B + frequency - 1)) + (R + frequency) * Math.Log((Alpha + age) / (Alpha + recency));
        return 1.0 / (1.0 + Math.Exp(logOdds));
    }

    /// <summary>E[Y(t) | x, t_x, T] for every customer of <paramref name="summary"/>, t in the summary's time unit.</summary>
    public double[] ConditionalExpectedPurchases(double t, CustomerSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return ConditionalExpectedPurchases(t, summary.Frequency, summary.Recency, summary.Age);
    }

    /// <summary>P(alive) for every customer of <paramref name="summary"/>.</summary>
    public double[] ProbabilityAlive(CustomerSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return ProbabilityAlive(summary.Frequency, summary.Recency, summary.Age);
    }

    /// <summary>P(alive) for every customer (arrays not modified).</summary>
    public double[] ProbabilityAlive(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age)
    {
        CheckLengths(frequency, recency, age);
        var result = new double[frequency.Length];
        for (int i = 0; i < result.Length; i++) result[i] = ProbabilityAlive(frequency[i], recency[i], age[i]);
        return result;
    }

    /// <summary>
    /// P(X(t) = n): probability that a new customer makes exactly n repeat purchases in (0, t] (eq. 8):
    /// B(a, b+n)/B(a, b) · Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n
    /// + δ(n&gt;0) B(a+1, b+n−1)/B(a, b) · [1 − (α/(α+t))^r Σ_{j&lt;n} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j].
    /// </summary>
    public double ProbabilityOfPurchases(double t, int n)
    {
        CheckTime(t, nameof(t));
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        double lnBeta = SpecialFunctions.BetaLn(A, B);
        double lnGammaR = SpecialFunctions.GammaLn(R);
        double lnP0 = R * Math.Log(Alpha / (Alpha + t));
        if (t == 0) return n == 0 ? 1.0 : 0.0;
        double lnZ = Math.Log(t / (Alpha + t));
        double first = Math.Exp(SpecialFunctions.BetaLn(A, B + n) - lnBeta + SpecialFunctions.GammaLn(R + n) - lnGammaR
                                - SpecialFunctions.FactorialLn(n) + lnP0 + n * lnZ);
        if (n == 0) return first;
        double sum = 0;
        for (int j = 0; j < n; j++)
            sum += Math.Exp(SpecialFunctions.GammaLn(R + j) - lnGammaR - SpecialFunctions.FactorialLn(j) + lnP0 + j * lnZ);
        return first + Math.Exp(SpecialFunctions.BetaLn(A + 1, B + n - 1) - lnBeta) * (1 - sum);
    }

    /// <summary>Culture-invariant summary in the style of lifetimes' <c>summary</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"BG/NBD model (Fader, Hardie & Lee 2005): {Customers:G} customers, log-likelihood {LogLikelihood:F4}, {(Converged ? "converged" : "NOT converged")} after {Iterations} iterations\n");
        sb.Append("  parameter        value     std.err    lower 95%    upper 95%\n");
        foreach (var p in Parameters)
            sb.Append(CultureInfo.InvariantCulture, $"  {p.Name,-9} {p.Value,12:F6} {p.StandardError,11:F6} {p.Lower95,12:F6} {p.Upper95,12:F6}\n");
        if (Diagnostics is { } d) sb.Append("  diagnostics: ").Append(d).Append('\n');
        return sb.ToString();
    }

    private double ConditionalCore(double t, int x, double recency, double age, double alive)
    {
        if (t == 0) return 0.0;
        double z = t / (Alpha + age + t);
        double f = Hypergeometric.Hyp2F1(A + B - 1 - R, A - 1, A + B + x - 1, z);
        double bracket = 1 - Math.Pow(1 - z, A - 1) * f;
        return (A + B + x - 1) / (A - 1) * bracket * alive;
    }

    private static void CheckTime(double t, string name)
    {
        if (!(t >= 0) || !double.IsFinite(t)) throw new ArgumentOutOfRangeException(name, t, "The horizon must be a finite number ≥ 0.");
    }

    private static void CheckHistory(int frequency, double recency, double age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frequency);
        if (!(age > 0) || !double.IsFinite(age)) throw new ArgumentOutOfRangeException(nameof(age), age, "age T must be a positive finite number.");
        if (!(recency >= 0) || recency > age * (1 + 1e-12))
            throw new ArgumentOutOfRangeException(nameof(recency), recency, $"recency must be in [0, age = {age}].");
    }

    private static void CheckLengths(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age)
    {
        if (recency.Length != frequency.Length)
            throw new ArgumentException($"recency has {recency.Length} values; frequency has {frequency.Length}.", nameof(recency));
        if (age.Length != frequency.Length)
            throw new ArgumentException($"age has {age.Length} values; frequency has {frequency.Length}.", nameof(age));
    }
}
