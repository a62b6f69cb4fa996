using Segmentation.Analytics.Features;
using Segmentation.Analytics.Randomness;

namespace Segmentation.Analytics.Validation;

/// <summary>
/// Cluster-wise stability by the bootstrap, as fpc's <c>clusterboot</c> (Hennig 2007, Comput. Stat. Data Anal.
/// 52:258–271): refit the method on B bootstrap samples; for every original cluster take the best Jaccard match among
/// the bootstrap clusters, computed on the distinct rows drawn; average over the runs.
/// </summary>
/// <remarks>
/// Works with any method through a refit function returning an <see cref="ISegmentAssigner"/>: the original partition is
/// <c>refit(data, 0).Predict(data)</c> and bootstrap run b (1..B) uses <c>refit(sample_b, b)</c>, whose partition of the
/// drawn rows is its <c>Predict</c> on them (for centroid models, their training labels). The adjusted Rand index is
/// also reported between the original partition and each bootstrap model's partition of all rows.
/// </remarks>
public static class ClusterStability
{
    /// <summary>Bootstrap assessment with a refit function that ignores the run index.</summary>
    public static StabilityResult Bootstrap(FeatureMatrix data, Func<FeatureMatrix, ISegmentAssigner> refit, StabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(refit);
        return Bootstrap(data, (x, _) => refit(x), options);
    }

    /// <summary>Bootstrap assessment; <paramref name="refit"/> gets the data and the run index (0 = original) e.g. to vary a seed.</summary>
    public static StabilityResult Bootstrap(FeatureMatrix data, Func<FeatureMatrix, int, ISegmentAssigner> refit, StabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(refit);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int n = data.Rows, d = data.Columns;
        var original = refit(data, 0).Predict(data);
        var partition = new LabelPartition(original, n);
        int k = partition.Clusters;
        var codes = partition.Codes;
        var jaccardSum = new double[k];
        var runs = new int[k];
        var dissolved = new int[k];
        var recovered = new int[k];
        var ari = new double[options.Bootstraps];
        var random = new StreamRandom(options.Seed);
        var drawn = new bool[n];
        for (int b = 0; b < options.Bootstraps; b++)
        {
            Array.Clear(drawn);
            var sample = new double[n * d];
            for (int i = 0; i < n; i++)
            {
                int r = random.NextInt(n);
                drawn[r] = true;
                Array.Copy(data.Values, r * d, sample, i * d, d);
            }
            var model = refit(new FeatureMatrix(sample, n, d, data.ColumnNames), b + 1);
            var predicted = model.Predict(data);
            ari[b] = AdjustedRandIndex.Compute(original, predicted);
            var boot = new LabelPartition(predicted, n);
            int kb = boot.Clusters;
            var overlap = new int[k * kb];
            var sizeA = new int[k];
            var sizeB = new int[kb];
            for (int i = 0; i < n; i++)
            {
                if (!drawn[i]) continue;
                overlap[codes[i] * kb + boot.Codes[i]]++;
                sizeA[codes[i]]++;
                sizeB[boot.Codes[i]]++;
            }
            for (int c = 0; c < k; c++)
            {
                if (sizeA[c] == 0) continue;
                double best = 0;
                for (int j = 0; j < kb; j++)
                {
                    int inter = overlap[c * kb + j];
                    if (inter == 0) continue;
                    best = Math.Max(best, (double)inter / (sizeA[c] + sizeB[j] - inter));
                }
                jaccardSum[c] += best;
                runs[c]++;
                if (best < options.DissolvedBelow) dissolved[c]++;
                if (best >= options.StableFrom) recovered[c]++;
            }
        }
        var labelOfCode = new int[k];
        for (int i = 0; i < n; i++) labelOfCode[codes[i]] = original[i];
        var entries = new ClusterStabilityEntry[k];
        for (int c = 0; c < k; c++)
        {
            double mean = runs[c] == 0 ? 0 : jaccardSum[c] / runs[c];
            var level = mean < options.DissolvedBelow ? ClusterStabilityLevel.Dissolved
                : mean < options.StableFrom ? ClusterStabilityLevel.Doubtful
                : mean < options.HighlyStableFrom ? ClusterStabilityLevel.Stable
                : ClusterStabilityLevel.HighlyStable;
            entries[c] = new ClusterStabilityEntry(labelOfCode[c], partition.Sizes[c], mean, dissolved[c], recovered[c], runs[c], level);
        }
        return new StabilityResult(entries, ari, ari.Average());
    }
}
