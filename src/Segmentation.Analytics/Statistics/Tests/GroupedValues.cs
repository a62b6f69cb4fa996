namespace Segmentation.Analytics.Statistics.Tests;

/// <summary>The non-missing values of one feature, regrouped so each segment's values are contiguous (segments in label order, rows in input order).</summary>
internal sealed class GroupedValues
{
    private readonly int[] start;

    private GroupedValues(double[] values, int[] start)
    {
        Values = values;
        this.start = start;
    }

    /// <summary>All non-missing values, grouped.</summary>
    public double[] Values { get; }

    /// <summary>Number of non-missing values.</summary>
    public int Count => Values.Length;

    /// <summary>Number of segments with at least one value.</summary>
    public int Groups => start.Length - 1;

    /// <summary>The values of group <paramref name="g"/>.</summary>
    public ReadOnlySpan<double> Of(int g) => Values.AsSpan(start[g], start[g + 1] - start[g]);

    /// <summary>Start and length of group <paramref name="g"/> in <see cref="Values"/>.</summary>
    public (int Start, int Length) Range(int g) => (start[g], start[g + 1] - start[g]);

    public static GroupedValues Create(ReadOnlySpan<double> values, ReadOnlySpan<int> labels)
    {
        if (values.Length != labels.Length)
            throw new ArgumentException($"labels has {labels.Length} values; values has {values.Length}.", nameof(labels));
        int max = -1;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0) throw new ArgumentException($"labels[{i}] = {labels[i]}; labels must be ≥ 0.", nameof(labels));
            max = Math.Max(max, labels[i]);
        }
        var counts = new int[max + 1];
        for (int i = 0; i < values.Length; i++) if (!double.IsNaN(values[i])) counts[labels[i]]++;
        var present = Enumerable.Range(0, max + 1).Where(g => counts[g] > 0).ToArray();
        var code = new int[max + 1];
        var start = new int[present.Length + 1];
        for (int t = 0; t < present.Length; t++) { code[present[t]] = t; start[t + 1] = start[t] + counts[present[t]]; }
        var next = (int[])start.Clone();
        var grouped = new double[start[^1]];
        for (int i = 0; i < values.Length; i++)
            if (!double.IsNaN(values[i])) grouped[next[code[labels[i]]]++] = values[i];
        return new GroupedValues(grouped, start);
    }
}
