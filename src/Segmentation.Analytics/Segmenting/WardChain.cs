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
/// slot y, then sorts merges by height (stable) and relabels them with a union-find. The scan is split into fixed
/// blocks of live slots whose minima are combined in block order, so the result does not depend on thread count.
/// <para>
/// The scan reads a column-major copy of the live centroids and compares <see cref="Lanes"/> candidates at once.
/// Each lane computes ‖c_x − c_i‖² in exactly the order of <see cref="SquaredEuclidean.Distance(ref double, ref double, int)"/>
/// (four partial sums over coordinates t ≡ j mod 4 added as (s₀ + s₁) + (s₂ + s₃), then the remaining coordinates),
/// and 2·n_x·n_i/(n_x + n_i)·‖c_x − c_i‖² with the same operations, so the values and their comparisons are
/// bit-identical to a scalar scan. The division is skipped when the cross-multiplied test
/// 2·n_x·n_i·‖c_x − c_i‖² &gt; best·(1 + 2⁻⁴⁰)·(n_x + n_i) proves the candidate cannot beat the running minimum
/// (the margin covers the six roundings; it is only used while every product stays in the normal range).
/// </para>
/// </remarks>
internal static class WardChain
{
    private const int Block = 2048;

    /// <summary>Candidates compared at once by the vector scan.</summary>
    internal static int Lanes => Vector256.IsHardwareAccelerated ? Vector256<double>.Count : 1;

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

        for (int k = 0; k < m - 1; k++)
        {
            if (length == 0)
            {
                for (int t = 0; t < columns.Count; t++) if (size[columns.Slot[t]] > 0) { chain[0] = columns.Slot[t]; break; }
                length = 1;
            }
            int x, y;
            double best;
            while (true)
            {
                x = chain[length - 1];
                if (length > 1) { y = chain[length - 2]; best = WardSquared(centre, size, x, y, d); }
                else { y = -1; best = double.PositiveInfinity; }
                int found = columns.Nearest(x, centre, size[x], best, po, blockBest, blockPosition, out double nearest);
                if (found >= 0) { best = nearest; y = found; }
                if (length > 1 && y == chain[length - 2]) break;
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
    /// padded to whole vectors. Dead positions (merged away, padding, or the scanning cluster itself during its scan)
    /// hold +∞ in coordinate 0, so their distance is +∞ and never a strict minimum.
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
        /// The first live slot (in slot order, excluding x) whose Ward distance² to x is strictly below
        /// <paramref name="bound"/>, or −1; its distance² in <paramref name="nearest"/>.
        /// </summary>
        public int Nearest(int x, double[] centre, double nx, double bound, ParallelOptions po, double[] blockBest, int[] blockPosition, out double nearest)
        {
            int px = position[x];
            values[px] = double.PositiveInfinity;
            var cx = new ReadOnlySpan<double>(centre, x * d, d);
            int blocks = (Count + Block - 1) / Block;
            int found = -1;
            nearest = bound;
            if (blocks == 1 || po.MaxDegreeOfParallelism == 1 || Count < ParallelFrom)
            {
                int p = Scan(0, Count, cx, nx, ref nearest);
                if (p >= 0) found = Slot[p];
            }
            else
            {
                var centreX = centre;
                Parallel.For(0, blocks, po, b =>
                {
                    double best = bound;
                    blockPosition[b] = Scan(b * Block, Math.Min(Count, (b + 1) * Block), new ReadOnlySpan<double>(centreX, x * d, d), nx, ref best);
                    blockBest[b] = best;
                });
                for (int b = 0; b < blocks; b++)
                    if (blockPosition[b] >= 0 && blockBest[b] < nearest) { nearest = blockBest[b]; found = Slot[blockPosition[b]]; }
            }
            values[px] = centre[x * d];
            return found;
        }

        /// <summary>First position in [start, end) whose Ward distance² is strictly below <paramref name="best"/> and minimal, or −1.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Scan(int start, int end, ReadOnlySpan<double> cx, double nx, ref double best)
        {
            if (Lanes == 1) return ScanScalar(start, end, cx, nx, ref best);
            // The helper sums groups of four coordinates lane-wise only from four coordinates on.
            int groups = d >= 4 ? d / 4 : 0;
            Span<Vector256<double>> broadcast = d <= 64 ? stackalloc Vector256<double>[d] : new Vector256<double>[d];
            for (int t = 0; t < d; t++) broadcast[t] = Vector256.Create(cx[t]);
            ref var c = ref MemoryMarshal.GetReference(broadcast);
            nuint step = (nuint)stride;
            int found = -1;
            var twoNx = Vector256.Create(2 * nx);
            var nxV = Vector256.Create(nx);
            var threshold = Threshold(best);
            ref double v0 = ref values[0];
            ref double s0 = ref sizes[0];
            for (int p = start; p < end; p += Vector256<double>.Count)
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
                if (!Vector256.LessThanAny(dist, Vector256.Create(best))) continue;
                for (int lane = 0; lane < Vector256<double>.Count; lane++)
                    if (dist[lane] < best) { best = dist[lane]; found = p + lane; }
                threshold = Threshold(best);
            }
            return found;
        }

        /// <summary>The scalar scan when vectors are not accelerated (the helper then sums coordinates in order).</summary>
        private int ScanScalar(int start, int end, ReadOnlySpan<double> cx, double nx, ref double best)
        {
            int found = -1;
            for (int p = start; p < end; p++)
            {
                double sum = 0;
                for (int t = 0; t < d; t++)
                {
                    double e = cx[t] - values[t * stride + p];
                    sum += e * e;
                }
                double dist = 2 * nx * sizes[p] / (nx + sizes[p]) * sum;
                if (dist < best) { best = dist; found = p; }
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
