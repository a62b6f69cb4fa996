namespace Segmentation.Analytics.Statistics;

/// <summary>
/// Churn warning kernel: flags customers whose BG/NBD probability of being alive is low, or who have
/// been silent much longer than their own purchase rhythm, and sums the lifetime value at risk per segment.
/// </summary>
public static class ChurnWarning
{
    /// <summary>
    /// Flags every customer. Rule 1: P(alive | x, t_x, T) &lt; threshold. Rule 2 (x ≥ minimum repeats):
    /// T − t_x &gt; k · t_x / x, i.e. the silence since the last purchase exceeds k mean inter-purchase
    /// intervals (the x repeat purchases span t_x, so the mean gap is t_x / x). Times in the summary's unit.
    /// </summary>
    public static ChurnAssessment Assess(BgNbdModel model, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency,
                                         ReadOnlySpan<double> age, ChurnWarningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new ChurnWarningOptions();
        options.Validate();
        var alive = model.ProbabilityAlive(frequency, recency, age);
        int n = frequency.Length;
        var low = new bool[n];
        var rhythm = new bool[n];
        var atRisk = new bool[n];
        for (int i = 0; i < n; i++)
        {
            low[i] = alive[i] < options.AliveThreshold;
            if (frequency[i] >= options.MinimumRepeatPurchases)
            {
                double meanInterval = recency[i] / frequency[i];
                rhythm[i] = age[i] - recency[i] > options.RhythmMultiple * meanInterval;
            }
            atRisk[i] = low[i] || rhythm[i];
        }
        return new ChurnAssessment(alive, low, rhythm, atRisk);
    }

    /// <summary>
    /// Flags every customer of a summary: with <see cref="Assess(BgNbdModel, ReadOnlySpan{int}, ReadOnlySpan{double}, ReadOnlySpan{double}, ChurnWarningOptions?)"/>
    /// when the model's P(alive) is informative (<see cref="BgNbdModel.ProbabilityAliveIsInformative"/>), otherwise with the
    /// recency rule alone (<see cref="AssessByRecency(ReadOnlySpan{int}, ReadOnlySpan{double}, ReadOnlySpan{double}, ChurnWarningOptions?)"/>).
    /// </summary>
    public static ChurnAssessment Assess(BgNbdModel model, CustomerSummary summary, ChurnWarningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(summary);
        return model.ProbabilityAliveIsInformative
            ? Assess(model, summary.Frequency, summary.Recency, summary.Age, options)
            : AssessByRecency(summary.Frequency, summary.Recency, summary.Age, options);
    }

    /// <summary>
    /// The recency rule, used when no identified BG/NBD fit gives P(alive): a customer is at risk when the time since the
    /// last purchase, T − t_x, exceeds k = <see cref="ChurnWarningOptions.RhythmMultiple"/> times their own mean gap between
    /// purchases, t_x / x (customers with x ≥ <see cref="ChurnWarningOptions.MinimumRepeatPurchases"/>). A customer with fewer
    /// repeat purchases has no rhythm of their own: their gap is the median of t_x / x over the customers who have one, so a
    /// one-time buyer is at risk when T &gt; k × that median (no flag when nobody has a rhythm). P(alive) is NaN and never flags.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ or the options are invalid.</exception>
    public static ChurnAssessment AssessByRecency(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
                                                  ChurnWarningOptions? options = null)
    {
        options ??= new ChurnWarningOptions();
        options.Validate();
        if (recency.Length != frequency.Length)
            throw new ArgumentException($"recency has {recency.Length} values; frequency has {frequency.Length}.", nameof(recency));
        if (age.Length != frequency.Length)
            throw new ArgumentException($"age has {age.Length} values; frequency has {frequency.Length}.", nameof(age));
        int n = frequency.Length;
        var gaps = new List<double>();
        for (int i = 0; i < n; i++)
            if (frequency[i] >= options.MinimumRepeatPurchases) gaps.Add(recency[i] / frequency[i]);
        double? populationGap = gaps.Count > 0 ? Median(gaps) : null;
        var alive = new double[n];
        Array.Fill(alive, double.NaN);
        var rhythm = new bool[n];
        for (int i = 0; i < n; i++)
        {
            double? gap = frequency[i] >= options.MinimumRepeatPurchases ? recency[i] / frequency[i] : populationGap;
            rhythm[i] = gap is { } g && age[i] - recency[i] > options.RhythmMultiple * g;
        }
        return new ChurnAssessment(alive, new bool[n], rhythm, (bool[])rhythm.Clone())
        {
            UsesProbabilityAlive = false,
            PopulationGap = populationGap,
        };
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int m = values.Count / 2;
        return values.Count % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }

    /// <summary>Σ CLV and Σ CLV of at-risk customers per segment label, ordered by label.</summary>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public static IReadOnlyList<SegmentValueAtRisk> ValueAtRisk(ReadOnlySpan<double> lifetimeValue, ReadOnlySpan<bool> atRisk, ReadOnlySpan<int> segmentLabels)
    {
        if (atRisk.Length != lifetimeValue.Length)
            throw new ArgumentException($"atRisk has {atRisk.Length} values; lifetimeValue has {lifetimeValue.Length}.", nameof(atRisk));
        if (segmentLabels.Length != lifetimeValue.Length)
            throw new ArgumentException($"segmentLabels has {segmentLabels.Length} values; lifetimeValue has {lifetimeValue.Length}.", nameof(segmentLabels));
        var acc = new SortedDictionary<int, (int Customers, int AtRisk, double Total, double Risk)>();
        for (int i = 0; i < lifetimeValue.Length; i++)
        {
            acc.TryGetValue(segmentLabels[i], out var s);
            s.Customers++;
            s.Total += lifetimeValue[i];
            if (atRisk[i]) { s.AtRisk++; s.Risk += lifetimeValue[i]; }
            acc[segmentLabels[i]] = s;
        }
        return acc.Select(kv => new SegmentValueAtRisk(kv.Key, kv.Value.Customers, kv.Value.AtRisk, kv.Value.Total, kv.Value.Risk)).ToList();
    }
}
