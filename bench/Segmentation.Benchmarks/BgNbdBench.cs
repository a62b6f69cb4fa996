using System.Diagnostics;
using System.Globalization;
using Segmentation.Analytics.Statistics;

namespace Segmentation.Benchmarks;

/// <summary>
/// BG/NBD maximum-likelihood fit on synthetic customers drawn from known parameters (the CDNOW estimates),
/// with continuous times (no two customers share a pattern: the worst case) and with day-granular times
/// (as a transaction log gives them, so identical (x, t_x, T) rows group). Args: [customers = 1000000] [seed = 1].
/// </summary>
public sealed class BgNbdBench : IBench
{
    public string Name => "bgnbd";

    public string Description => "BG/NBD fit on 1 M synthetic customers from known r, α, a, b (target ≤ 10 s on 2 cores)";

    public void Run(string[] args, TextWriter output)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        int seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        const double r = 0.243, alpha = 4.414, a = 0.793, b = 2.426;
        var inv = CultureInfo.InvariantCulture;

        var sw = Stopwatch.StartNew();
        // first purchases spread over a 12-week cohort, calibration ends at week 52: ages T in (40, 52] weeks, whole days
        var random = new Random(seed);
        var age = new double[n];
        for (int i = 0; i < n; i++) age[i] = (364 - random.Next(0, 84)) / 7.0;
        var (x, tx) = BgNbdSimulator.Simulate(r, alpha, a, b, age, seed + 1);
        output.WriteLine(string.Create(inv, $"   generated {n:N0} customers in {sw.Elapsed.TotalSeconds:F2} s (truth r = {r}, alpha = {alpha}, a = {a}, b = {b}); {x.Count(v => v > 0):N0} repeat buyers, mean x = {x.Average():F3}"));

        // continuous recency: every customer is its own pattern
        Fit("continuous t_x", x, tx, age, output);

        // day-granular recency (rounded to the nearest day; never beyond T, a whole number of days): identical patterns group
        var txDays = tx.Select(v => Math.Round(v * 7) / 7).ToArray();
        Fit("day-granular t_x", x, txDays, age, output);

        void Fit(string label, int[] fx, double[] ftx, double[] fT, TextWriter w)
        {
            var timer = Stopwatch.StartNew();
            var model = new BgNbdFitter().Fit(fx, ftx, fT);
            double seconds = timer.Elapsed.TotalSeconds;
            var patterns = fx.Zip(ftx, fT).Distinct().Count();
            w.WriteLine(string.Create(inv, $"   {label}: fit {seconds:F2} s ({Environment.ProcessorCount} cores, {patterns:N0} distinct patterns, {model.Iterations} BFGS iterations over 3 starts, converged {model.Converged}), log-likelihood {model.LogLikelihood:F1}"));
            foreach (var p in model.Parameters)
            {
                double truth = p.Name switch { "r" => r, "alpha" => alpha, "a" => a, _ => b };
                w.WriteLine(string.Create(inv, $"      {p.Name,-6} {p.Value,9:F4}  (se {p.StandardError:F4}; truth {truth}; z = {(p.Value - truth) / p.StandardError:F2})"));
            }
        }
    }
}
