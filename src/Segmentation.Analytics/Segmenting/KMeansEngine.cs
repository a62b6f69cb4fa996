using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
/// <para>
/// Hamerly reads only each row's label and two single-precision bounds (<see cref="HamerlyBounds"/>) per iteration;
/// a row's data are read only when its bounds fail. With unit weights each chunk keeps its centre sums across
/// iterations and updates them only for the rows that change cluster (as in Hamerly 2010); Lloyd, Elkan and
/// weighted Hamerly recompute the sums every iteration. The first pass of a start also computes the column
/// moments for the tolerance while each chunk is in cache; the final assignment and the inertia are one pass.
/// </para>
/// </remarks>
internal sealed class KMeansEngine
{
    private readonly double[] x;
    private readonly double[]? w; // null: every weight is 1
    private readonly int n, d, k;
    private readonly ParallelOptions po;
    private readonly int chunks;
    private readonly double[][] chunkSums;
    private readonly double[][] chunkWeights;
    private readonly int[] chunkChanged;
    private readonly double[] chunkInertia;

    /// <summary>An engine over row-major data <paramref name="x"/> (rows × dims) for k = clusters; <paramref name="weights"/> null means unit weights.</summary>
    public KMeansEngine(double[] x, double[]? weights, int rows, int dims, int clusters, ParallelOptions po)
    {
        this.x = x; w = weights; n = rows; d = dims; k = clusters; this.po = po;
        chunks = RowChunks.Count(n);
        chunkSums = new double[chunks][];
        chunkWeights = new double[chunks][];
        chunkChanged = new int[chunks];
        chunkInertia = new double[chunks];
        for (int c = 0; c < chunks; c++) { chunkSums[c] = new double[k * d]; chunkWeights[c] = new double[k]; }
    }

    /// <summary>Mean over columns of the (unweighted, population) column variances, as scikit-learn's <c>_tolerance</c>.</summary>
    /// <remarks>
    /// Two sweeps within each chunk (mean, then squared deviations; the chunk is in cache for the second), chunks
    /// merged in order by Chan, Golub &amp; LeVeque (1979): M2 = M2_A + M2_B + δ²·n_A·n_B/(n_A + n_B).
    /// </remarks>
    public static double MeanVariance(double[] x, int n, int d, ParallelOptions po)
    {
        int chunks = RowChunks.Count(n);
        var means = new double[chunks * d];
        var squares = new double[chunks * d];
        RowChunks.For(n, po, (c, start, end) => ChunkMoments(x, d, c, start, end, means, squares));
        return MergeMoments(n, d, means, squares);
    }

    /// <summary>The mean variance of the data: known after the first assignment pass of the first run, which computes the
    /// chunk moments while each chunk is in cache (so the tolerance costs no extra pass over the data).</summary>
    private double? meanVariance;
    private double[]? chunkMeans, chunkSquares;

    /// <summary>Mean and sum of squared deviations of each column over the rows of chunk c.</summary>
    /// <remarks>One sweep per block of four columns with the sums in registers, about the chunk's first row
    /// (v = x − x_start): mean = x_start + Σv/m, M2 = Σv² − (Σv)²/m. The shift is a row of the chunk, so Σv² does
    /// not dwarf M2 the way it would about 0.</remarks>
    private static void ChunkMoments(double[] x, int d, int c, int start, int end, double[] means, double[] squares)
    {
        double m = end - start;
        ref double first = ref x[start * d];
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; j + 4 <= d; j += 4)
            {
                var shift = Vector256.LoadUnsafe(ref first, (nuint)j);
                var sum = Vector256<double>.Zero;
                var sq = Vector256<double>.Zero;
                ref double cell = ref Unsafe.Add(ref first, j);
                for (int i = start; i < end; i++)
                {
                    var v = Vector256.LoadUnsafe(ref cell) - shift;
                    sum += v;
                    sq += v * v;
                    cell = ref Unsafe.Add(ref cell, d);
                }
                (shift + sum / m).CopyTo(means, c * d + j);
                (sq - sum * sum / m).CopyTo(squares, c * d + j);
            }
        for (; j < d; j++)
        {
            double shift = Unsafe.Add(ref first, j), sum = 0, sq = 0;
            for (int i = start; i < end; i++) { double v = x[i * d + j] - shift; sum += v; sq += v * v; }
            means[c * d + j] = shift + sum / m;
            squares[c * d + j] = sq - sum * sum / m;
        }
    }

    private static double MergeMoments(int n, int d, double[] means, double[] squares)
    {
        int chunks = RowChunks.Count(n);
        var total = new double[d];
        var totalMean = new double[d];
        double count = 0;
        for (int c = 0; c < chunks; c++)
        {
            double rows = Math.Min(n, (c + 1) * RowChunks.Size) - c * RowChunks.Size;
            double merged = count + rows;
            for (int j = 0; j < d; j++)
            {
                double delta = means[c * d + j] - totalMean[j];
                totalMean[j] += delta * rows / merged;
                total[j] += squares[c * d + j] + delta * delta * count * rows / merged;
            }
            count = merged;
        }
        double sum = 0;
        for (int j = 0; j < d; j++) sum += total[j] / n;
        return sum / d;
    }

    /// <summary>In a first pass that still needs the tolerance: the moments of chunk c (its rows were just read).</summary>
    private void MomentsIfNeeded(int c, int start, int end)
    {
        if (chunkMeans is not null) ChunkMoments(x, d, c, start, end, chunkMeans, chunkSquares!);
    }

    /// <summary>One start. <paramref name="relativeTolerance"/> is scaled by the mean column variance of the data, as scikit-learn.</summary>
    public KMeansRun Run(double[] initialCentres, int maxIterations, double relativeTolerance, KMeansAlgorithm algorithm, Action<int, double[], int[]>? onIteration = null)
    {
        if (meanVariance is null) { chunkMeans = new double[chunks * d]; chunkSquares = new double[chunks * d]; }
        if (algorithm == KMeansAlgorithm.Auto) algorithm = k >= 32 && d > 16 ? KMeansAlgorithm.Elkan : KMeansAlgorithm.Hamerly;
        if (k == 1) algorithm = KMeansAlgorithm.Lloyd;
        var centres = (double[])initialCentres.Clone();
        var next = new double[k * d];
        var labels = GC.AllocateUninitializedArray<int>(n); // every first pass writes every label
        var shift = new double[k];
        double[]? upper = null, lowerAll = null;
        var bounds = algorithm == KMeansAlgorithm.Hamerly ? new HamerlyBounds(n, k) : null;
        if (algorithm == KMeansAlgorithm.Elkan) { upper = new double[n]; lowerAll = new double[(long)n * k <= int.MaxValue ? n * k : throw new InvalidOperationException($"Elkan needs n·k lower bounds; {n}·{k} is too many: use Hamerly.")]; }

        bool strict = false, converged = false;
        int iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            bool first = iteration == 0;
            switch (algorithm)
            {
                case KMeansAlgorithm.Lloyd: AssignLloyd(centres, labels, first, final: false); break;
                case KMeansAlgorithm.Hamerly: AssignHamerly(centres, labels, bounds!, first, final: false); break;
                default: AssignElkan(centres, labels, upper!, lowerAll!, first); break;
            }
            int changed = 0;
            for (int c = 0; c < chunks; c++) changed += chunkChanged[c];
            if (chunkMeans is not null)
            {
                meanVariance = MergeMoments(n, d, chunkMeans, chunkSquares!);
                chunkMeans = chunkSquares = null;
            }
            Update(centres, next, labels);
            for (int j = 0; j < k; j++)
                shift[j] = Math.Sqrt(SquaredEuclidean.Distance(ref centres[j * d], ref next[j * d], d));
            bounds?.Move(shift);
            if (algorithm == KMeansAlgorithm.Elkan) MoveElkanBounds(labels, upper!, lowerAll!, shift);
            (centres, next) = (next, centres);
            onIteration?.Invoke(iteration, centres, labels);
            if (changed == 0) { strict = true; converged = true; iteration++; break; }
            double total = 0;
            for (int j = 0; j < k; j++) total += shift[j] * shift[j];
            if (total <= meanVariance!.Value * relativeTolerance) { converged = true; iteration++; break; }
        }
        if (strict) InertiaTerms(centres, labels);
        else if (algorithm == KMeansAlgorithm.Hamerly) AssignHamerly(centres, labels, bounds!, first: false, final: true);
        else if (algorithm == KMeansAlgorithm.Lloyd) AssignLloyd(centres, labels, first: false, final: true);
        else
        {
            AssignElkan(centres, labels, upper!, lowerAll!, first: false, final: true);
        }
        return new KMeansRun(centres, labels, RowChunks.SumInOrder(chunkInertia), iteration, converged);
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

    private void InertiaTerms(double[] centres, int[] labels)
    {
        RowChunks.For(n, po, (c, start, end) =>
        {
            double s = 0;
            for (int i = start; i < end; i++) s += Term(centres, i, labels[i]);
            chunkInertia[c] = s;
        });
    }

    /// <summary>w_i ‖x_i − c_a‖² with the same summation as <see cref="Inertia"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Term(double[] centres, int i, int a)
    {
        double di = SquaredEuclidean.Distance(ref x[i * d], ref centres[a * d], d);
        return w is null ? di : w[i] * di;
    }

    /// <summary>Adds (sign = 1) or removes (sign = −1) row i's weighted coordinates to or from cluster <paramref name="label"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Accumulate(double[] sums, double[] weights, int i, int label, double sign = 1)
    {
        double wi = w is null ? sign : sign * w[i];
        weights[label] += wi;
        ref double s = ref sums[label * d];
        ref double row = ref x[i * d];
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Element-wise, so the same bits as the scalar loop (no fused multiply-add is formed).
            var wv = Vector256.Create(wi);
            for (; j <= d - 4; j += 4)
            {
                var sv = Vector256.LoadUnsafe(ref s, (nuint)j) + wv * Vector256.LoadUnsafe(ref row, (nuint)j);
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

    /// <summary>Every row against every centre. Not final: labels, changes and fresh sums; final: labels and inertia terms.</summary>
    private void AssignLloyd(double[] centres, int[] labels, bool first, bool final)
    {
        var block = new CentreBlock(centres, k, d);
        RowChunks.For(n, po, (c, start, end) =>
        {
            if (!final) ClearChunk(c);
            var sums = chunkSums[c];
            var weights = chunkWeights[c];
            int changed = 0;
            double inertia = 0;
            for (int i = start; i < end; i++)
            {
                int a = block.Nearest(ref x[i * d], out _);
                if (first || a != labels[i]) changed++;
                labels[i] = a;
                if (final) inertia += Term(centres, i, a);
                else Accumulate(sums, weights, i, a);
            }
            chunkChanged[c] = changed;
            chunkInertia[c] = inertia;
            if (first) MomentsIfNeeded(c, start, end);
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

    /// <summary>
    /// Hamerly's assignment with the bounds of <paramref name="bounds"/>. A row is rescanned only when u &gt; max(s(a), l)
    /// still holds after tightening u to the exact distance. Not final: the chunk's centre sums follow the rows that
    /// change cluster (fresh sums on the first pass); final: labels and inertia terms.
    /// </summary>
    private void AssignHamerly(double[] centres, int[] labels, HamerlyBounds bounds, bool first, bool final)
    {
        var block = new CentreBlock(centres, k, d);
        if (first)
        {
            RowChunks.For(n, po, (c, start, end) => HamerlyFirst(c, start, end, block, labels, bounds));
            return;
        }
        var s = HalfNearestCentre(centres, null);
        RowChunks.For(n, po, (c, start, end) => HamerlyChunk(c, start, end, block, centres, labels, bounds, s, final));
    }

    /// <summary>First pass: nearest and second-nearest centre of every row, then the chunk's sums (two sweeps, so the
    /// distance kernel is not held up by the sums' read-modify-write).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // its own inlining budget: the distance kernel and the bound rounding inline
    private void HamerlyFirst(int c, int start, int end, CentreBlock block, int[] labels, HamerlyBounds bounds)
    {
        var upper = bounds.Upper;
        var lower = bounds.Lower;
        var drift = bounds.Drift;
        double fall = bounds.Fall;
        var data = x;
        int dims = d;
        for (int i = start; i < end; i++)
        {
            int a = block.NearestTwo(ref data[i * dims], out double d1, out double d2);
            labels[i] = a;
            bounds.Store(i, d1, d2, drift[a], fall);
        }
        ClearChunk(c);
        var sums = chunkSums[c];
        var weights = chunkWeights[c];
        for (int i = start; i < end; i++) Accumulate(sums, weights, i, labels[i]);
        chunkChanged[c] = end - start;
        MomentsIfNeeded(c, start, end);
    }

    /// <summary>Rows ahead whose data are prefetched while the bound-failing rows of a chunk are tightened.</summary>
    private const int PrefetchAhead = 8;

    /// <summary>
    /// One chunk of a Hamerly pass in two sweeps: the bound test over every row (reads only the label and the two
    /// stored bounds, and lists the rows that fail without a branch), then the listed rows, whose data are fetched
    /// a few rows ahead: they are scattered over the chunk, so the hardware prefetcher does not see them coming.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private unsafe void HamerlyChunk(int c, int start, int end, CentreBlock block, double[] centres, int[] labels, HamerlyBounds bounds, double[] s, bool final)
    {
        // Sums that follow only the rows that change cluster need exact weight totals (an emptied cluster must reach 0
        // exactly), which unit weights give; with other weights every pass recomputes the sums.
        bool follow = w is null;
        var sums = chunkSums[c];
        var weights = chunkWeights[c];
        var upper = bounds.Upper;
        var lower = bounds.Lower;
        var drift = bounds.Drift;
        double fall = bounds.Fall;
        var data = x;
        int dims = d;
        ref double c0 = ref centres[0];

        Span<int> failing = stackalloc int[RowChunks.Size];
        int count = 0;
        for (int i = start; i < end; i++)
        {
            int a = labels[i];
            double u = (upper[i] + drift[a]) * HamerlyBounds.Slack;
            failing[count] = i;
            count += (u > s[a] ? 1 : 0) & (u > lower[i] - fall ? 1 : 0); // u > max(s(a), l) without a branch
        }

        // Tighten u to the exact distance for the listed rows, and list those that still fail.
        int rescans = 0;
        for (int f = 0; f < count; f++)
        {
            if (Sse.IsSupported && f + PrefetchAhead < count)
            {
                byte* ahead = (byte*)Unsafe.AsPointer(ref data[failing[f + PrefetchAhead] * dims]);
                Sse.Prefetch0(ahead);
                Sse.Prefetch0(ahead + (dims * sizeof(double) - 1));
            }
            int i = failing[f];
            int a = labels[i];
            double u = Math.Sqrt(SquaredEuclidean.Distance(ref data[i * dims], ref Unsafe.Add(ref c0, a * dims), dims));
            upper[i] = HamerlyBounds.Up(u - drift[a]);
            u *= HamerlyBounds.Slack;
            failing[rescans] = i; // rescans ≤ f: overwrites only entries already read
            rescans += (u > s[a] ? 1 : 0) & (u > lower[i] - fall ? 1 : 0);
        }

        // Full scan of the rows whose tightened bound still fails; their data are in cache from the sweep above.
        int changed = 0;
        for (int f = 0; f < rescans; f++)
        {
            int i = failing[f];
            int old = labels[i];
            int a = block.NearestTwo(ref data[i * dims], out double d1, out double d2);
            bounds.Store(i, d1, d2, drift[a], fall);
            if (a != old)
            {
                labels[i] = a;
                changed++;
                if (!final && follow)
                {
                    Accumulate(sums, weights, i, old, -1);
                    Accumulate(sums, weights, i, a);
                }
            }
        }
        chunkChanged[c] = changed;

        double inertia = 0;
        if (final)
            for (int i = start; i < end; i++) inertia += Term(centres, i, labels[i]);
        else if (!follow)
        {
            ClearChunk(c);
            for (int i = start; i < end; i++) Accumulate(sums, weights, i, labels[i]);
        }
        chunkInertia[c] = inertia;
    }

    private void AssignElkan(double[] centres, int[] labels, double[] upper, double[] lower, bool first, bool final = false)
    {
        var cc = new double[k * k];
        var s = HalfNearestCentre(centres, cc);
        RowChunks.For(n, po, (c, start, end) =>
        {
            if (!final) ClearChunk(c);
            var sums = chunkSums[c];
            var weights = chunkWeights[c];
            ref double c0 = ref centres[0];
            int changed = 0;
            double inertia = 0;
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
                    changed++;
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
                    if (a != labels[i]) changed++;
                }
                labels[i] = a;
                if (final) inertia += Term(centres, i, a);
                else Accumulate(sums, weights, i, a);
            }
            chunkChanged[c] = changed;
            chunkInertia[c] = inertia;
            if (first) MomentsIfNeeded(c, start, end);
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
            double wf = w is null ? 1 : w[far];
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
