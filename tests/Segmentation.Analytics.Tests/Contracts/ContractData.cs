using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Statistics;
using Segmentation.Experiments;

namespace Segmentation.Analytics.Tests.Contracts;

/// <summary>Small seeded data sets of every input type the estimators learn from, and the row permutations and snapshots the contract checks use.</summary>
public static class ContractData
{
    /// <summary>Three well separated Gaussian blobs in <paramref name="columns"/> dimensions, <paramref name="perBlob"/> rows each, and their labels.</summary>
    public static (FeatureMatrix Data, int[] Labels) Blobs(int perBlob = 20, int columns = 3, int seed = 1)
    {
        var random = new Random(seed);
        int n = 3 * perBlob;
        var values = new double[n * columns];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 3;
            for (int j = 0; j < columns; j++)
                values[i * columns + j] = 6.0 * labels[i] * (j % 2 == 0 ? 1 : -0.5) + Normal(random) + 0.3 * j * labels[i];
        }
        return (new FeatureMatrix(values, n, columns, Enumerable.Range(0, columns).Select(j => $"f{j}").ToArray()), labels);
    }

    /// <summary>Correlated positive columns (two latent factors), e.g. for factor analysis or ln(1 + x).</summary>
    public static FeatureMatrix Correlated(int rows = 80, int seed = 2)
    {
        var random = new Random(seed);
        var values = new double[rows * 5];
        for (int i = 0; i < rows; i++)
        {
            double a = Normal(random), b = Normal(random);
            double[] row = [a + 0.3 * Normal(random), a + 0.4 * Normal(random), a - b + 0.5 * Normal(random), b + 0.3 * Normal(random), b + 0.4 * Normal(random)];
            for (int j = 0; j < 5; j++) values[i * 5 + j] = Math.Exp(row[j] / 2);
        }
        return new FeatureMatrix(values, rows, 5, ["v0", "v1", "v2", "v3", "v4"]);
    }

    /// <summary>Category codes (small integers) in three columns.</summary>
    public static FeatureMatrix Codes(int rows = 60, int seed = 3)
    {
        var random = new Random(seed);
        var values = new double[rows * 3];
        for (int i = 0; i < values.Length; i++) values[i] = random.Next(1 + i % 3 + 2);
        return new FeatureMatrix(values, rows, 3, ["channel", "region", "tier"]);
    }

    /// <summary>The same matrix with one value replaced by NaN.</summary>
    public static FeatureMatrix WithMissing(FeatureMatrix data)
    {
        var values = data.Values.ToArray();
        values[values.Length / 2] = double.NaN;
        return new FeatureMatrix(values, data.Rows, data.Columns, data.ColumnNames);
    }

    /// <summary>A matrix with no rows and the same columns.</summary>
    public static FeatureMatrix Empty(FeatureMatrix data) => new([], 0, data.Columns, data.ColumnNames);

    /// <summary>The first column of <paramref name="data"/> dropped (a matrix of another width).</summary>
    public static FeatureMatrix Narrower(FeatureMatrix data)
    {
        int d = data.Columns - 1;
        var values = new double[data.Rows * d];
        for (int i = 0; i < data.Rows; i++) data.Row(i)[1..].CopyTo(values.AsSpan(i * d, d));
        return new FeatureMatrix(values, data.Rows, d, data.ColumnNames.Skip(1).ToArray());
    }

    /// <summary>The rows of <paramref name="data"/> in the order <paramref name="order"/>.</summary>
    public static FeatureMatrix Permute(FeatureMatrix data, int[] order)
    {
        var values = new double[data.Values.Length];
        for (int r = 0; r < order.Length; r++) data.Row(order[r]).CopyTo(values.AsSpan(r * data.Columns, data.Columns));
        return new FeatureMatrix(values, data.Rows, data.Columns, data.ColumnNames);
    }

    /// <summary>Recency, frequency and spend of 120 customers, two of whom never bought (recency +∞).</summary>
    public static RfmInput Rfm(int seed = 4)
    {
        var random = new Random(seed);
        int n = 120;
        var ids = Enumerable.Range(0, n).Select(i => $"C{i:D4}").ToArray();
        var recency = new double[n];
        var frequency = new double[n];
        var monetary = new double[n];
        for (int i = 0; i < n; i++)
        {
            frequency[i] = i < 2 ? 0 : 1 + random.Next(12);
            recency[i] = i < 2 ? double.PositiveInfinity : random.Next(400);
            monetary[i] = i < 2 ? -15 : Math.Round(frequency[i] * (20 + 80 * random.NextDouble()), 2);
        }
        return new RfmInput(ids, recency, frequency, monetary);
    }

    /// <summary>The customers of <paramref name="data"/> in the order <paramref name="order"/>.</summary>
    public static RfmInput Permute(RfmInput data, int[] order) =>
        new(order.Select(i => data.CustomerIds[i]).ToArray(), order.Select(i => data.RecencyDays[i]).ToArray(),
            order.Select(i => data.Frequency[i]).ToArray(), order.Select(i => data.Monetary[i]).ToArray());

    /// <summary>Per-customer values (e.g. spend): skewed, with some zeros and a refund.</summary>
    public static double[] Values(int seed = 5)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 150).Select(i => i % 17 == 0 ? 0 : i == 3 ? -40 : Math.Round(Math.Exp(3 + 1.5 * Normal(random)), 2)).ToArray();
    }

    /// <summary>Purchase histories of 150 customers at a snapshot (prospects, one-time and repeat buyers).</summary>
    public static LifecycleActivity[] Lifecycle(int seed = 6)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 150).Select(i =>
        {
            if (i % 19 == 0) return new LifecycleActivity(0, null, null, null);
            long n = 1 + random.Next(9);
            double tenure = 10 + random.Next(700);
            double recency = Math.Round(tenure * random.NextDouble());
            return new LifecycleActivity(n, recency, tenure, n >= 2 ? Math.Max(1, (tenure - recency) / (n - 1)) : null);
        }).ToArray();
    }

    /// <summary>A BG/NBD customer summary (weeks) of 300 customers drawn from known parameters, with spend for repeat buyers.</summary>
    public static CustomerSummary Summary(int seed = 7)
    {
        var random = new Random(seed);
        int n = 300;
        var age = Enumerable.Range(0, n).Select(_ => 10 + 42 * random.NextDouble()).ToArray();
        var (frequency, recency) = BgNbdSimulator.Simulate(0.5, 4, 0.8, 2.5, age, seed);
        var monetary = frequency.Select(x => x > 0 ? Math.Round(20 + 60 * random.NextDouble() + 10 * Normal(random) * Normal(random), 2) : 0).Select(m => Math.Max(m, 1)).ToArray();
        int end = 739_000;
        var first = age.Select(t => end - (int)Math.Round(t * 7)).ToArray();
        var last = first.Select((f, i) => f + (int)Math.Round(recency[i] * 7)).ToArray();
        return new CustomerSummary(Enumerable.Range(1, n).Select(i => (long)i).ToArray(), frequency, recency, age, monetary, first, last, end, 7);
    }

    /// <summary>The customers of <paramref name="summary"/> in the order <paramref name="order"/>.</summary>
    public static CustomerSummary Permute(CustomerSummary summary, int[] order)
    {
        T[] Take<T>(T[] a) => order.Select(i => a[i]).ToArray();
        return summary with
        {
            CustomerIds = Take(summary.CustomerIds), Frequency = Take(summary.Frequency), Recency = Take(summary.Recency), Age = Take(summary.Age),
            MonetaryValue = Take(summary.MonetaryValue), FirstPurchaseDay = Take(summary.FirstPurchaseDay), LastPurchaseDay = Take(summary.LastPurchaseDay),
        };
    }

    /// <summary>A per-customer feature table: id, four numeric features (three planted segments), a missing value.</summary>
    public static DataFrame FeatureTable(int seed = 8)
    {
        var random = new Random(seed);
        int n = 90;
        var id = new StringDataFrameColumn("customer_id", n);
        var recency = new DoubleDataFrameColumn("recency_days", n);
        var frequency = new DoubleDataFrameColumn("frequency", n);
        var value = new DoubleDataFrameColumn("avg_order_value", n);
        var online = new DoubleDataFrameColumn("online_share", n);
        var monetary = new DoubleDataFrameColumn("monetary", n);
        for (int i = 0; i < n; i++)
        {
            int s = i % 3;
            id[i] = $"C{i:D4}";
            recency[i] = Math.Max(0, Math.Round(new[] { 10.0, 60, 200 }[s] + 8 * Normal(random)));
            frequency[i] = Math.Max(1, Math.Round(new[] { 20.0, 8, 2 }[s] + 2 * Normal(random)));
            value[i] = Math.Round(new[] { 300.0, 120, 60 }[s] * Math.Exp(0.2 * Normal(random)), 2);
            online[i] = Math.Clamp(new[] { 0.7, 0.3, 0.1 }[s] + 0.1 * Normal(random), 0, 1);
            monetary[i] = frequency[i] * value[i];
        }
        online[5] = null;
        return new DataFrame(id, recency, frequency, value, online, monetary);
    }

    /// <summary>A randomised two-arm experiment of 800 customers (<see cref="SyntheticExperiment.Create"/>).</summary>
    public static ExperimentData Experiment(int seed = 9) => SyntheticExperiment.Create(seed);

    /// <summary>A stable text image of a value's contents, to tell whether a fit changed its input.</summary>
    public static string Snapshot(object data) => data switch
    {
        FeatureMatrix m => string.Join(",", m.Values.Select(Bits)) + "|" + string.Join(",", m.ColumnNames),
        LabelledMatrix l => Snapshot(l.Features) + "|" + string.Join(",", l.Labels),
        RfmInput r => string.Join(",", r.CustomerIds) + "|" + string.Join(",", r.RecencyDays.Concat(r.Frequency).Concat(r.Monetary).Select(Bits)),
        IReadOnlyList<double> v => string.Join(",", v.Select(Bits)),
        IReadOnlyList<LifecycleActivity> a => string.Join(";", a),
        CustomerSummary s => string.Join(",", s.CustomerIds) + "|" + string.Join(",", s.Frequency) + "|"
            + string.Join(",", s.Recency.Concat(s.Age).Concat(s.MonetaryValue).Select(Bits)) + "|" + string.Join(",", s.FirstPurchaseDay.Concat(s.LastPurchaseDay)),
        DataFrame f => string.Join("|", f.Columns.Select(c => c.Name + ":" + c.DataType.Name + ":" + string.Join(",", Enumerable.Range(0, (int)c.Length).Select(i => c[i] is double d ? Bits(d) : c[i]?.ToString() ?? "null")))),
        ExperimentData e => string.Join(",", e.Arm) + "|" + string.Join(",", e.RowNumbers) + "|"
            + string.Join("|", e.Outcomes.Concat(e.NumericFeatures).Select(kv => kv.Key + ":" + string.Join(",", kv.Value.Select(Bits))))
            + "|" + string.Join("|", e.CategoricalFeatures.Select(kv => kv.Key + ":" + string.Join(",", kv.Value))),
        _ => throw new ArgumentException($"No snapshot for {data.GetType().Name}.", nameof(data)),
    };

    /// <summary>A seeded permutation of 0..n−1 (not the identity).</summary>
    public static int[] Permutation(int n, int seed = 11)
    {
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    private static string Bits(double v) => BitConverter.DoubleToInt64Bits(v).ToString("X16", System.Globalization.CultureInfo.InvariantCulture);

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
