using CsCheck;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Segmenting;

namespace Segmentation.Analytics.Tests.Segmenting;

/// <summary>
/// The fast k-means kernels (SIMD nearest / nearest-two, Hamerly with stored single-precision bounds and sums that
/// follow the rows that change cluster, the tolerance computed inside the first pass) against plain scalar code.
/// </summary>
public class KMeansKernelTests
{
    [Fact]
    public void Nearest_two_matches_a_scalar_scan_with_lowest_index_on_ties()
    {
        // k = 1..13 covers one block of four, the two-register path (k = 5..8) and the general path (k > 8);
        // duplicated centres and rows placed on a centre make exact ties.
        var gen = from k in Gen.Int[1, 13]
                  from d in Gen.Int[1, 9]
                  from values in Gen.Int[-3, 3].Array[(k + 6) * d]
                  from duplicate in Gen.Bool
                  select (k, d, values.Select(v => (double)v).ToArray(), duplicate);
        gen.Sample(t =>
        {
            var (k, d, values, duplicate) = t;
            var centres = values.AsSpan(0, k * d).ToArray();
            if (duplicate && k > 1) Array.Copy(centres, 0, centres, (k - 1) * d, d);
            var block = new CentreBlock(centres, k, d);
            for (int r = 0; r < 6; r++)
            {
                var row = values.AsSpan((k + r) * d, d).ToArray();
                if (r == 0) Array.Copy(centres, (k - 1) * d, row, 0, d);
                var exact = Enumerable.Range(0, k).Select(j => Enumerable.Range(0, d).Sum(c => Math.Pow(row[c] - centres[j * d + c], 2))).ToArray();
                int expected = Array.IndexOf(exact, exact.Min());
                double second = k == 1 ? double.PositiveInfinity : exact.Where((_, j) => j != expected).Min();

                int a = block.NearestTwo(ref row[0], out double d1, out double d2);
                int b = block.Nearest(ref row[0], out double nearest);
                Assert.Equal(expected, a);
                Assert.Equal(expected, b);
                Assert.Equal(exact[expected], d1); // integer coordinates: every sum is exact
                Assert.Equal(exact[expected], nearest);
                Assert.Equal(second, d2);
            }
        }, iter: 400);
    }

    [Fact]
    public void Stored_bounds_are_rounded_outwards()
    {
        Gen.Double[-1e30, 1e30].Select(Gen.Double[0, 1e6], Gen.Double[0, 1e6], Gen.Double[0, 1e3]).Sample(t =>
        {
            var (v, nearest, extra, drift) = t;
            Assert.True(HamerlyBounds.Up(v) >= v, $"Up({v:R}) = {HamerlyBounds.Up(v):R}");
            Assert.True(HamerlyBounds.Down(v) <= v, $"Down({v:R}) = {HamerlyBounds.Down(v):R}");
            Assert.True(Math.Abs(HamerlyBounds.Up(v) - v) <= 1e-6 * Math.Abs(v) + 1e-30);
            Assert.True(Math.Abs(HamerlyBounds.Down(v) - v) <= 1e-6 * Math.Abs(v) + 1e-30);

            var bounds = new HamerlyBounds(1, 1);
            double second = nearest + extra, fall = drift / 2;
            bounds.Store(0, nearest, second, drift, fall);
            Assert.True(bounds.Upper[0] >= Math.Sqrt(nearest) - drift, "upper");
            Assert.True(bounds.Lower[0] <= Math.Sqrt(second) + fall, "lower");
        }, iter: 2000);
        foreach (double v in new[] { 0.0, 1e-40, -1e-40, 1e-310, float.Epsilon, 1.0, -1.0, 3.0000001, 1e38 })
        {
            Assert.True(HamerlyBounds.Up(v) >= v);
            Assert.True(HamerlyBounds.Down(v) <= v);
        }
    }

    public static TheoryData<int, int, int, double, bool> OverlappingCases() => new()
    {
        // clusters, dims, rows, half-width of the box holding the planted centres (sd 1 around each), weighted
        { 8, 8, 20000, 4, false },
        { 5, 3, 15000, 3, false },
        { 12, 2, 18000, 4, false },
        { 6, 5, 12000, 3, true },
    };

    [Theory]
    [MemberData(nameof(OverlappingCases))]
    public void Every_algorithm_matches_a_scalar_lloyd_on_overlapping_blobs_with_1_2_and_4_threads(int clusters, int dims, int rows, double box, bool weighted)
    {
        var x = OverlappingBlobs(rows, dims, clusters, box, seed: clusters * 31 + dims);
        var weights = weighted ? Enumerable.Range(0, x.Rows).Select(i => 0.5 + (i * 7919 % 13) / 4.0).ToArray() : null;
        var init = Enumerable.Range(0, clusters).Select(j => x.Row(j * 997 + 3).ToArray()).ToArray();
        var reference = ScalarLloyd(x, weights, init, maxIterations: 300, tolerance: 1e-4);
        Assert.True(reference.Iterations > 3, $"the case should need several iterations, took {reference.Iterations}");

        string? json = null;
        foreach (var algorithm in new[] { KMeansAlgorithm.Lloyd, KMeansAlgorithm.Hamerly, KMeansAlgorithm.Elkan })
            foreach (int threads in new[] { 1, 2, 4 })
            {
                var model = new KMeans(new KMeansOptions(clusters, Algorithm: algorithm, MaxDegreeOfParallelism: threads)).Fit(x, init, weights);
                Assert.Equal(reference.Iterations, model.Iterations);
                Assert.Equal(reference.Labels, model.Predict(x));
                Assert.Equal(NearestCentroid.Sizes(reference.Labels, clusters), model.ClusterSizes);
                ClusteringReference.AssertRelative(reference.Inertia, model.Inertia, 1e-11, $"{algorithm}, {threads} threads");
                for (int j = 0; j < clusters; j++)
                    for (int t = 0; t < dims; t++)
                        Assert.Equal(reference.Centres[j][t], model.Centroids[j][t], 1e-11);
                // Bit-identical whatever the thread count, for each algorithm.
                if (threads == 1) json = model.ToJson();
                else Assert.Equal(json, model.ToJson());
            }
    }

    /// <summary>Gaussian blobs (sd 1) around centres uniform in [−box, box]^d: they overlap, so k-means moves many rows
    /// over many iterations, which exercises the bound tests, rescans and the sums that follow label changes.</summary>
    private static FeatureMatrix OverlappingBlobs(int n, int d, int k, double box, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, k * d).Select(_ => (random.NextDouble() * 2 - 1) * box).ToArray();
        var values = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            int c = random.Next(k);
            for (int t = 0; t < d; t++)
                values[i * d + t] = centres[c * d + t] + Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        }
        return new FeatureMatrix(values, n, d);
    }

    /// <summary>Textbook k-means with scikit-learn's stopping rule, all scalar, nothing kept between iterations.</summary>
    private static (int[] Labels, double[][] Centres, double Inertia, int Iterations) ScalarLloyd(FeatureMatrix x, double[]? w, double[][] init, int maxIterations, double tolerance)
    {
        int n = x.Rows, d = x.Columns, k = init.Length;
        double meanVariance = Enumerable.Range(0, d).Average(t =>
        {
            double mean = Enumerable.Range(0, n).Average(i => x[i, t]);
            return Enumerable.Range(0, n).Average(i => (x[i, t] - mean) * (x[i, t] - mean));
        });
        var centres = init.Select(c => (double[])c.Clone()).ToArray();
        var labels = new int[n];
        var old = Enumerable.Repeat(-1, n).ToArray();
        int iteration = 0;
        bool strict = false;
        for (; iteration < maxIterations; iteration++)
        {
            for (int i = 0; i < n; i++) labels[i] = Nearest(x, i, centres);
            var next = new double[k][];
            for (int j = 0; j < k; j++)
            {
                next[j] = new double[d];
                double weight = 0;
                for (int i = 0; i < n; i++)
                {
                    if (labels[i] != j) continue;
                    double wi = w?[i] ?? 1;
                    weight += wi;
                    for (int t = 0; t < d; t++) next[j][t] += wi * x[i, t];
                }
                Assert.True(weight > 0, "the planted cases never empty a cluster");
                for (int t = 0; t < d; t++) next[j][t] /= weight;
            }
            double shift = Enumerable.Range(0, k).Sum(j => Enumerable.Range(0, d).Sum(t => Math.Pow(next[j][t] - centres[j][t], 2)));
            centres = next;
            if (labels.SequenceEqual(old)) { strict = true; iteration++; break; }
            if (shift <= tolerance * meanVariance) { iteration++; break; }
            labels.CopyTo(old, 0);
        }
        if (!strict) for (int i = 0; i < n; i++) labels[i] = Nearest(x, i, centres);
        double inertia = 0;
        for (int i = 0; i < n; i++)
            inertia += (w?[i] ?? 1) * Enumerable.Range(0, d).Sum(t => Math.Pow(x[i, t] - centres[labels[i]][t], 2));
        return (labels, centres, inertia, iteration);
    }

    private static int Nearest(FeatureMatrix x, int i, double[][] centres)
    {
        int best = 0;
        double bestD = double.PositiveInfinity;
        for (int j = 0; j < centres.Length; j++)
        {
            double s = 0;
            for (int t = 0; t < x.Columns; t++) s += Math.Pow(x[i, t] - centres[j][t], 2);
            if (s < bestD) { bestD = s; best = j; }
        }
        return best;
    }
}
