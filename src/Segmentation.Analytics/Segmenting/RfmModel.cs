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
    public int ScoreRecency(double recencyDays) =>
        double.IsFinite(recencyDays) ? 1 + RecencyThresholds.Count(t => recencyDays < t) : 1;

    /// <summary>Frequency score: 1 + number of cut points strictly below the value.</summary>
    public int ScoreFrequency(double frequency) => 1 + FrequencyThresholds.Count(t => frequency > t);

    /// <summary>Monetary score: 1 + number of cut points strictly below the value.</summary>
    public int ScoreMonetary(double monetary) => 1 + MonetaryThresholds.Count(t => monetary > t);

    /// <summary>The named segment of a score triple.</summary>
    public RfmSegmentRule Name(int r, int f, int m) => Rules.FirstOrDefault(rule => rule.Matches(r, f, m)) ?? RfmSegmentRules.Unmatched;

    /// <summary>Scores one customer.</summary>
    public RfmScore Score(double recencyDays, double frequency, double monetary)
    {
        int r = ScoreRecency(recencyDays), f = ScoreFrequency(frequency), m = ScoreMonetary(monetary);
        return new RfmScore(r, f, m, Name(r, f, m));
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
    /// rfm_cell, segment_key, segment_en, segment_zh. Customers who never bought (only returns) have NULL recency and score R = 1.
    /// </summary>
    public DataFrame ScoreFrame(DataFrame aggregates)
    {
        var input = RfmInput.FromAggregates(aggregates, Monetary);
        var scores = Score(input);
        int n = scores.Length;
        var r = new int[n]; var f = new int[n]; var m = new int[n];
        var cell = new string[n]; var key = new string[n]; var en = new string[n]; var zh = new string[n];
        for (int i = 0; i < n; i++)
        {
            var s = scores[i];
            (r[i], f[i], m[i], cell[i], key[i], en[i], zh[i]) = (s.R, s.F, s.M, s.Cell, s.Segment.Key, s.Segment.NameEn, s.Segment.NameZh);
        }
        return new DataFrame(
            new StringDataFrameColumn("customer_id", input.CustomerIds),
            new DoubleDataFrameColumn("recency_days", input.RecencyDays.Select(v => double.IsFinite(v) ? v : (double?)null)),
            new DoubleDataFrameColumn("frequency", input.Frequency),
            new DoubleDataFrameColumn("monetary", input.Monetary),
            new Int32DataFrameColumn("r", r), new Int32DataFrameColumn("f", f), new Int32DataFrameColumn("m", m),
            new StringDataFrameColumn("rfm_cell", cell), new StringDataFrameColumn("segment_key", key),
            new StringDataFrameColumn("segment_en", en), new StringDataFrameColumn("segment_zh", zh));
    }
}
