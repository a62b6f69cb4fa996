using Segmentation.Analytics.Features;
using Segmentation.Analytics.Randomness;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// Mini-batch k-means (Sculley 2010) for very large n: k-means++ on a random subset, then per step a random batch is
/// assigned to the nearest centres and each centre moves to the running mean of all rows it has received,
/// c_j ← c_j + (Σ_batch x − b_j·c_j) / N_j. Stops on the smoothed batch inertia (scikit-learn's
/// <c>max_no_improvement</c>) or after MaxEpochs passes. The model's inertia is that of a full final assignment.
/// </summary>
/// <remarks>Sequential in the batches (so seeded runs are reproducible); the final assignment is parallel over fixed chunks.
/// Unlike scikit-learn, centres with few rows are not randomly re-seeded.</remarks>
public sealed class MiniBatchKMeans(MiniBatchKMeansOptions options) : IEstimator<KMeansModel>
{
    /// <summary>The settings.</summary>
    public MiniBatchKMeansOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Fits the centres.</summary>
    public KMeansModel Fit(FeatureMatrix data)
    {
        Options.Validate(data);
        int n = data.Rows, d = data.Columns, k = Options.Clusters;
        var x = data.Values;
        var random = new StreamRandom(Options.Seed);
        var po = RowChunks.Options(Options.MaxDegreeOfParallelism);
        int initSize = Math.Min(n, Options.InitSize ?? Math.Max(3 * Options.BatchSize, k));
        var initRows = initSize == n ? Enumerable.Range(0, n).ToArray() : random.Sample(n, initSize);
        var initData = new double[initSize * d];
        for (int t = 0; t < initSize; t++) Array.Copy(x, initRows[t] * d, initData, t * d, d);
        var ones = new double[initSize];
        Array.Fill(ones, 1.0);
        var centres = KMeansPlusPlus.Seed(initData, ones, initSize, d, k, ref random, po);

        var counts = new double[k];
        int batch = Math.Min(Options.BatchSize, n);
        long maxSteps = Math.Max(1, (long)Options.MaxEpochs * n / batch);
        double alpha = Math.Min(1.0, 2.0 * batch / (n + 1.0));
        double ewa = double.NaN, bestEwa = double.PositiveInfinity;
        int noImprovement = 0;
        bool converged = false;
        var sums = new double[k * d];
        var batchCounts = new double[k];
        var rows = new int[batch];
        var labels = new int[batch];
        long step = 0;
        for (; step < maxSteps; step++)
        {
            for (int t = 0; t < batch; t++) rows[t] = random.NextInt(n);
            Array.Clear(sums);
            Array.Clear(batchCounts);
            double inertia = 0;
            for (int t = 0; t < batch; t++)
            {
                int i = rows[t];
                int a = SquaredEuclidean.Nearest(ref x[i * d], centres, k, d, out double dist);
                labels[t] = a;
                inertia += dist;
                batchCounts[a]++;
                for (int c = 0; c < d; c++) sums[a * d + c] += x[i * d + c];
            }
            for (int j = 0; j < k; j++)
            {
                if (batchCounts[j] == 0) continue;
                double old = counts[j];
                counts[j] = old + batchCounts[j];
                for (int c = 0; c < d; c++) centres[j * d + c] = (centres[j * d + c] * old + sums[j * d + c]) / counts[j];
            }
            inertia /= batch;
            ewa = double.IsNaN(ewa) ? inertia : ewa * (1 - alpha) + inertia * alpha;
            if (ewa < bestEwa) { bestEwa = ewa; noImprovement = 0; }
            else if (++noImprovement >= Options.MaxNoImprovement) { converged = true; step++; break; }
        }
        var finalLabels = NearestCentroid.Predict(centres, k, data, d, Options.MaxDegreeOfParallelism);
        double total = KMeansEngine.Inertia(x, null, n, d, centres, finalLabels, po);
        return new KMeansModel(data.ColumnNames.ToEquatableArray(), EquatableArray.Rows(centres, d), total, (int)Math.Min(step, int.MaxValue),
            converged, NearestCentroid.Sizes(finalLabels, k));
    }
}
