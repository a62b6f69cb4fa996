using Segmentation.Analytics.Randomness;

namespace Segmentation.Analytics.Statistics;

/// <summary>
/// The BG/NBD predictive distribution of every customer's purchases (and, with Gamma-Gamma, spend) in the next period
/// (T, T + t], mixed over parameter uncertainty, by simulation: per customer and simulation s, the parameters are draw
/// s mod B of <see cref="ParametricBootstrap"/>; given them and the history (x, t_x, T) the customer is alive with P(alive)
/// (Fader, Hardie &amp; Lee 2005, eq. 11); an alive customer's rate is λ | · ~ Gamma(r + x, α + T) and dropout probability
/// p | · ~ Beta(a, b + x) (the posterior: the history's likelihood given alive at T is λˣ e^(−λT) (1 − p)ˣ); purchases then
/// follow the model's process over the horizon (Poisson events, dropout with probability p after each). Spend per purchase is
/// Gamma(p_s, ν) with ν | x, z̄ ~ Gamma(q + p_s x, γ + x z̄) (the Gamma-Gamma posterior; x and z̄ of the repeat purchases).
/// </summary>
/// <remarks>
/// Sums over customers use the same parameter draw for every customer of one simulation, so a group total carries the
/// parameter uncertainty that its customers share (independent mixing per customer would understate it). Simulation s of
/// customer i draws from stream (seed, i, s): the results are identical for any thread count. Cost O(customers × simulations).
/// </remarks>
public sealed class HoldoutPredictiveSimulation
{
    private readonly ushort[]? _counts;

    private HoldoutPredictiveSimulation(int customers, int simulations, double horizon, ushort[]? counts, double[][] groupPurchases,
                                        double[][] groupBuyers, double[][]? groupRevenue)
    {
        Customers = customers;
        Simulations = simulations;
        Horizon = horizon;
        _counts = counts;
        GroupPurchases = groupPurchases;
        GroupBuyers = groupBuyers;
        GroupRevenue = groupRevenue;
    }

    /// <summary>Number of customers simulated.</summary>
    public int Customers { get; }

    /// <summary>Simulations per customer.</summary>
    public int Simulations { get; }

    /// <summary>Horizon t in the summary's time unit.</summary>
    public double Horizon { get; }

    /// <summary>Per group, the simulated total purchase occasions of each simulation (group × simulation).</summary>
    public IReadOnlyList<double[]> GroupPurchases { get; }

    /// <summary>Per group, the simulated number of customers with at least one purchase (group × simulation).</summary>
    public IReadOnlyList<double[]> GroupBuyers { get; }

    /// <summary>Per group, the simulated total spend (group × simulation); null without a spend model.</summary>
    public IReadOnlyList<double[]>? GroupRevenue { get; }

    /// <summary>Whether per-customer draws were kept (<see cref="CustomerInterval"/>, <see cref="CustomerMean"/>).</summary>
    public bool HasCustomerDraws => _counts is not null;

    /// <summary>
    /// Simulates the next <paramref name="horizon"/> time units for every customer of <paramref name="summary"/>.
    /// </summary>
    /// <param name="purchases">BG/NBD parameter draws (at least one; e.g. from <see cref="ParametricBootstrap"/>).</param>
    /// <param name="spend">Gamma-Gamma draws (same count or any count ≥ 1; draw s mod count), or null for purchases only.</param>
    /// <param name="summary">The calibration histories.</param>
    /// <param name="horizon">t &gt; 0 in the summary's time unit.</param>
    /// <param name="groups">Group index of every customer (−1 = in no group), or null for one group of everybody.</param>
    /// <param name="groupCount">Number of groups (1 when <paramref name="groups"/> is null).</param>
    /// <param name="simulations">Simulations per customer (≥ 10).</param>
    /// <param name="seed">Seed.</param>
    /// <param name="keepCustomerDraws">Keep every customer's simulated counts (memory 2 bytes × customers × simulations) for per-customer intervals.</param>
    public static HoldoutPredictiveSimulation Run(IReadOnlyList<BgNbdModel> purchases, IReadOnlyList<GammaGammaModel>? spend, CustomerSummary summary,
                                                  double horizon, int[]? groups, int groupCount, int simulations, int seed, bool keepCustomerDraws)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(summary);
        if (purchases.Count == 0) throw new ArgumentException("At least one parameter draw is required.", nameof(purchases));
        if (spend is { Count: 0 }) throw new ArgumentException("At least one spend parameter draw is required.", nameof(spend));
        if (!(horizon > 0) || !double.IsFinite(horizon)) throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "must be a positive finite number.");
        ArgumentOutOfRangeException.ThrowIfLessThan(simulations, 10);
        if (groups is null) groupCount = 1;
        ArgumentOutOfRangeException.ThrowIfLessThan(groupCount, 1);
        if (groups is not null && groups.Length != summary.Count)
            throw new ArgumentException($"groups has {groups.Length} values; the summary has {summary.Count} customers.", nameof(groups));
        int n = summary.Count;
        var counts = keepCustomerDraws ? new ushort[(long)n * simulations] : null;
        var gp = Enumerable.Range(0, groupCount).Select(_ => new double[simulations]).ToArray();
        var gb = Enumerable.Range(0, groupCount).Select(_ => new double[simulations]).ToArray();
        var gr = spend is null ? null : Enumerable.Range(0, groupCount).Select(_ => new double[simulations]).ToArray();
        Parallel.For(0, simulations, s =>
        {
            var bg = purchases[s % purchases.Count];
            var gg = spend?[s % spend.Count];
            for (int i = 0; i < n; i++)
            {
                int g = groups is null ? 0 : groups[i];
                var random = new StreamRandom(unchecked((ulong)seed), (ulong)i, (ulong)s, 0x5C);
                int x = summary.Frequency[i];
                double age = summary.Age[i];
                int bought = 0;
                if (random.NextDouble() < bg.ProbabilityAlive(x, summary.Recency[i], age))
                {
                    double lambda = random.Gamma(bg.R + x) / (bg.Alpha + age);
                    double ga = random.Gamma(bg.A), gbeta = random.Gamma(bg.B + x);
                    double p = ga / (ga + gbeta);
                    double t = 0;
                    while (lambda > 0)
                    {
                        t += -Math.Log(1 - random.NextDouble()) / lambda;
                        if (t > horizon) break;
                        bought++;
                        if (random.NextDouble() < p) break;
                    }
                }
                if (counts is not null) counts[(long)i * simulations + s] = (ushort)Math.Min(bought, ushort.MaxValue);
                if (g < 0) continue;
                gp[g][s] += bought;
                if (bought > 0)
                {
                    gb[g][s] += 1;
                    if (gg is not null)
                    {
                        double m = summary.MonetaryValue[i];
                        int xs = m > 0 ? x : 0;
                        double nu = random.Gamma(gg.Q + gg.P * xs) / (gg.Gamma + xs * (m > 0 ? m : 0));
                        gr![g][s] += random.Gamma(gg.P * bought) / nu;
                    }
                }
            }
        });
        return new HoldoutPredictiveSimulation(n, simulations, horizon, counts, gp, gb, gr);
    }

    /// <summary>Mean simulated purchases of customer <paramref name="index"/> (a Monte Carlo estimate of E[Y(t) | x, t_x, T] mixed over the draws).</summary>
    public double CustomerMean(int index)
    {
        var c = CountsOf(index);
        double sum = 0;
        foreach (ushort v in c) sum += v;
        return sum / c.Length;
    }

    /// <summary>
    /// The central predictive interval of customer <paramref name="index"/>'s purchase count at <paramref name="level"/> (e.g. 0.9:
    /// the empirical 5 % and 95 % quantiles of the simulated counts). A count is discrete, so the interval holds at least the
    /// level's probability (the coverage of [0, 0] for a customer with P(Y = 0) = 0.96 is 96 %).
    /// </summary>
    public (int Lower, int Upper) CustomerInterval(int index, double level)
    {
        CheckLevel(level);
        var sorted = CountsOf(index).ToArray();
        Array.Sort(sorted);
        var (lo, hi) = QuantileIndices(sorted.Length, level);
        return (sorted[lo], sorted[hi]);
    }

    /// <summary>The central interval at <paramref name="level"/> of a vector of simulated totals (empirical quantiles).</summary>
    public static (double Lower, double Upper) Interval(ReadOnlySpan<double> draws, double level)
    {
        CheckLevel(level);
        var sorted = draws.ToArray();
        Array.Sort(sorted);
        var (lo, hi) = QuantileIndices(sorted.Length, level);
        return (sorted[lo], sorted[hi]);
    }

    private ReadOnlySpan<ushort> CountsOf(int index)
    {
        if (_counts is null) throw new InvalidOperationException("The simulation was run without keepCustomerDraws.");
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Customers);
        return _counts.AsSpan((int)((long)index * Simulations), Simulations);
    }

    /// <summary>Indices of the (1 − level)/2 and (1 + level)/2 empirical quantiles of n sorted values.</summary>
    internal static (int Lower, int Upper) QuantileIndices(int n, double level)
    {
        int lo = (int)Math.Floor((1 - level) / 2 * n);
        int hi = (int)Math.Ceiling((1 + level) / 2 * n) - 1;
        return (Math.Clamp(lo, 0, n - 1), Math.Clamp(hi, 0, n - 1));
    }

    private static void CheckLevel(double level)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "must be in (0, 1).");
    }
}
