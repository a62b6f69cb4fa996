using Segmentation.Analytics.Randomness;

namespace Segmentation.Analytics.Statistics;

/// <summary>Draws customer histories from a BG/NBD model with known parameters (planted truth for tests and benchmarks).</summary>
public static class BgNbdSimulator
{
    /// <summary>
    /// For each age T: λ ~ Gamma(r, rate α), p ~ Beta(a, b); purchases follow a Poisson process of rate λ
    /// after the first purchase at time 0, and after each repeat purchase the customer drops out with
    /// probability p. Returns (x, t_x). Sequential and seeded (one <see cref="StreamRandom"/> stream): the same seed gives the
    /// same histories on every runtime.
    /// </summary>
    public static (int[] Frequency, double[] Recency) Simulate(double r, double alpha, double a, double b, ReadOnlySpan<double> age, int seed)
    {
        RequirePositive(r, alpha, a, b);
        var (x, tx, _) = Run(new StreamRandom(seed), r, alpha, a, b, age, 0);
        return (x, tx);
    }

    /// <summary>
    /// As <see cref="Simulate"/>, with each customer's process continued over a holdout of <paramref name="holdout"/> time units
    /// after their age T: returns the calibration history (x, t_x) and the purchases in (T, T + holdout] (planted truth for
    /// holdout tests: the model is true, so its predictive intervals should cover at their nominal rate).
    /// </summary>
    public static (int[] Frequency, double[] Recency, int[] Holdout) SimulateWithHoldout(double r, double alpha, double a, double b, ReadOnlySpan<double> age,
                                                                                       double holdout, int seed)
    {
        RequirePositive(r, alpha, a, b);
        if (!(holdout > 0) || !double.IsFinite(holdout)) throw new ArgumentOutOfRangeException(nameof(holdout), holdout, "must be a positive finite number.");
        return Run(new StreamRandom(seed, 1), r, alpha, a, b, age, holdout);
    }

    /// <summary>Each customer's process over (0, T + holdout]: λ ~ Gamma(r, α), p ~ Beta(a, b), exponential gaps, a drop-out
    /// chance p after every purchase; purchases up to T are the history (x, t_x), later ones the holdout count.</summary>
    private static (int[] Frequency, double[] Recency, int[] Holdout) Run(StreamRandom random, double r, double alpha, double a, double b,
                                                                         ReadOnlySpan<double> age, double holdout)
    {
        var x = new int[age.Length];
        var tx = new double[age.Length];
        var h = new int[age.Length];
        for (int i = 0; i < age.Length; i++)
        {
            double lambda = random.Gamma(r) / alpha;
            // Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
            double ga = random.Gamma(a), gb = random.Gamma(b);
            double p = ga / (ga + gb);
            double t = 0;
            while (true)
            {
                t += -Math.Log(1 - random.NextDouble()) / lambda;
                if (t > age[i] + holdout) break;
                if (t <= age[i]) { x[i]++; tx[i] = t; }
                else h[i]++;
                if (random.NextDouble() < p) break;
            }
        }
        return (x, tx, h);
    }

    private static void RequirePositive(double r, double alpha, double a, double b)
    {
        if (!(r > 0)) throw new ArgumentOutOfRangeException(nameof(r), r, "must be > 0.");
        if (!(alpha > 0)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must be > 0.");
        if (!(a > 0)) throw new ArgumentOutOfRangeException(nameof(a), a, "must be > 0.");
        if (!(b > 0)) throw new ArgumentOutOfRangeException(nameof(b), b, "must be > 0.");
    }
}
