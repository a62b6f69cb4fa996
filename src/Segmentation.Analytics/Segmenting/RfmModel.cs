using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// Fitted RFM cut points and naming table; scores and names customers of any period with the frozen thresholds.
/// </summary>
/// <param name="RecencyThresholds">Recency cut points in days, ascending (Bins − 1).</param>
/// <param name="FrequencyThresholds">Frequency cut points, ascending.</param>
/// <param name="MonetaryThresholds">Monetary cut points, ascending.</param>
/// <param name="Bins">Number of score levels.</param>
/// <param name="Monetary">What M measures.</param>
/// <param name="Rules">Naming table, first match wins.</param>
public sealed record RfmModel(
    EquatableArray<double> RecencyThresholds,
    EquatableArray<double> FrequencyThresholds,
    EquatableArray<double> MonetaryThresholds,
    int Bins,
    MonetaryMeasure Monetary,
    EquatableArray<RfmSegmentRule> Rules) : FittedModel<RfmModel>
{
    /// <summary>Recency score: 1 + number of cut points strictly above the value (recent = high). NaN/∞ (never bought) → 1.</summary>
    public int ScoreRecency(double recencyDays)
    {
        if (!double.IsFinite(recencyDays)) return 1;
        int score = 1;
        foreach (double t in RecencyThresholds.AsSpan()) if (recencyDays < t) score++;
        return score;
    }

    /// <summary>Frequency score: 1 + number of cut points strictly below the value.</summary>
    public int ScoreFrequency(double frequency) => Above(FrequencyThresholds.AsSpan(), frequency);

    /// <summary>Monetary score: 1 + number of cut points strictly below the value.</summary>
    public int ScoreMonetary(double monetary) => Above(MonetaryThresholds.AsSpan(), monetary);

    private static int Above(ReadOnlySpan<double> thresholds, double value)
    {
        int score = 1;
        foreach (double t in thresholds) if (value > t) score++;
        return score;
    }

    /// <summary>The named segment of a score triple.</summary>
    public RfmSegmentRule Name(int r, int f, int m)
    {
        foreach (var rule in Rules.AsSpan()) if (rule.Matches(r, f, m)) return rule;
        return RfmSegmentRules.Unmatched;
    }

    /// <summary>Scores one customer. A customer without a purchase (frequency 0: only returns) is <see cref="RfmSegmentRules.ReturnsOnly"/>,
    /// one with a negative monetary value (net refund) <see cref="RfmSegmentRules.NetRefund"/>, whatever the scores; else the first matching rule.</summary>
    public RfmScore Score(double recencyDays, double frequency, double monetary)
    {
        int r = ScoreRecency(recencyDays), f = ScoreFrequency(frequency), m = ScoreMonetary(monetary);
        var segment = frequency <= 0 ? RfmSegmentRules.ReturnsOnly : monetary < 0 ? RfmSegmentRules.NetRefund : Name(r, f, m);
        return new RfmScore(r, f, m, segment);
    }

    /// <summary>Every segment a customer can get, in report order: the naming table, then returns only, net refund and the unmatched segment.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<RfmSegmentRule> Segments =>
        [.. Rules.Concat([RfmSegmentRules.ReturnsOnly, RfmSegmentRules.NetRefund, RfmSegmentRules.Unmatched]).DistinctBy(x => x.Key)];

    /// <summary>
    /// The score levels no customer can reach because two cut points coincide (ties), with the level their customers get instead:
    /// the documented merge of tied values (equal values always share a score). Quantile cut points of a tie-heavy column
    /// (CDNOW frequency 1/1/2/4) empty a level; this lists it so that it is reported, never silent.
    /// </summary>
    public IReadOnlyList<RfmEmptyLevel> EmptyLevels()
    {
        var result = new List<RfmEmptyLevel>();
        // F and M: score s holds t[s−2] < v ≤ t[s−1]; empty when those two cut points are equal (the values there score s − 1).
        void Upper(string dimension, EquatableArray<double> t)
        {
            for (int s = 2; s < Bins; s++)
                if (t[s - 2] == t[s - 1]) result.Add(new RfmEmptyLevel(dimension, s, t[s - 1], MergedInto(s, t, upward: true)));
        }
        // R: score s = 1 + #{t : v < t} holds t[B−s−1] ≤ v < t[B−s]; empty when those are equal.
        void Lower(string dimension, EquatableArray<double> t)
        {
            for (int s = 2; s < Bins; s++)
            {
                int lo = Bins - s - 1, hi = Bins - s;
                if (t[lo] == t[hi]) result.Add(new RfmEmptyLevel(dimension, s, t[hi], MergedInto(s, t, upward: false)));
            }
        }
        Lower("R", RecencyThresholds);
        Upper("F", FrequencyThresholds);
        Upper("M", MonetaryThresholds);
        return result;
    }

    /// <summary>The score of a value equal to the tied cut point of empty level <paramref name="level"/>.</summary>
    private int MergedInto(int level, EquatableArray<double> t, bool upward)
    {
        // F/M: v = t[level−1] scores 1 + #{t < v}; R: 1 + #{t > v}.
        double v = upward ? t[level - 1] : t[Bins - level];
        return upward ? 1 + t.Count(x => v > x) : 1 + t.Count(x => v < x);
    }

    /// <summary>Customers per score level (index 0 = level 1) of R, F and M among <paramref name="scores"/>.</summary>
    public static (int[] R, int[] F, int[] M) LevelCounts(IReadOnlyList<RfmScore> scores, int bins)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var (r, f, m) = (new int[bins], new int[bins], new int[bins]);
        foreach (var s in scores) { r[s.R - 1]++; f[s.F - 1]++; m[s.M - 1]++; }
        return (r, f, m);
    }

    /// <summary>Scores every customer of <paramref name="data"/> (in order).</summary>
    /// <exception cref="ArgumentException">The arrays of <paramref name="data"/> differ in length.</exception>
    public RfmScore[] Score(RfmInput data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.RecencyDays.Length != data.Count || data.Frequency.Length != data.Count || data.Monetary.Length != data.Count)
            throw new ArgumentException(
                $"data has {data.Count} customer ids but {data.RecencyDays.Length} recencies, {data.Frequency.Length} frequencies and {data.Monetary.Length} monetary values.", nameof(data));
        var scores = new RfmScore[data.Count];
        for (int i = 0; i < scores.Length; i++) scores[i] = Score(data.RecencyDays[i], data.Frequency[i], data.Monetary[i]);
        return scores;
    }

    /// <summary>
    /// The RFM table of a per-customer aggregate frame (<c>customer_id, recency_days, purchase_days, net_amount</c>, as
    /// <see cref="Features.CustomerAggregateQuery"/> returns): customer_id, recency_days, frequency, monetary, r, f, m,
    /// rfm_cell, segment_key, segment_en, segment_zh. Customers who never bought (only returns) have NULL recency, score R = 1 and are
    /// "仅退货 / Returns only"; customers with a negative net spend are "净退款 / Net refund".
    /// </summary>
    public DataFrame ScoreFrame(DataFrame aggregates)
    {
        var input = RfmInput.FromAggregates(aggregates, Monetary);
        int n = input.Count;
        var r = new int[n]; var f = new int[n]; var m = new int[n];
        var cell = new string[n]; var key = new string[n]; var en = new string[n]; var zh = new string[n];
        // The cell text of each (r, f, m), made once per score triple rather than once per customer.
        var cells = Bins <= 9 ? new string?[Bins * Bins * Bins] : null;
        // Customers are independent: chunks in parallel (a cell text made twice by two threads is the same text).
        Parallel.For(0, (n + 65535) / 65536, chunk =>
        {
            for (int i = chunk * 65536, end = Math.Min(n, i + 65536); i < end; i++)
            {
                // As Score(recency, frequency, monetary), without an RfmScore per customer.
                double frequency = input.Frequency[i], monetary = input.Monetary[i];
                int ri = ScoreRecency(input.RecencyDays[i]), fi = ScoreFrequency(frequency), mi = ScoreMonetary(monetary);
                var segment = frequency <= 0 ? RfmSegmentRules.ReturnsOnly : monetary < 0 ? RfmSegmentRules.NetRefund : Name(ri, fi, mi);
                (r[i], f[i], m[i], key[i], en[i], zh[i]) = (ri, fi, mi, segment.Key, segment.NameEn, segment.NameZh);
                if (cells is null) cell[i] = new RfmScore(ri, fi, mi, segment).Cell;
                else
                {
                    int slot = ((ri - 1) * Bins + fi - 1) * Bins + mi - 1;
                    cell[i] = Volatile.Read(ref cells[slot]) ?? (cells[slot] = new RfmScore(ri, fi, mi, segment).Cell);
                }
            }
        });
        return new DataFrame(
            new StringDataFrameColumn("customer_id", input.CustomerIds),
            ArrayColumns.Double("recency_days", input.RecencyDays, isNull: v => !double.IsFinite(v)),
            ArrayColumns.Double("frequency", input.Frequency),
            ArrayColumns.Double("monetary", input.Monetary),
            ArrayColumns.Int32("r", r), ArrayColumns.Int32("f", f), ArrayColumns.Int32("m", m),
            new StringDataFrameColumn("rfm_cell", cell), new StringDataFrameColumn("segment_key", key),
            new StringDataFrameColumn("segment_en", en), new StringDataFrameColumn("segment_zh", zh));
    }
}
