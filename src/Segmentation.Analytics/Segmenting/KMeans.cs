using Segmentation.Analytics.Features;
using Segmentation.Analytics.Randomness;
using System.Runtime.CompilerServices;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// k-means: minimises the inertia Σ_i w_i‖x_i − c_{label(i)}‖² by Lloyd iterations from greedy k-means++
/// starts, keeping the best of <see cref="KMeansOptions.Restarts"/> starts.
/// </summary>
/// <remarks>
/// Follows scikit-learn 1.2 <c>KMeans</c>: greedy k-means++ with 2 + ⌊ln k⌋ local trials; stop when labels
/// do not change or when Σ_j‖Δc_j‖² ≤ tol × mean column variance; a final assignment step so the labels
/// match the returned centroids. Empty clusters are re-seeded at the rows farthest from their centres.
/// The assignment step is Lloyd, Hamerly (2010) or Elkan (2003) — the same partition, different speed.
/// Deterministic for a seed (restart r draws from stream r of the seed's <see cref="StreamRandom"/>, whose sequence does not
/// depend on the .NET version) and independent of the thread count (fixed row chunks, ordered sums).
/// </remarks>
public sealed class KMeans(KMeansOptions options) : IEstimator<KMeansModel>
{
    /// <summary>The settings.</summary>
    public KMeansOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Fits with unit weights.</summary>
    public KMeansModel Fit(FeatureMatrix data) => Fit(data, sampleWeights: null);

    /// <summary>Fits with per-row weights (≥ 0, not all 0); <c>null</c> means 1 for every row.</summary>
    /// <exception cref="ArgumentException">A weight is negative or not finite, or the length differs from the row count.</exception>
    public KMeansModel Fit(FeatureMatrix data, double[]? sampleWeights)
    {
        Options.Validate(data);
        var w = Weights(data, sampleWeights);
        var po = RowChunks.Options(Options.MaxDegreeOfParallelism);
        // The restarts are independent (restart r draws from its own stream, so it starts from the same centres whatever the number
        // of restarts), and a start's bits do not depend on the threads: they run side by side, each on one engine (its buffers) per
        // thread, with the rows' chunks also spread when a core is free. Side by side, no core waits on a start's sequential steps
        // (the seeding's running sum, the centre updates) or on its chunk loops' barriers (the monthly job's bootstrap refits, 20 × 10
        // starts on 100 000 rows: about a third faster than the starts one after another).
        var runs = new KMeansRun[Options.Restarts];
        int next = -1;
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Starts()
        {
            var engine = new KMeansEngine(data.Values, sampleWeights is null ? null : w, data.Rows, data.Columns, Options.Clusters, po);
            for (int r; (r = Interlocked.Increment(ref next)) < runs.Length;)
            {
                var random = new StreamRandom(Options.Seed, (ulong)r);
                var init = KMeansPlusPlus.Seed(data.Values, w, data.Rows, data.Columns, Options.Clusters, ref random, po);
                runs[r] = engine.Run(init, Options.MaxIterations, Options.Tolerance, Options.Algorithm);
            }
        }
        int threads = Math.Min(runs.Length, po.MaxDegreeOfParallelism > 0 ? po.MaxDegreeOfParallelism : Environment.ProcessorCount);
        if (threads <= 1) Starts();
        else Parallel.For(0, threads, po, _ => Starts());
        // The first start of the lowest inertia, as when they ran in order.
        var best = runs[0];
        foreach (var run in runs)
            if (run.Inertia < best.Inertia) best = run;
        return ToModel(data, best);
    }

    /// <summary>
    /// One run from explicit initial centres (k rows of d coordinates); <see cref="KMeansOptions.Restarts"/> and
    /// the seed are not used (scikit-learn's <c>init=array, n_init=1</c>).
    /// </summary>
    public KMeansModel Fit(FeatureMatrix data, double[][] initialCentres, double[]? sampleWeights = null)
    {
        var run = RunFrom(data, initialCentres, sampleWeights, null);
        return ToModel(data, run);
    }

    /// <summary>Like <see cref="Fit(FeatureMatrix, double[][], double[])"/>, reporting the inertia (w.r.t. the labels and the centres of that iteration's update) after every iteration. For tests of monotonicity.</summary>
    internal KMeansModel Fit(FeatureMatrix data, double[][] initialCentres, Action<int, double[], int[]> onIteration) =>
        ToModel(data, RunFrom(data, initialCentres, null, onIteration));

    private KMeansRun RunFrom(FeatureMatrix data, double[][] initialCentres, double[]? sampleWeights, Action<int, double[], int[]>? onIteration)
    {
        Options.Validate(data);
        ArgumentNullException.ThrowIfNull(initialCentres);
        if (initialCentres.Length != Options.Clusters)
            throw new ArgumentException($"initialCentres has {initialCentres.Length} centres; Clusters = {Options.Clusters}.", nameof(initialCentres));
        var flat = new double[Options.Clusters * data.Columns];
        for (int j = 0; j < initialCentres.Length; j++)
        {
            if (initialCentres[j] is null || initialCentres[j].Length != data.Columns)
                throw new ArgumentException($"initialCentres[{j}] must have {data.Columns} coordinates.", nameof(initialCentres));
            initialCentres[j].CopyTo(flat, j * data.Columns);
        }
        var w = sampleWeights is null ? null : Weights(data, sampleWeights); // unit weights need no array
        var po = RowChunks.Options(Options.MaxDegreeOfParallelism);
        var engine = new KMeansEngine(data.Values, w, data.Rows, data.Columns, Options.Clusters, po);
        return engine.Run(flat, Options.MaxIterations, Options.Tolerance, Options.Algorithm, onIteration);
    }

    internal static double[] Weights(FeatureMatrix data, double[]? sampleWeights)
    {
        if (sampleWeights is null)
        {
            var ones = new double[data.Rows];
            Array.Fill(ones, 1.0);
            return ones;
        }
        if (sampleWeights.Length != data.Rows)
            throw new ArgumentException($"sampleWeights has {sampleWeights.Length} values; data has {data.Rows} rows.", nameof(sampleWeights));
        double total = 0;
        for (int i = 0; i < sampleWeights.Length; i++)
        {
            double v = sampleWeights[i];
            if (!(v >= 0) || double.IsInfinity(v))
                throw new ArgumentException($"sampleWeights[{i}] = {v}; weights must be finite and ≥ 0.", nameof(sampleWeights));
            total += v;
        }
        if (total <= 0) throw new ArgumentException("All sample weights are 0.", nameof(sampleWeights));
        return sampleWeights;
    }

    private static KMeansModel ToModel(FeatureMatrix data, KMeansRun run)
    {
        int k = run.Centres.Length / data.Columns;
        return new KMeansModel(data.ColumnNames.ToEquatableArray(), EquatableArray.Rows(run.Centres, data.Columns),
            run.Inertia, run.Iterations, run.Converged, NearestCentroid.Sizes(run.Labels, k));
    }
}
