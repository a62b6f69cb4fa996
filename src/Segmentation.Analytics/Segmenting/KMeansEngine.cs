using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Segmentation.Analytics.Segmenting;

/// <summary>The result of one k-means start.</summary>
internal sealed record KMeansRun(double[] Centres, int[] Labels, double Inertia, int Iterations, bool Converged);

/// <summary>
/// One k-means start from given centres: scikit-learn's <c>_kmeans_single_lloyd</c> loop (assign, update,
/// stop on unchanged labels or on total squared centre shift ≤ tolerance, then a final assignment so
/// labels match the returned centres), with the assignment step done by Lloyd, Hamerly or Elkan.
/// </summary>
/// <remarks>
/// Determinism: rows are processed in fixed chunks of <see cref="RowChunks.Size"/>; per-chunk centre sums
/// and inertia terms are combined in chunk order, so the bits do not depend on the thread count.
/// Empty clusters (scikit-learn's rule): each empty cluster takes the row farthest from its own centre
/// (largest first, lowest row index on ties); that row's weight moves out of its old cluster's sum.
/// </remarks>
internal sealed class KMeansEngine
{
    private readonly double[] x;
    private readonly double[] w;
    private readonly int n, d, k;
    private readonly ParallelOptions po;
    private readonly int chunks;
    private readonly double[][] chunkSums;
    private readonly double[][] chunkWeights;

    public KMeansEngine(double[] x, double[] weights, int rows, int dims, int clusters, ParallelOptions po)
    {
        this.x = x; w = weights; n = rows; d = dims; k = clusters; this.po = po;
        chunks = RowChunks.Count(n);
        chunkSums = new double[chunks][];
        chunkWeights = new double[chunks][];
        for (int c = 0; c < chunks; c++) { chunkSums[c] = new double[k * d]; chunkWeights[c] = new double[k]; }
    }

    /// <summary>Mean over columns of the (unweighted, population) column variances, as scikit-learn's <c>_tolerance</c>.</summary>
    public static double MeanVariance(double[] x, int n, int d)
    {
        double total = 0;
        var mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += x[i * d + j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        var ss = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) { double t = x[i * d + j] - mean[j]; ss[j] += t * t; }
        for (int j = 0; j < d; j++) total += ss[j] / n;
        return total / d;
    }

    public KMeansRun Run(double[] initialCentres, int maxIterations, double absoluteTolerance, KMeansAlgorithm algorithm, Action<int, double[], int[]>? onIteration = null)
    {
        if (algorithm == KMeansAlgorithm.Auto) algorithm = k >= 32 && d > 16 ? KMeansAlgorithm.Elkan : KMeansAlgorithm.Hamerly;
        if (k == 1) algorithm = KMeansAlgorithm.Lloyd;
        var centres = (double[])initialCentres.Clone();
        var next = new double[k * d];
        var labels = new int[n];
        var labelsOld = new int[n];
        Array.Fill(labelsOld, -1);
        var shift = new double[k];
        double[]? upper = null, lower = null, lowerAll = null;
        if (algorithm == KMeansAlgorithm.Hamerly) { upper = new double[n]; lower = new double[n]; }
        if (algorithm == KMeansAlgorithm.Elkan) { upper = new double[n]; lowerAll = new double[(long)n * k <= int.MaxValue ? n * k : throw new InvalidOperationException($"Elkan needs n·k lower bounds; {n}·{k} is too many: use Hamerly.")]; }

        bool strict = false, converged = false;
        int iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            bool first = iteration == 0;
            switch (algorithm)
            {
                case KMeansAlgorithm.Lloyd: AssignLloyd(centres, labels, accumulate: true); break;
                case KMeansAlgorithm.Hamerly: AssignHamerly(centres, labels, upper!, lower!, first, accumulate: true); break;
                default: AssignElkan(centres, labels, upper!, lowerAll!, first, accumulate: true); break;
            }
            Update(centres, next, labels);
            for (int j = 0; j < k; j++)
                shift[j] = Math.Sqrt(SquaredEuclidean.Distance(ref centres[j * d], ref next[j * d], d));
            if (algorithm == KMeansAlgorithm.Hamerly) MoveHamerlyBounds(labels, upper!, lower!, shift);
            if (algorithm == KMeansAlgorithm.Elkan) MoveElkanBounds(labels, upper!, lowerAll!, shift);
            (centres, next) = (next, centres);
            onIteration?.Invoke(iteration, centres, labels);
            if (labels.AsSpan().SequenceEqual(labelsOld)) { strict = true; converged = true; iteration++; break; }
            double total = 0;
            for (int j = 0; j < k; j++) total += shift[j] * shift[j];
            if (total <= absoluteTolerance) { converged = true; iteration++; break; }
            labels.AsSpan().CopyTo(labelsOld);
        }
        if (!strict)
        {
            switch (algorithm)
            {
                case KMeansAlgorithm.Hamerly: AssignHamerly(centres, labels, upper!, lower!, false, accumulate: false); break;
                case KMeansAlgorithm.Elkan: AssignElkan(centres, labels, upper!, lowerAll!, false, accumulate: false); break;
                default: AssignLloyd(centres, labels, accumulate: false); break;
            }
        }
        return new KMeansRun(centres, labels, Inertia(x, w, n, d, centres, labels, po), iteration, converged);
    }

    /// <summary>Σ_i w_i ‖x_i − c_{label(i)}‖², summed per chunk then in chunk order.</summary>
    public static double Inertia(double[] x, double[]? w, int n, int d, double[] centres, int[] labels, ParallelOptions po)
    {
        var partial = new double[RowChunks.Count(n)];
        RowChunks.For(n, po, (c, start, end) =>
        {
            double s = 0;
            for (int i = start; i < end; i++)
            {
                double di = SquaredEuclidean.Distance(ref x[i * d], ref centres[labels[i] * d], d);
                s += w is null ? di : w[i] * di;
            }
            partial[c] = s;
        });
        return RowChunks.SumInOrder(partial);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Accumulate(double[] sums, double[] weights, int i, int label)
    {
        double wi = w[i];
        weights[label] += wi;
        ref double s = ref sums[label * d];
        ref double row = ref x[i * d];
        int j = 0;
        if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
        {
            // Element-wise, so the same bits as the scalar loop (no fused multiply-add is formed).
            var wv = System.Runtime.Intrinsics.Vector256.Create(wi);
            for (; j <= d - 4; j += 4)
            {
                var sv = System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref s, (nuint)j) + wv * System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref row, (nuint)j);
                sv.StoreUnsafe(ref s, (nuint)j);
            }
        }
        for (; j < d; j++) Unsafe.Add(ref s, j) += wi * Unsafe.Add(ref row, j);
    }

    private void ClearChunk(int c)
    {
        Array.Clear(chunkSums[c]);
        Array.Clear(chunkWeights[c]);
    }

    private void AssignLloyd(double[] centres, int[] labels, bool accumulate)
    {
        var block = new CentreBlock(centres, k, d);
        RowChunks.For(n, po, (c, start, end) =>
        {
            if (accumulate) ClearChunk(c);
            var sums = chunkSums[c];
            var weights = chunkWeights[c];
            for (int i = start; i < end; i++)
            {
                int a = block.Nearest(ref x[i * d], out _);
                labels[i] = a;
                if (accumulate) Accumulate(sums, weights, i, a);
            }
        });
    }

    /// <summary>Half the distance from every centre to its nearest other centre (the s(j) of Hamerly and Elkan).</summary>
    private double[] HalfNearestCentre(double[] centres, double[]? pairwise)
    {
        var s = new double[k];
        Array.Fill(s, double.PositiveInfinity);
        for (int a = 0; a < k; a++)
            for (int b = a + 1; b < k; b++)
            {
                double dab = Math.Sqrt(SquaredEuclidean.Distance(ref centres[a * d], ref centres[b * d], d));
                if (pairwise is not null) { pairwise[a * k + b] = dab; pairwise[b * k + a] = dab; }
                if (dab < s[a]) s[a] = dab;
                if (dab < s[b]) s[b] = dab;
            }
        for (int a = 0; a < k; a++) s[a] *= 0.5;
        return s;
    }

    private void AssignHamerly(double[] centres, int[] labels, double[] upper, double[] lower, bool first, bool accumulate)
    {
        var s = first ? null : HalfNearestCentre(centres, null);
        var block = new CentreBlock(centres, k, d);
        RowChunks.For(n, po, (c, start, end) =>
        {
            if (accumulate) ClearChunk(c);
            var sums = chunkSums[c];
            var weights = chunkWeights[c];
            ref double c0 = ref centres[0];
            for (int i = start; i < end; i++)
            {
                ref double row = ref x[i * d];
                int a = labels[i];
                bool scan = first;
                if (!first)
                {
                    double m = Math.Max(s![a], lower[i]);
                    if (upper[i] > m)
                    {
                        upper[i] = Math.Sqrt(SquaredEuclidean.Distance(ref row, ref Unsafe.Add(ref c0, a * d), d));
                        scan = upper[i] > m;
                    }
                }
                if (scan)
                {
                    // Nearest and second nearest; lowest index wins ties, as in Lloyd.
                    a = block.NearestTwo(ref row, out double d1, out double d2);
                    labels[i] = a;
                    upper[i] = Math.Sqrt(d1);
                    lower[i] = Math.Sqrt(d2);
                }
                if (accumulate) Accumulate(sums, weights, i, a);
            }
        });
    }

    private void MoveHamerlyBounds(int[] labels, double[] upper, double[] lower, double[] shift)
    {
        int r1 = 0;
        for (int j = 1; j < k; j++) if (shift[j] > shift[r1]) r1 = j;
        double p2 = 0;
        for (int j = 0; j < k; j++) if (j != r1 && shift[j] > p2) p2 = shift[j];
        double p1 = shift[r1];
        RowChunks.For(n, po, (_, start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                int a = labels[i];
                upper[i] += shift[a];
                lower[i] -= a == r1 ? p2 : p1;
            }
        });
    }

    private void AssignElkan(double[] centres, int[] labels, double[] upper, double[] lower, bool first, bool accumulate)
    {
        var cc = new double[k * k];
        var s = HalfNearestCentre(centres, cc);
        RowChunks.For(n, po, (c, start, end) =>
        {
            if (accumulate) ClearChunk(c);
            var sums = chunkSums[c];
            var weights = chunkWeights[c];
            ref double c0 = ref centres[0];
            for (int i = start; i < end; i++)
            {
                ref double row = ref x[i * d];
                int lb = i * k;
                int a;
                if (first)
                {
                    a = 0;
                    double best = double.PositiveInfinity;
                    for (int j = 0; j < k; j++)
                    {
                        double dj = Math.Sqrt(SquaredEuclidean.Distance(ref row, ref Unsafe.Add(ref c0, j * d), d));
                        lower[lb + j] = dj;
                        if (dj < best) { best = dj; a = j; }
                    }
                    upper[i] = best;
                }
                else
                {
                    a = labels[i];
                    double u = upper[i];
                    if (u > s[a])
                    {
                        bool tight = false;
                        for (int j = 0; j < k; j++)
                        {
                            if (j == a) continue;
                            if (u <= lower[lb + j] || u <= 0.5 * cc[a * k + j]) continue;
                            if (!tight)
                            {
                                u = Math.Sqrt(SquaredEuclidean.Distance(ref row, ref Unsafe.Add(ref c0, a * d), d));
                                lower[lb + a] = u;
                                tight = true;
                                if (u <= lower[lb + j] || u <= 0.5 * cc[a * k + j]) continue;
                            }
                            double dj = Math.Sqrt(SquaredEuclidean.Distance(ref row, ref Unsafe.Add(ref c0, j * d), d));
                            lower[lb + j] = dj;
                            if (dj < u || (dj == u && j < a)) { a = j; u = dj; }
                        }
                        upper[i] = u;
                    }
                }
                labels[i] = a;
                if (accumulate) Accumulate(sums, weights, i, a);
            }
        });
    }

    private void MoveElkanBounds(int[] labels, double[] upper, double[] lower, double[] shift)
    {
        RowChunks.For(n, po, (_, start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                int lb = i * k;
                for (int j = 0; j < k; j++) lower[lb + j] = Math.Max(0, lower[lb + j] - shift[j]);
                upper[i] += shift[labels[i]];
            }
        });
    }

    /// <summary>New centres from the per-chunk sums (combined in chunk order), relocating empty clusters.</summary>
    private void Update(double[] centres, double[] next, int[] labels)
    {
        var weights = new double[k];
        Array.Clear(next);
        for (int c = 0; c < chunks; c++)
        {
            var cs = chunkSums[c];
            var cw = chunkWeights[c];
            for (int j = 0; j < k; j++) weights[j] += cw[j];
            for (int t = 0; t < k * d; t++) next[t] += cs[t];
        }
        int empty = 0;
        for (int j = 0; j < k; j++) if (weights[j] == 0) empty++;
        if (empty > 0) RelocateEmpty(centres, next, weights, labels, empty);
        for (int j = 0; j < k; j++)
        {
            if (weights[j] == 0) { Array.Copy(centres, j * d, next, j * d, d); continue; }
            double inv = 1.0 / weights[j];
            for (int t = 0; t < d; t++) next[j * d + t] *= inv;
        }
    }

    private void RelocateEmpty(double[] centres, double[] sums, double[] weights, int[] labels, int empty)
    {
        var dist = new double[n];
        RowChunks.For(n, po, (_, start, end) =>
        {
            for (int i = start; i < end; i++) dist[i] = SquaredEuclidean.Distance(ref x[i * d], ref centres[labels[i] * d], d);
        });
        var order = Enumerable.Range(0, n).OrderByDescending(i => dist[i]).ThenBy(i => i).Take(empty).ToArray();
        int next = 0;
        for (int j = 0; j < k && next < order.Length; j++)
        {
            if (weights[j] != 0) continue;
            int far = order[next++];
            int old = labels[far];
            double wf = w[far];
            for (int t = 0; t < d; t++)
            {
                sums[old * d + t] -= x[far * d + t] * wf;
                sums[j * d + t] = x[far * d + t] * wf;
            }
            weights[j] = wf;
            weights[old] -= wf;
        }
    }
}
