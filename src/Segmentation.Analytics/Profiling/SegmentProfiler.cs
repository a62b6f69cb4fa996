using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Profiling;

/// <summary>
/// Describes each segment against the whole population (the "细分群体画像"): size and share, value share, mean and
/// median of every numeric feature with its index (100 × segment mean / population mean; 100 = average) and z-score
/// ((segment mean − population mean) / population sd), the features that set the segment apart most (largest |z|),
/// and the composition by every categorical feature (gender, occupation, region, lifestyle …).
/// </summary>
/// <remarks>
/// Missing values (null) are left out of means, medians and standard deviations, per feature; a feature known for fewer
/// than <see cref="MinimumKnownShare"/> of the rows is not profiled at all (<see cref="SegmentProfiles.Dropped"/>); they count in the
/// denominators of category shares (reported as the missing share) and as 0 in value sums. Standard deviations use
/// the divisor n (population), so a z-score reads in units of the population's own spread.
/// </remarks>
public sealed class SegmentProfiler(SegmentProfilerOptions? options = null)
{
    /// <summary>The settings.</summary>
    public SegmentProfilerOptions Options { get; } = options ?? new();

    /// <summary>Profiles the segments <paramref name="labels"/> (0..K−1, one per row) of <paramref name="features"/> (not modified).</summary>
    /// <exception cref="ArgumentException">The label count differs from the row count, a label is negative, or a named column is missing or has the wrong type.</exception>
    public SegmentProfiles Profile(DataFrame features, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        Options.Validate();
        int n = checked((int)features.Rows.Count);
        if (labels.Length != n) throw new ArgumentException($"labels has {labels.Length} values; the frame has {n} rows.", nameof(labels));
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            if (labels[i] < 0) throw new ArgumentException($"labels[{i}] = {labels[i]}; segments must be ≥ 0.", nameof(labels));
            k = Math.Max(k, labels[i] + 1);
        }
        var label = labels.ToArray();
        var asked = Options.NumericFeatures?.ToArray()
            ?? features.Columns.Where(c => c.Name != Options.IdColumn && FrameColumns.IsNumeric(c)).Select(c => c.Name).ToArray();
        // Missing is not zero: a feature measured for (nearly) nobody — a channel share without channel data — is not profiled.
        var numeric = asked.Where(c => Known(features, c) is var known && known > 0 && known >= MinimumKnownShare * n).ToArray();
        var dropped = asked.Except(numeric).ToArray();
        var categorical = Options.CategoricalFeatures?.ToArray()
            ?? features.Columns.Where(c => c.Name != Options.IdColumn && c.DataType == typeof(string)).Select(c => c.Name).ToArray();
        var sizes = new int[k];
        foreach (int l in label) sizes[l]++;

        var population = new FeatureSummary[numeric.Length];
        var perSegment = new FeatureProfile[k][];
        for (int s = 0; s < k; s++) perSegment[s] = new FeatureProfile[numeric.Length];
        for (int j = 0; j < numeric.Length; j++)
        {
            var x = FrameColumns.Numbers(features, numeric[j], nameof(features));
            var all = Describe(x);
            population[j] = new FeatureSummary(numeric[j], all.Mean, all.Median, all.Sd, all.Count);
            var groups = new List<double>[k];
            for (int s = 0; s < k; s++) groups[s] = [];
            for (int i = 0; i < n; i++) groups[label[i]].Add(x[i]);
            for (int s = 0; s < k; s++)
            {
                var d = Describe(groups[s].ToArray());
                double index = all.Mean == 0 ? double.NaN : 100 * d.Mean / all.Mean;
                double z = all.Sd == 0 ? 0 : (d.Mean - all.Mean) / all.Sd;
                perSegment[s][j] = new FeatureProfile(numeric[j], d.Mean, d.Median, d.Sd, d.Count, all.Mean, index, z);
            }
        }

        var compositions = new CategoryComposition[k][];
        for (int s = 0; s < k; s++) compositions[s] = new CategoryComposition[categorical.Length];
        for (int j = 0; j < categorical.Length; j++)
        {
            var keys = FrameColumns.Keys(features, categorical[j], nameof(features), out _);
            var populationCounts = new Dictionary<string, int>(StringComparer.Ordinal);
            int populationMissing = 0;
            foreach (var key in keys)
                if (key is null) populationMissing++;
                else populationCounts[key] = populationCounts.GetValueOrDefault(key) + 1;
            var listed = populationCounts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(Options.MaxCategories).Select(kv => kv.Key).ToArray();
            bool hasOther = populationCounts.Count > listed.Length;
            var column = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int t = 0; t < listed.Length; t++) column[listed[t]] = t;
            int width = listed.Length + (hasOther ? 1 : 0);
            var counts = new int[k, width];
            var missing = new int[k];
            for (int i = 0; i < n; i++)
            {
                if (keys[i] is not { } key) { missing[label[i]]++; continue; }
                counts[label[i], column.TryGetValue(key, out int t) ? t : width - 1]++;
            }
            var populationShare = new double[width];
            for (int t = 0; t < listed.Length; t++) populationShare[t] = (double)populationCounts[listed[t]] / n;
            if (hasOther) populationShare[width - 1] = (double)populationCounts.Where(kv => !column.ContainsKey(kv.Key)).Sum(kv => kv.Value) / n;
            for (int s = 0; s < k; s++)
            {
                var shares = new CategoryShare[width];
                for (int t = 0; t < width; t++)
                    shares[t] = new CategoryShare(t < listed.Length ? listed[t] : OneHotEncoderColumn.OtherLabel, counts[s, t],
                        sizes[s] == 0 ? double.NaN : (double)counts[s, t] / sizes[s], populationShare[t]);
                compositions[s][j] = new CategoryComposition(categorical[j], sizes[s] == 0 ? double.NaN : (double)missing[s] / sizes[s], (double)populationMissing / n, shares);
            }
        }

        var revenue = ValueSums(features, Options.RevenueColumn, label, k);
        var profit = ValueSums(features, Options.ProfitColumn, label, k);
        var clv = ValueSums(features, Options.ClvColumn, label, k);
        var profiles = new SegmentProfile[k];
        for (int s = 0; s < k; s++)
        {
            var value = new SegmentValue(revenue?.Sums[s], Share(revenue, s), profit?.Sums[s], Share(profit, s), clv?.Sums[s], Share(clv, s));
            // A feature known for fewer than half of the segment does not characterise it.
            var top = perSegment[s].Where(f => !double.IsNaN(f.ZScore) && f.ZScore != 0 && 2 * f.Count >= sizes[s])
                .OrderByDescending(f => Math.Abs(f.ZScore)).ThenBy(f => f.Feature, StringComparer.Ordinal)
                .Take(Options.TopFeatures).Select(f => f.Feature).ToArray();
            profiles[s] = new SegmentProfile(s, sizes[s], n == 0 ? 0 : (double)sizes[s] / n, value, perSegment[s], top, compositions[s]);
        }
        return new SegmentProfiles(n, population, profiles) { Dropped = dropped.Length > 0 ? dropped : null };
    }

    /// <summary>A numeric feature known for fewer than this share of the rows is left out of the profiles (listed in <see cref="SegmentProfiles.Dropped"/>).</summary>
    public const double MinimumKnownShare = 0.05;

    private static int Known(DataFrame frame, string column) => FrameColumns.Numbers(frame, column, nameof(frame)).Count(v => !double.IsNaN(v));

    private static double? Share((double[] Sums, double Total)? sums, int s) =>
        sums is { } v ? (v.Total == 0 ? double.NaN : v.Sums[s] / v.Total) : null;

    private static (double[] Sums, double Total)? ValueSums(DataFrame frame, string? column, int[] label, int k)
    {
        if (column is null || frame.Columns.IndexOf(column) < 0) return null;
        var x = FrameColumns.Numbers(frame, column, nameof(frame));
        var sums = new double[k];
        double total = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i])) continue;
            sums[label[i]] += x[i];
            total += x[i];
        }
        return (sums, total);
    }

    /// <summary>Mean, median and population sd of the non-missing values.</summary>
    internal static (double Mean, double Median, double Sd, int Count) Describe(double[] values)
    {
        var x = values.Where(v => !double.IsNaN(v)).ToArray();
        if (x.Length == 0) return (double.NaN, double.NaN, double.NaN, 0);
        double mean = 0;
        foreach (var v in x) mean += v;
        mean /= x.Length;
        double ss = 0;
        foreach (var v in x) ss += (v - mean) * (v - mean);
        Array.Sort(x);
        int m = x.Length / 2;
        double median = x.Length % 2 == 1 ? x[m] : (x[m - 1] + x[m]) / 2;
        return (mean, median, Math.Sqrt(ss / x.Length), x.Length);
    }
}
