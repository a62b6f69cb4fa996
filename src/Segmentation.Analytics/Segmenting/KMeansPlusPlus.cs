using Segmentation.Analytics.Randomness;
using System.Runtime.CompilerServices;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007; the greedy variant of scikit-learn's
/// <c>_kmeans_plusplus</c>): the first centre is a uniformly drawn row; each further centre is the best of
/// 2 + ⌊ln k⌋ candidates drawn with probability ∝ w_i·D(x_i)², "best" meaning the lowest resulting potential
/// Σ_i w_i·min(D(x_i)², ‖x_i − candidate‖²).
/// </summary>
internal static class KMeansPlusPlus
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] Seed(double[] x, double[] w, int n, int d, int k, ref StreamRandom random, ParallelOptions po)
    {
        var centres = new double[k * d];
        int trials = 2 + (int)Math.Log(k);
        int first = random.NextInt(n);
        Array.Copy(x, first * d, centres, 0, d);
        var closest = new double[n];
        RowChunks.For(n, po, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (_, start, end) =>
        {
            for (int i = start; i < end; i++) closest[i] = SquaredEuclidean.Distance(ref x[i * d], ref centres[0], d);
        });
        var cumulative = new double[n];
        int chunks = RowChunks.Count(n);
        var partial = new double[chunks * trials];
        for (int c = 1; c < k; c++)
        {
            double running = 0;
            for (int i = 0; i < n; i++) { running += w[i] * closest[i]; cumulative[i] = running; }
            double potential = running;
            var candidates = new int[trials];
            for (int t = 0; t < trials; t++)
            {
                double target = random.NextDouble() * potential;
                int idx = Array.BinarySearch(cumulative, target);
                if (idx < 0) idx = ~idx;
                else while (idx > 0 && cumulative[idx - 1] == target) idx--; // numpy searchsorted(side="left")
                candidates[t] = Math.Min(idx, n - 1);
            }
            Array.Clear(partial);
            // Every candidate's potential in one sweep of the rows (each row read once, not once per candidate); each candidate's sum
            // still adds its rows in row order, so the sums are those of one sweep per candidate.
            RowChunks.For(n, po, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk, start, end) =>
            {
                Span<double> sums = stackalloc double[trials];
                sums.Clear();
                for (int i = start; i < end; i++)
                {
                    ref double row = ref x[i * d];
                    double wi = w[i], ci = closest[i];
                    for (int t = 0; t < trials; t++)
                        sums[t] += wi * Math.Min(ci, SquaredEuclidean.Distance(ref row, ref x[candidates[t] * d], d));
                }
                for (int t = 0; t < trials; t++) partial[chunk * trials + t] = sums[t];
            });
            int bestTrial = 0;
            double bestPotential = double.PositiveInfinity;
            for (int t = 0; t < trials; t++)
            {
                double s = 0;
                for (int chunk = 0; chunk < chunks; chunk++) s += partial[chunk * trials + t];
                if (s < bestPotential) { bestPotential = s; bestTrial = t; }
            }
            int chosen = candidates[bestTrial];
            Array.Copy(x, chosen * d, centres, c * d, d);
            RowChunks.For(n, po, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (_, start, end) =>
            {
                for (int i = start; i < end; i++)
                    closest[i] = Math.Min(closest[i], SquaredEuclidean.Distance(ref x[i * d], ref x[chosen * d], d));
            });
        }
        return centres;
    }
}
