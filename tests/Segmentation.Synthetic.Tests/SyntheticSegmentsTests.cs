using Segmentation.Synthetic;

namespace Segmentation.Synthetic.Tests;

public sealed class SyntheticSegmentsTests
{
    private static readonly SyntheticDataset Data = SyntheticGenerator.Create(new SyntheticOptions { Customers = 3000, Seed = 11 });

    /// <summary>Behavioural features per customer as of the day after the horizon: recency (days), purchases, AOV, online share, age.</summary>
    private sealed record Behaviour(double Recency, double Frequency, double Aov, double Online, double? Age);

    private static Behaviour[] Features(SyntheticDataset data)
    {
        var asOf = new DateTime(2026, 11, 1);
        var n = data.Customers.Length;
        var last = new DateTime[n];
        var count = new int[n];
        var amount = new double[n];
        var online = new int[n];
        foreach (var t in data.Transactions.Where(t => !t.IsReturn))
        {
            int i = t.CustomerNumber - 1;
            last[i] = t.Timestamp > last[i] ? t.Timestamp : last[i];
            count[i]++;
            amount[i] += t.Amount;
            if (t.Channel is "web" or "app") online[i]++;
        }
        return Enumerable.Range(0, n).Select(i => new Behaviour(
            count[i] == 0 ? 731 : (asOf - last[i]).TotalDays, count[i], count[i] == 0 ? 0 : amount[i] / count[i],
            count[i] == 0 ? 0 : online[i] / (double)count[i], 2026 - data.Customers[i].BirthYear)).ToArray();
    }

    private static Dictionary<string, Behaviour[]> BySegment(SyntheticDataset data)
    {
        var features = Features(data);
        return data.Truth.Segments.Select((s, k) => (s.Key, Rows: features.Where((_, i) => data.PlantedSegmentIndex[i] == k).ToArray()))
            .ToDictionary(p => p.Key, p => p.Rows);
    }

    [Fact]
    public void Segment_sizes_are_the_largest_remainder_rounding_of_the_shares()
    {
        var expected = new Dictionary<string, int>
        {
            [PlantedSegments.YoungOnlineHigh] = 510, [PlantedSegments.SteadyMiddleAged] = 750, [PlantedSegments.BargainHunters] = 690,
            [PlantedSegments.SeniorOccasional] = 450, [PlantedSegments.BusinessBuyers] = 150, [PlantedSegments.Churning] = 450,
        };
        Assert.Equal(expected, Data.Truth.Segments.ToDictionary(s => s.Key, s => s.Customers));
        Assert.Equal(expected, Data.Truth.CustomerSegments.Values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count()));
    }

    [Fact]
    public void Per_segment_behaviour_differs_as_planted()
    {
        var seg = BySegment(Data);
        double Mean(string key, Func<Behaviour, double> f) => seg[key].Average(f);
        Assert.True(Mean(PlantedSegments.YoungOnlineHigh, b => b.Online) > 0.7);
        Assert.True(Mean(PlantedSegments.SteadyMiddleAged, b => b.Online) < 0.3);
        Assert.True(Mean(PlantedSegments.SeniorOccasional, b => b.Online) < 0.15);
        Assert.True(Mean(PlantedSegments.SeniorOccasional, b => b.Age!.Value) > 58);
        Assert.InRange(Mean(PlantedSegments.YoungOnlineHigh, b => b.Age!.Value), 20, 32);
        Assert.InRange(Mean(PlantedSegments.SteadyMiddleAged, b => b.Age!.Value), 38, 55);
        Assert.All(seg[PlantedSegments.BusinessBuyers], b => Assert.Null(b.Age));
        string[] byAov = seg.Keys.OrderByDescending(k => Mean(k, b => b.Aov)).ToArray();
        Assert.Equal(PlantedSegments.BusinessBuyers, byAov[0]);
        Assert.Equal(PlantedSegments.YoungOnlineHigh, byAov[1]);
        Assert.Equal(PlantedSegments.BargainHunters, byAov[^1]);
        string[] byFrequency = seg.Keys.OrderByDescending(k => Mean(k, b => b.Frequency)).ToArray();
        Assert.Equal(PlantedSegments.YoungOnlineHigh, byFrequency[0]);
        Assert.True(Mean(PlantedSegments.Churning, b => b.Recency) > 180);
        Assert.True(seg.Where(p => p.Key != PlantedSegments.Churning).All(p => p.Value.Average(b => b.Recency) < 90));
        foreach (var s in Data.Truth.Segments) // realised AOV within 10 % of the planted one
            Assert.InRange(Mean(s.Key, b => b.Aov) / s.IntendedAverageOrderValue, 0.9, 1.1);
    }

    [Fact]
    public void Business_accounts_have_company_fields_and_consumers_do_not()
    {
        for (int i = 0; i < Data.Customers.Length; i++)
        {
            var c = Data.Customers[i];
            bool business = Data.Truth.Segments[Data.PlantedSegmentIndex[i]].IsBusiness;
            Assert.Equal(business, c.CompanySize is not null);
            Assert.Equal(business, c.Industry is not null);
            Assert.Equal(business, c.BirthYear is null);
        }
        var bargain = Data.Truth.Segments.Select((s, k) => (s, k)).Single(p => p.s.Key == PlantedSegments.BargainHunters).k;
        double bargainSensitivity = Data.Customers.Where((c, i) => Data.PlantedSegmentIndex[i] == bargain && c.PriceSensitivity is not null).Average(c => c.PriceSensitivity!.Value);
        double otherSensitivity = Data.Customers.Where((c, i) => Data.PlantedSegmentIndex[i] != bargain && c.PriceSensitivity is not null).Average(c => c.PriceSensitivity!.Value);
        Assert.True(bargainSensitivity > 4.0 && otherSensitivity < 3.2, $"{bargainSensitivity:F2} vs {otherSensitivity:F2}");
    }

    [Fact]
    public void Adjusted_rand_index_matches_the_documented_scikit_learn_example()
    {
        // scikit-learn docs, adjusted_rand_score: ([0, 0, 1, 2], [0, 0, 1, 1]) → 0.57…; permuted labels → 1.0.
        Assert.Equal(0.5714285714285715, AdjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1]), 12);
        Assert.Equal(1.0, AdjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]), 12);
    }

    [Fact]
    public void Planted_segments_are_recovered_by_k_means_on_standardised_behaviour_with_ARI_at_least_0_9()
    {
        var features = Features(Data);
        int n = features.Length, d = 4;
        var x = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            x[i * d] = features[i].Recency;
            x[i * d + 1] = Math.Log(1 + features[i].Frequency);
            x[i * d + 2] = Math.Log(1 + features[i].Aov);
            x[i * d + 3] = features[i].Online;
        }
        for (int j = 0; j < d; j++)
        {
            double mean = 0, sq = 0;
            for (int i = 0; i < n; i++) mean += x[i * d + j];
            mean /= n;
            for (int i = 0; i < n; i++) sq += (x[i * d + j] - mean) * (x[i * d + j] - mean);
            double sd = Math.Sqrt(sq / n);
            for (int i = 0; i < n; i++) x[i * d + j] = (x[i * d + j] - mean) / sd;
        }
        var labels = KMeans(x, n, d, k: 6, restarts: 10, seed: 1);
        double ari = AdjustedRandIndex(Data.PlantedSegmentIndex, labels);
        Assert.True(ari >= 0.9, $"ARI {ari:F3}");
    }

    [Fact]
    public void Shifting_the_mix_changes_segment_sizes_accordingly()
    {
        var mix = PlantedSegments.WithShares(new Dictionary<string, double> { [PlantedSegments.BusinessBuyers] = 0.20, [PlantedSegments.Churning] = 0 });
        var data = SyntheticGenerator.Create(new SyntheticOptions { Customers = 1000, Seed = 3, Segments = mix });
        var sizes = data.Truth.Segments.ToDictionary(s => s.Key, s => s.Customers);
        Assert.Equal(0, sizes[PlantedSegments.Churning]);
        Assert.Equal(200, sizes[PlantedSegments.BusinessBuyers]); // 0.20 / (0.85 + 0.20 − 0.15 − 0.05 + …) = 0.2 / 1.0
        Assert.Empty(data.Truth.ChurnMonths);
        Assert.Equal(200, data.Customers.Count(c => c.CompanySize is not null));
    }

    [Fact]
    public void The_B2B_share_can_be_set_directly()
    {
        var data = SyntheticGenerator.Create(new SyntheticOptions { Customers = 1000, Seed = 3 }.WithBusinessShare(0.10));
        Assert.Equal(100, data.Customers.Count(c => c.CompanySize is not null));
        Assert.Equal(250 * 0.9 / 0.95, data.Truth.Segments.Single(s => s.Key == PlantedSegments.SteadyMiddleAged).Customers, 1.0); // 236.8 before largest-remainder rounding
    }

    // ---- small independent references: Lloyd's k-means with k-means++ seeding, and the Hubert–Arabie ARI.

    private static int[] KMeans(double[] x, int n, int d, int k, int restarts, int seed)
    {
        var random = new Random(seed);
        int[] best = [];
        double bestInertia = double.PositiveInfinity;
        for (int r = 0; r < restarts; r++)
        {
            var centres = new double[k * d];
            int first = random.Next(n);
            Array.Copy(x, first * d, centres, 0, d);
            var dist = new double[n];
            for (int c = 1; c < k; c++)
            {
                double total = 0;
                for (int i = 0; i < n; i++)
                {
                    dist[i] = double.PositiveInfinity;
                    for (int cc = 0; cc < c; cc++) dist[i] = Math.Min(dist[i], Distance(x, i, centres, cc, d));
                    total += dist[i];
                }
                double u = random.NextDouble() * total;
                int pick = 0;
                while (pick < n - 1 && (u -= dist[pick]) > 0) pick++;
                Array.Copy(x, pick * d, centres, c * d, d);
            }
            var labels = new int[n];
            double inertia = 0;
            for (int iteration = 0; iteration < 300; iteration++)
            {
                bool changed = false;
                inertia = 0;
                for (int i = 0; i < n; i++)
                {
                    int arg = 0;
                    double min = double.PositiveInfinity;
                    for (int c = 0; c < k; c++)
                    {
                        double dd = Distance(x, i, centres, c, d);
                        if (dd < min) { min = dd; arg = c; }
                    }
                    changed |= labels[i] != arg || iteration == 0;
                    labels[i] = arg;
                    inertia += min;
                }
                if (!changed) break;
                var sums = new double[k * d];
                var counts = new int[k];
                for (int i = 0; i < n; i++)
                {
                    counts[labels[i]]++;
                    for (int j = 0; j < d; j++) sums[labels[i] * d + j] += x[i * d + j];
                }
                for (int c = 0; c < k; c++)
                    if (counts[c] > 0)
                        for (int j = 0; j < d; j++) centres[c * d + j] = sums[c * d + j] / counts[c];
            }
            if (inertia < bestInertia) { bestInertia = inertia; best = labels; }
        }
        return best;
    }

    private static double Distance(double[] x, int i, double[] centres, int c, int d)
    {
        double s = 0;
        for (int j = 0; j < d; j++) { double t = x[i * d + j] - centres[c * d + j]; s += t * t; }
        return s;
    }

    private static double AdjustedRandIndex(int[] a, int[] b)
    {
        static double Pairs(long m) => m * (m - 1) / 2.0;
        var table = a.Zip(b).GroupBy(p => p).Sum(g => Pairs(g.Count()));
        double rows = a.GroupBy(v => v).Sum(g => Pairs(g.Count()));
        double cols = b.GroupBy(v => v).Sum(g => Pairs(g.Count()));
        double expected = rows * cols / Pairs(a.Length);
        return (table - expected) / ((rows + cols) / 2 - expected);
    }
}
