using Segmentation.Analytics.Segmenting;

namespace Segmentation.Analytics.Tests.Segmenting;

public class WardChainTests
{
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        for (int d = 1; d <= 13; d++)
            foreach (var kind in new[] { "blobs", "grid", "weighted", "tiny" })
                data.Add(d, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Vector_scan_gives_the_same_merges_and_bit_identical_heights_as_a_scalar_scan(int d, string kind)
    {
        const int m = 301;
        var random = new Random(d * 31 + kind.Length);
        var points = new double[m * d];
        var weights = new double[m];
        for (int i = 0; i < m; i++)
        {
            weights[i] = kind == "weighted" ? random.Next(1, 40) * 0.37 : 1;
            for (int t = 0; t < d; t++)
                points[i * d + t] = kind switch
                {
                    "grid" => random.Next(0, 3), // many exact ties and duplicates
                    "tiny" => random.NextDouble() * 1e-160, // squared distances below the screen's range
                    _ => random.NextDouble() + (i % 4) * 3,
                };
        }
        foreach (int threads in new[] { 1, -1 })
        {
            var actual = WardChain.Run(points, weights, m, d, new ParallelOptions { MaxDegreeOfParallelism = threads }).Merges;
            var expected = ScalarReference(points, weights, m, d);
            Assert.Equal(expected.Length, actual.Length);
            for (int k = 0; k < expected.Length; k++)
            {
                Assert.Equal((expected[k].Left, expected[k].Right), (actual[k].Left, actual[k].Right));
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[k].Height), BitConverter.DoubleToInt64Bits(actual[k].Height));
                Assert.Equal(expected[k].Size, actual[k].Size);
            }
        }
    }

    /// <summary>The plain chain: every candidate's Ward distance² through the shared helper, in slot order.</summary>
    private static DendrogramMerge[] ScalarReference(double[] points, double[] weights, int m, int d)
    {
        var centre = (double[])points.Clone();
        var size = (double[])weights.Clone();
        var chain = new int[m];
        int length = 0;
        var raw = new List<(int Left, int Right, double Squared)>();
        double Ward(int a, int b) => 2 * size[a] * size[b] / (size[a] + size[b]) * SquaredEuclidean.Distance(ref centre[a * d], ref centre[b * d], d);
        for (int k = 0; k < m - 1; k++)
        {
            if (length == 0) { chain[0] = Array.FindIndex(size, s => s > 0); length = 1; }
            int x, y;
            double best;
            while (true)
            {
                x = chain[length - 1];
                if (length > 1) { y = chain[length - 2]; best = Ward(x, y); }
                else { y = -1; best = double.PositiveInfinity; }
                for (int i = 0; i < m; i++)
                {
                    if (size[i] == 0 || i == x) continue;
                    double dist = Ward(x, i);
                    if (dist < best) { best = dist; y = i; }
                }
                if (length > 1 && y == chain[length - 2]) break;
                chain[length++] = y;
            }
            length -= 2;
            if (x > y) (x, y) = (y, x);
            raw.Add((x, y, best));
            double total = size[x] + size[y];
            for (int t = 0; t < d; t++) centre[y * d + t] = (size[x] * centre[x * d + t] + size[y] * centre[y * d + t]) / total;
            size[x] = 0;
            size[y] = total;
        }
        var parent = Enumerable.Range(0, 2 * m - 1).ToArray();
        var weight = new double[2 * m - 1];
        Array.Copy(weights, weight, m);
        int Find(int v) { while (parent[v] != v) v = parent[v]; return v; }
        var merges = new List<DendrogramMerge>();
        foreach (var (left, right, squared) in raw.OrderBy(r => r.Squared))
        {
            int a = Find(left), b = Find(right), label = m + merges.Count;
            if (a > b) (a, b) = (b, a);
            parent[a] = parent[b] = label;
            weight[label] = weight[a] + weight[b];
            merges.Add(new DendrogramMerge(a, b, Math.Sqrt(squared), weight[label]));
        }
        return merges.ToArray();
    }
}
