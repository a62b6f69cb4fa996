using CsCheck;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Validation;

namespace Segmentation.Analytics.Tests.Segmenting;

public class KMeansPropertyTests
{
    // Data sets of 20..300 rows, 1..4 columns, k = 1..6; values on a coarse continuous range (ties have probability 0).
    private static readonly Gen<(FeatureMatrix X, int K)> Small =
        from n in Gen.Int[20, 300]
        from d in Gen.Int[1, 4]
        from k in Gen.Int[1, 6]
        from v in Gen.Double[-10, 10].Array[n * d]
        select (new FeatureMatrix(v, n, d), k);

    private static double[][] FirstRows(FeatureMatrix x, int k) => Enumerable.Range(0, k).Select(i => x.Row(i * (x.Rows / k)).ToArray()).ToArray();

    [Theory]
    [InlineData(KMeansAlgorithm.Lloyd)]
    [InlineData(KMeansAlgorithm.Hamerly)]
    [InlineData(KMeansAlgorithm.Elkan)]
    public void Inertia_never_increases_across_iterations(KMeansAlgorithm algorithm)
    {
        Small.Sample(t =>
        {
            var (x, k) = t;
            var inertias = new List<double>();
            new KMeans(new KMeansOptions(k, Algorithm: algorithm, Tolerance: 0)).Fit(x, FirstRows(x, k), (_, centres, labels) =>
            {
                double s = 0;
                for (int i = 0; i < x.Rows; i++)
                    for (int c = 0; c < x.Columns; c++) s += Math.Pow(x[i, c] - centres[labels[i] * x.Columns + c], 2);
                inertias.Add(s);
            });
            for (int i = 1; i < inertias.Count; i++)
                Assert.True(inertias[i] <= inertias[i - 1] * (1 + 1e-12), $"iteration {i}: {inertias[i - 1]:R} -> {inertias[i]:R}");
        }, iter: 60);
    }

    [Fact]
    public void Permuting_rows_does_not_change_the_partition()
    {
        Small.Select(Gen.Int, (t, seed) => (t.X, t.K, seed)).Sample(t =>
        {
            var (x, k, seed) = t;
            var init = FirstRows(x, k);
            var perm = Enumerable.Range(0, x.Rows).OrderBy(_ => 0).ToArray();
            new Random(seed).Shuffle(perm);
            var values = new double[x.Values.Length];
            for (int i = 0; i < x.Rows; i++) x.Row(perm[i]).CopyTo(values.AsSpan(i * x.Columns));
            var permuted = new FeatureMatrix(values, x.Rows, x.Columns);
            var kmeans = new KMeans(new KMeansOptions(k, Algorithm: KMeansAlgorithm.Lloyd));
            var a = kmeans.Fit(x, init);
            var b = kmeans.Fit(permuted, init);
            var labelsA = a.Predict(x);
            var labelsB = b.Predict(permuted);
            for (int i = 0; i < x.Rows; i++) Assert.Equal(labelsA[perm[i]], labelsB[i]);
            Assert.Equal(a.Inertia, b.Inertia, 1e-9 * Math.Max(1, a.Inertia));
        }, iter: 60);
    }

    [Fact]
    public void Same_seed_gives_byte_identical_model_json()
    {
        Small.Select(Gen.Int[0, 1000], (t, seed) => (t.X, t.K, seed)).Sample(t =>
        {
            var (x, k, seed) = t;
            var options = new KMeansOptions(k, Restarts: 3, Seed: seed);
            Assert.Equal(new KMeans(options).Fit(x).ToJson(), new KMeans(options).Fit(x).ToJson());
        }, iter: 40);
    }

    [Fact]
    public void Results_are_identical_with_one_or_two_threads()
    {
        // More rows than one chunk (4 096), so the parallel path and the chunked sums are exercised.
        var gen = from n in Gen.Int[5000, 12000]
                  from d in Gen.Int[1, 3]
                  from k in Gen.Int[2, 8]
                  from seed in Gen.Int[0, 1000]
                  from algorithm in Gen.Enum<KMeansAlgorithm>()
                  select (n, d, k, seed, algorithm);
        gen.Sample(t =>
        {
            var random = new Random(t.seed);
            var values = new double[t.n * t.d];
            for (int i = 0; i < values.Length; i++) values[i] = random.NextDouble() * 10;
            var x = new FeatureMatrix(values, t.n, t.d);
            var options = new KMeansOptions(t.k, Restarts: 2, Seed: t.seed, Algorithm: t.algorithm);
            var one = new KMeans(options with { MaxDegreeOfParallelism = 1 }).Fit(x);
            var two = new KMeans(options with { MaxDegreeOfParallelism = 2 }).Fit(x);
            Assert.Equal(one.ToJson(), two.ToJson());
            Assert.Equal(Silhouette.Estimate(x, one.Predict(x), 200, maxDegreeOfParallelism: 1), Silhouette.Estimate(x, two.Predict(x), 200, maxDegreeOfParallelism: 2));
        }, iter: 8);
    }

    [Fact]
    public void Mini_batch_k_means_recovers_planted_blobs_and_is_reproducible()
    {
        var (x, truth) = PlantedBlobs.Gaussian(5, 3, 4000, separation: 8, seed: 12);
        var options = new MiniBatchKMeansOptions(5, BatchSize: 512, Seed: 3);
        var model = new MiniBatchKMeans(options).Fit(x);
        Assert.Equal(1.0, AdjustedRandIndex.Compute(truth, model.Predict(x)));
        var full = new KMeans(new KMeansOptions(5, Restarts: 3)).Fit(x);
        Assert.True(model.Inertia <= full.Inertia * 1.01, $"{model.Inertia} vs {full.Inertia}");
        Assert.Equal(model.ToJson(), new MiniBatchKMeans(options with { MaxDegreeOfParallelism = 1 }).Fit(x).ToJson());
    }
}
