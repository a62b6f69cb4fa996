using Segmentation.Analytics.Randomness;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007; the greedy variant of scikit-learn's
/// <c>_kmeans_plusplus</c>): the first centre is a uniformly drawn row; each further centre is the best of
/// 2 + ⌊ln k⌋ candidates drawn with probability ∝ w_i·D(x_i)², "best" meaning the lowest resulting potential
/// Σ_i w_i·min(D(x_i)², ‖x_i − candidate‖²).
/// </summary>
internal static class KMeansPlusPlus
{
    public static double[] Seed(double[] x, double[] w, int n, int d, int k, ref StreamRandom random, ParallelOptions po)
    {
        var centres = new double[k * d];
        int trials = 2 + (int)Math.Log(k);
        int first = random.NextInt(n);
        Array.Copy(x, first * d, centres, 0, d);
        var closest = new double[n];
        RowChunks.For(n, po, (_, start, end) =>
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
            RowChunks.For(n, po, (chunk, start, end) =>
            {
                for (int t = 0; t < trials; t++)
                {
                    int cand = candidates[t];
                    double s = 0;
                    for (int i = start; i < end; i++)
                        s += w[i] * Math.Min(closest[i], SquaredEuclidean.Distance(ref x[i * d], ref x[cand * d], d));
                    partial[chunk * trials + t] = s;
                }
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
            RowChunks.For(n, po, (_, start, end) =>
            {
                for (int i = start; i < end; i++)
                    closest[i] = Math.Min(closest[i], SquaredEuclidean.Distance(ref x[i * d], ref x[chosen * d], d));
            });
        }
        return centres;
    }
}
