using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// Exact Ward clustering by the nearest-neighbour chain (Murtagh 1983; scipy's <c>nn_chain</c>) on centroids
/// and weights instead of a distance matrix: the Ward distance of clusters A and B is
/// d(A, B) = √(2·w_A·w_B/(w_A + w_B))·‖c_A − c_B‖, which is what the Lance-Williams recurrence of scipy computes.
/// Memory O(n·d) (20 000 × 8 → 1.3 MB, where a condensed double matrix would take 1.6 GB); time O(n²·d).
/// </summary>
/// <remarks>
/// Mirrors scipy: the chain starts at the lowest live slot, prefers the previous chain element on ties, scans live
/// clusters in slot order taking the first strict minimum, records merges (x &lt; y) with the merged cluster in
/// slot y, then sorts merges by height (stable) and relabels them with a union-find. From 65 536 live clusters the
/// scan is split into fixed blocks of live slots whose minima are combined in block order (below, one thread scans:
/// a scan then takes less time than a parallel dispatch), so the result does not depend on thread count.
/// <para>
/// The scan reads a column-major copy of the live centroids and compares <see cref="Lanes"/> candidates at once.
/// Each lane computes ‖c_x − c_i‖² in exactly the order of <see cref="SquaredEuclidean.Distance(ref double, ref double, int)"/>
/// (four partial sums over coordinates t ≡ j mod 4 added as (s₀ + s₁) + (s₂ + s₃), then the remaining coordinates),
/// and 2·n_x·n_i/(n_x + n_i)·‖c_x − c_i‖² with the same operations, so the values and their comparisons are
/// bit-identical to a scalar scan. The division is skipped when the cross-multiplied test
/// 2·n_x·n_i·‖c_x − c_i‖² &gt; r·(1 + 2⁻⁴⁰)·(n_x + n_i) proves the candidate cannot beat the running runner-up r
/// (the margin covers the six roundings; it is only used while every product stays in the normal range), first on
/// the first four coordinates, whose rounded partial sum cannot exceed the whole.
/// </para>
/// <para>
/// Each scan also keeps its runner-up in the same order (distance², the previous element first on ties, then slot).
/// When the one merge since an element's scan took its nearest neighbour, every other cluster still ranks after the
/// runner-up, so the element's next nearest is the runner-up or the merged cluster, without a scan; this is exactly
/// the scan's answer, not an approximation.
/// </para>
/// </remarks>
internal static class WardChain
{
    private const int Block = 2048;

    /// <summary>Candidates compared at once by the vector scan.</summary>
    private static int Lanes => Vector256.IsHardwareAccelerated ? Vector256<double>.Count : 1;

    /// <summary>Live clusters below which one thread scans everything: a scan is then cheaper than a parallel dispatch.</summary>
    private const int ParallelFrom = 65536;

    /// <summary>Weights inside [2⁻⁴⁰⁰, 2⁴⁰⁰] (and their total too) keep the screening products normal.</summary>
    private static readonly double WeightBound = Math.ScaleB(1, 400);

    /// <summary>Running minima above this (or +∞) turn the screening off.</summary>
    private static readonly double ScreenBound = Math.ScaleB(1, 500);

    /// <summary>1 + 2⁻⁴⁰: the screening margin, far above the relative error 8·2⁻⁵³ of its six roundings.</summary>
    private static readonly double Margin = 1 + Math.ScaleB(1, -40);

    public static Dendrogram Run(double[] points, double[] weights, int m, int d, ParallelOptions po)
    {
        if (m == 1) return new Dendrogram(1, []);
        var centre = (double[])points.Clone();
        var size = (double[])weights.Clone();
        var columns = new Columns(points, weights, m, d, Screens(weights));
        var chain = new int[m];
        int length = 0;
        var rawLeft = new int[m - 1];
        var rawRight = new int[m - 1];
        var rawSquared = new double[m - 1];
        var blockBest = new double[(m + Block - 1) / Block];
        var blockPosition = new int[blockBest.Length];
        // Per chain element: the runner-up of its last scan and the number of merges done before that scan.
        var runnerUp = new int[m];
        var runnerUpSquared = new double[m];
        var scannedAfter = new int[m];

        for (int k = 0; k < m - 1; k++)
        {
            if (length == 0)
            {
                for (int t = 0; t < columns.Count; t++) if (size[columns.Slot[t]] > 0) { chain[0] = columns.Slot[t]; break; }
                scannedAfter[0] = -1;
                length = 1;
            }
            int x, y;
            double best;
            while (true)
            {
                x = chain[length - 1];
                int previous = length > 1 ? chain[length - 2] : -1;
                if (previous >= 0) { y = previous; best = WardSquared(centre, size, x, y, d); }
                else { y = -1; best = double.PositiveInfinity; }
                int s = runnerUp[length - 1];
                if (k > 0 && scannedAfter[length - 1] == k - 1 && s >= 0 && s != rawLeft[k - 1] && s != rawRight[k - 1])
                {
                    // x was scanned just before the one merge since, which took its nearest neighbour: every other
                    // cluster still ranks after the runner-up s, so the nearest is s or the merged cluster z.
                    int z = rawRight[k - 1];
                    double toMerged = WardSquared(centre, size, x, z, d);
                    double toRunnerUp = runnerUpSquared[length - 1];
                    if (toMerged < toRunnerUp || (toMerged == toRunnerUp && s != previous && z < s))
                    {
                        y = z; best = toMerged;
                        scannedAfter[length - 1] = k;
                    }
                    else
                    {
                        y = s; best = toRunnerUp;
                        runnerUp[length - 1] = -1;
                    }
                }
                else
                {
                    int found = columns.Nearest(x, previous, centre, size[x], best, po, blockBest, blockPosition, out double nearest, out runnerUp[length - 1], out runnerUpSquared[length - 1]);
                    scannedAfter[length - 1] = k;
                    if (found >= 0) { best = nearest; y = found; }
                }
                if (length > 1 && y == chain[length - 2]) break;
                scannedAfter[length] = -1;
                chain[length++] = y;
            }
            length -= 2;
            if (x > y) (x, y) = (y, x);
            double nx = size[x], ny = size[y];
            rawLeft[k] = x; rawRight[k] = y; rawSquared[k] = best;
            double total = nx + ny;
            for (int t = 0; t < d; t++) centre[y * d + t] = (nx * centre[x * d + t] + ny * centre[y * d + t]) / total;
            size[x] = 0;
            size[y] = total;
            columns.Merge(x, y, centre, size);
        }
        return Label(rawLeft, rawRight, rawSquared, weights, m);
    }

    /// <summary>Whether every weight and the total lie in [2⁻⁴⁰⁰, 2⁴⁰⁰], where the screening bound holds.</summary>
    private static bool Screens(double[] weights)
    {
        double total = 0;
        foreach (double w in weights)
        {
            if (!(w >= 1 / WeightBound && w <= WeightBound)) return false;
            total += w;
        }
        return total <= WeightBound;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double WardSquared(double[] centre, double[] size, int a, int b, int d)
    {
        double na = size[a], nb = size[b];
        return 2 * na * nb / (na + nb) * SquaredEuclidean.Distance(ref centre[a * d], ref centre[b * d], d);
    }

    /// <summary>
    /// The live clusters in slot order, column-major (coordinate t of position p at t·stride + p) with their sizes,
    /// padded to whole vectors. Dead positions (merged away, padding, or the scanning cluster and its previous chain
    /// element during a scan) hold +∞ in coordinate 0, so their distance is +∞ and never a strict minimum.
    /// </summary>
    private sealed class Columns
    {
        private readonly double[] values;
        private readonly double[] sizes;
        private readonly int[] position;
        private readonly int stride, d;
        private readonly bool screens;
        private int dead;

        public int[] Slot { get; }
        public int Count { get; private set; }

        public Columns(double[] points, double[] weights, int m, int d, bool screens)
        {
            this.d = d;
            this.screens = screens;
            int lanes = Lanes;
            stride = (m + lanes - 1) / lanes * lanes;
            values = new double[stride * d];
            sizes = new double[stride];
            position = new int[m];
            Slot = new int[m];
            for (int i = 0; i < m; i++)
            {
                for (int t = 0; t < d; t++) values[t * stride + i] = points[i * d + t];
                sizes[i] = weights[i];
                position[i] = i;
                Slot[i] = i;
            }
            Count = m;
            MarkPadding();
        }

        private void MarkPadding()
        {
            for (int p = Count; p < stride && p % Lanes != 0; p++)
            {
                values[p] = double.PositiveInfinity;
                sizes[p] = 1;
            }
        }

        /// <summary>Records the merge of slot x into slot y (centre already updated) and compacts when many are dead.</summary>
        public void Merge(int x, int y, double[] centre, double[] size)
        {
            int py = position[y];
            for (int t = 0; t < d; t++) values[t * stride + py] = centre[y * d + t];
            sizes[py] = size[y];
            values[position[x]] = double.PositiveInfinity;
            dead++;
            if (dead * 8 > Count && Count > 64) Compact(size);
        }

        private void Compact(double[] size)
        {
            int w = 0;
            for (int p = 0; p < Count; p++)
            {
                if (size[Slot[p]] == 0) continue;
                if (w != p)
                {
                    for (int t = 0; t < d; t++) values[t * stride + w] = values[t * stride + p];
                    sizes[w] = sizes[p];
                    Slot[w] = Slot[p];
                    position[Slot[w]] = w;
                }
                w++;
            }
            Count = w;
            dead = 0;
            MarkPadding();
        }

        /// <summary>
        /// The first live slot (in slot order, excluding x and <paramref name="previous"/>) whose Ward distance² to x is
        /// strictly below <paramref name="bound"/> (the distance² to <paramref name="previous"/>, or +∞) and minimal, or −1;
        /// its distance² in <paramref name="nearest"/>. The runner-up is the next cluster in the same order (by distance²,
        /// <paramref name="previous"/> first on ties, then slot order), or −1 when unknown.
        /// </summary>
        public int Nearest(int x, int previous, double[] centre, double nx, double bound, ParallelOptions po, double[] blockBest, int[] blockPosition,
            out double nearest, out int runnerUp, out double runnerUpSquared)
        {
            int px = position[x];
            values[px] = double.PositiveInfinity;
            if (previous >= 0) values[position[previous]] = double.PositiveInfinity;
            var cx = new ReadOnlySpan<double>(centre, x * d, d);
            int blocks = (Count + Block - 1) / Block;
            int found = -1;
            nearest = bound;
            runnerUp = -1;
            // Candidates not below the bound rank after its holder: the runner-up is wanted only once another is nearest.
            runnerUpSquared = bound;
            if (blocks == 1 || po.MaxDegreeOfParallelism == 1 || Count < ParallelFrom)
            {
                int p = Scan(0, Count, cx, nx, ref nearest, ref runnerUpSquared, out int secondPosition);
                if (p >= 0) found = Slot[p];
                // Position −1 is the bound's holder: the previous element, or nothing when the bound is +∞.
                runnerUp = secondPosition >= 0 ? Slot[secondPosition] : double.IsPositiveInfinity(runnerUpSquared) ? -1 : previous;
            }
            else
            {
                var centreX = centre;
                Parallel.For(0, blocks, po, b =>
                {
                    double best = bound, second = bound;
                    blockPosition[b] = Scan(b * Block, Math.Min(Count, (b + 1) * Block), new ReadOnlySpan<double>(centreX, x * d, d), nx, ref best, ref second, out _);
                    blockBest[b] = best;
                });
                for (int b = 0; b < blocks; b++)
                    if (blockPosition[b] >= 0 && blockBest[b] < nearest) { nearest = blockBest[b]; found = Slot[blockPosition[b]]; }
            }
            values[px] = centre[x * d];
            if (previous >= 0) values[position[previous]] = centre[previous * d];
            return found;
        }

        /// <summary>
        /// First position in [start, end) whose Ward distance² is strictly below <paramref name="best"/> and minimal, or −1
        /// (the holder of the incoming <paramref name="best"/>); the runner-up likewise in <paramref name="second"/> and
        /// <paramref name="secondPosition"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Scan(int start, int end, ReadOnlySpan<double> cx, double nx, ref double best, ref double second, out int secondPosition)
        {
            if (Lanes == 1) return ScanScalar(start, end, cx, nx, ref best, ref second, out secondPosition);
            // The helper sums groups of four coordinates lane-wise only from four coordinates on.
            int groups = d >= 4 ? d / 4 : 0;
            Span<Vector256<double>> broadcast = d <= 64 ? stackalloc Vector256<double>[d] : new Vector256<double>[d];
            for (int t = 0; t < d; t++) broadcast[t] = Vector256.Create(cx[t]);
            ref var c = ref MemoryMarshal.GetReference(broadcast);
            nuint step = (nuint)stride;
            int found = -1;
            secondPosition = -1;
            var twoNx = Vector256.Create(2 * nx);
            var nxV = Vector256.Create(nx);
            var threshold = Threshold(second);
            ref double v0 = ref values[0];
            ref double s0 = ref sizes[0];
            // Nothing is strictly below 0: duplicates end the scan.
            for (int p = start; p < end && second != 0; p += Vector256<double>.Count)
            {
                ref double column = ref Unsafe.Add(ref v0, p);
                var ni = Vector256.LoadUnsafe(ref s0, (nuint)p);
                var product = twoNx * ni;
                Vector256<double> sum;
                int t = 0;
                nuint offset = 0;
                if (groups > 0)
                {
                    // 0 + e² = e² exactly, so the first group needs no addition.
                    var e0 = c - Vector256.LoadUnsafe(ref column);
                    var e1 = Unsafe.Add(ref c, 1) - Vector256.LoadUnsafe(ref column, step);
                    var e2 = Unsafe.Add(ref c, 2) - Vector256.LoadUnsafe(ref column, 2 * step);
                    var e3 = Unsafe.Add(ref c, 3) - Vector256.LoadUnsafe(ref column, 3 * step);
                    var a0 = e0 * e0;
                    var a1 = e1 * e1;
                    var a2 = e2 * e2;
                    var a3 = e3 * e3;
                    // Rounded sums of non-negative terms only grow as terms are added, so the first four
                    // coordinates already give a lower bound of the whole sum for the screen.
                    if (screens && d > 4 && Vector256.GreaterThanAll(product * ((a0 + a1) + (a2 + a3)), threshold * (nxV + ni))) continue;
                    t = 4;
                    offset = 4 * step;
                    for (int g = 1; g < groups; g++, t += 4, offset += 4 * step)
                    {
                        e0 = Unsafe.Add(ref c, t) - Vector256.LoadUnsafe(ref column, offset);
                        e1 = Unsafe.Add(ref c, t + 1) - Vector256.LoadUnsafe(ref column, offset + step);
                        e2 = Unsafe.Add(ref c, t + 2) - Vector256.LoadUnsafe(ref column, offset + 2 * step);
                        e3 = Unsafe.Add(ref c, t + 3) - Vector256.LoadUnsafe(ref column, offset + 3 * step);
                        a0 += e0 * e0;
                        a1 += e1 * e1;
                        a2 += e2 * e2;
                        a3 += e3 * e3;
                    }
                    sum = (a0 + a1) + (a2 + a3);
                }
                else sum = Vector256<double>.Zero;
                for (; t < d; t++, offset += step)
                {
                    var e = Unsafe.Add(ref c, t) - Vector256.LoadUnsafe(ref column, offset);
                    sum += e * e;
                }
                if (screens && Vector256.GreaterThanAll(product * sum, threshold * (nxV + ni))) continue;
                var dist = product / (nxV + ni) * sum;
                if (!Vector256.LessThanAny(dist, Vector256.Create(second))) continue;
                for (int lane = 0; lane < Vector256<double>.Count; lane++)
                    Rank(dist[lane], p + lane, ref best, ref found, ref second, ref secondPosition);
                threshold = Threshold(second);
            }
            return found;
        }

        /// <summary>Keeps the two smallest (distance², position) in scan order: a later candidate must be strictly smaller.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Rank(double dist, int p, ref double best, ref int found, ref double second, ref int secondPosition)
        {
            if (dist < best)
            {
                second = best; secondPosition = found;
                best = dist; found = p;
            }
            else if (dist < second) { second = dist; secondPosition = p; }
        }

        /// <summary>The scalar scan when vectors are not accelerated (the helper then sums coordinates in order).</summary>
        private int ScanScalar(int start, int end, ReadOnlySpan<double> cx, double nx, ref double best, ref double second, out int secondPosition)
        {
            int found = -1;
            secondPosition = -1;
            for (int p = start; p < end && second != 0; p++)
            {
                double sum = 0;
                for (int t = 0; t < d; t++)
                {
                    double e = cx[t] - values[t * stride + p];
                    sum += e * e;
                }
                double dist = 2 * nx * sizes[p] / (nx + sizes[p]) * sum;
                Rank(dist, p, ref best, ref found, ref second, ref secondPosition);
            }
            return found;
        }

        /// <summary>best·(1 + 2⁻⁴⁰) for the screening test, or +∞ (no screening) outside its safe range.</summary>
        private static Vector256<double> Threshold(double best) =>
            Vector256.Create(best >= 1 / ScreenBound && best <= ScreenBound ? best * Margin : double.PositiveInfinity);
    }

    /// <summary>scipy's post-processing: stable sort by height, then union-find relabelling to linkage ids.</summary>
    private static Dendrogram Label(int[] left, int[] right, double[] squared, double[] weights, int m)
    {
        var order = Enumerable.Range(0, m - 1).OrderBy(i => squared[i]).ToArray();
        var parent = new int[2 * m - 1];
        var weight = new double[2 * m - 1];
        for (int i = 0; i < parent.Length; i++) parent[i] = i;
        for (int i = 0; i < m; i++) weight[i] = weights[i];
        int nextLabel = m;
        var merges = new DendrogramMerge[m - 1];
        for (int r = 0; r < m - 1; r++)
        {
            int k = order[r];
            int xr = Find(parent, left[k]), yr = Find(parent, right[k]);
            if (xr > yr) (xr, yr) = (yr, xr);
            parent[xr] = nextLabel;
            parent[yr] = nextLabel;
            weight[nextLabel] = weight[xr] + weight[yr];
            merges[r] = new DendrogramMerge(xr, yr, Math.Sqrt(squared[k]), weight[nextLabel]);
            nextLabel++;
        }
        return new Dendrogram(m, EquatableArray<DendrogramMerge>.Own(merges));
    }

    private static int Find(int[] parent, int x)
    {
        int root = x;
        while (parent[root] != root) root = parent[root];
        while (parent[x] != root) (x, parent[x]) = (parent[x], root);
        return root;
    }
}
