using System.Runtime.CompilerServices;

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
/// </remarks>
internal static class WardChain
{
    private const int Block = 2048;

    public static Dendrogram Run(double[] points, double[] weights, int m, int d, ParallelOptions po)
    {
        if (m == 1) return new Dendrogram(1, []);
        var centre = (double[])points.Clone();
        var size = (double[])weights.Clone();
        var live = new List<int>(Enumerable.Range(0, m));
        int dead = 0;
        var chain = new int[m];
        int length = 0;
        var rawLeft = new int[m - 1];
        var rawRight = new int[m - 1];
        var rawSquared = new double[m - 1];
        int blocks = 0;
        var blockBest = new double[(m + Block - 1) / Block];
        var blockSlot = new int[blockBest.Length];
        int[] liveArray = live.ToArray();
        int liveCount = m;

        for (int k = 0; k < m - 1; k++)
        {
            if (length == 0)
            {
                for (int t = 0; t < liveCount; t++) if (size[liveArray[t]] > 0) { chain[0] = liveArray[t]; break; }
                length = 1;
            }
            int x, y;
            double best;
            while (true)
            {
                x = chain[length - 1];
                if (length > 1) { y = chain[length - 2]; best = WardSquared(centre, size, x, y, d); }
                else { y = -1; best = double.PositiveInfinity; }
                blocks = (liveCount + Block - 1) / Block;
                int cx = x;
                if (blocks == 1 || po.MaxDegreeOfParallelism == 1 || liveCount < 2 * Block)
                {
                    for (int b = 0; b < blocks; b++) ScanBlock(b, liveArray, liveCount, centre, size, cx, d, blockBest, blockSlot);
                }
                else
                {
                    var arr = liveArray; int cnt = liveCount;
                    Parallel.For(0, blocks, po, b => ScanBlock(b, arr, cnt, centre, size, cx, d, blockBest, blockSlot));
                }
                for (int b = 0; b < blocks; b++)
                    if (blockBest[b] < best) { best = blockBest[b]; y = blockSlot[b]; }
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
            dead++;
            if (dead * 2 > liveCount && liveCount > 64)
            {
                int w = 0;
                for (int t = 0; t < liveCount; t++) if (size[liveArray[t]] > 0) liveArray[w++] = liveArray[t];
                liveCount = w;
                dead = 0;
            }
        }
        return Label(rawLeft, rawRight, rawSquared, weights, m);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double WardSquared(double[] centre, double[] size, int a, int b, int d)
    {
        double na = size[a], nb = size[b];
        return 2 * na * nb / (na + nb) * SquaredEuclidean.Distance(ref centre[a * d], ref centre[b * d], d);
    }

    private static void ScanBlock(int b, int[] live, int liveCount, double[] centre, double[] size, int x, int d, double[] blockBest, int[] blockSlot)
    {
        double best = double.PositiveInfinity;
        int bestSlot = -1;
        int end = Math.Min(liveCount, (b + 1) * Block);
        double nx = size[x];
        ref double cx = ref centre[x * d];
        for (int t = b * Block; t < end; t++)
        {
            int i = live[t];
            double ni = size[i];
            if (ni == 0 || i == x) continue;
            double dist = 2 * nx * ni / (nx + ni) * SquaredEuclidean.Distance(ref cx, ref centre[i * d], d);
            if (dist < best) { best = dist; bestSlot = i; }
        }
        blockBest[b] = best;
        blockSlot[b] = bestSlot;
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
