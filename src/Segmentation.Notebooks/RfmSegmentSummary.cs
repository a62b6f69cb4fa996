using Microsoft.Data.Analysis;
using Segmentation.Analytics.Segmenting;

namespace Segmentation.Notebooks;

/// <summary>Per named RFM segment: size, share and mean R/F/M — the first table an analyst reads after scoring.</summary>
/// <param name="Rows">Segments in the order of the model's naming table (empty segments left out).</param>
/// <param name="Customers">All customers scored.</param>
public sealed record RfmSegmentSummary(IReadOnlyList<RfmSegmentSummaryRow> Rows, int Customers)
{
    /// <summary>
    /// Summarises an RFM table (<see cref="RfmModel.ScoreFrame"/>: columns segment_key, recency_days, frequency, monetary).
    /// </summary>
    /// <exception cref="ArgumentException">A required column is missing (names it).</exception>
    public static RfmSegmentSummary From(DataFrame scoreFrame, RfmModel model)
    {
        ArgumentNullException.ThrowIfNull(scoreFrame);
        ArgumentNullException.ThrowIfNull(model);
        foreach (var name in new[] { "segment_key", "recency_days", "frequency", "monetary" })
            if (!scoreFrame.Columns.Any(c => c.Name == name))
                throw new ArgumentException($"The RFM table has no column '{name}' (expected the output of RfmModel.ScoreFrame).", nameof(scoreFrame));
        int n = (int)scoreFrame.Rows.Count;
        var key = scoreFrame["segment_key"];
        var recency = scoreFrame["recency_days"];
        var frequency = scoreFrame["frequency"];
        var monetary = scoreFrame["monetary"];
        var rows = Enumerable.Range(0, n).Select(i => (
            Key: (string)key[i],
            Recency: recency[i] is null ? double.NaN : Convert.ToDouble(recency[i], System.Globalization.CultureInfo.InvariantCulture),
            Frequency: Convert.ToDouble(frequency[i], System.Globalization.CultureInfo.InvariantCulture),
            Monetary: Convert.ToDouble(monetary[i], System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        double positiveTotal = rows.Sum(r => Math.Max(0, r.Monetary));
        var rules = model.Segments;
        var summary = new List<RfmSegmentSummaryRow>();
        foreach (var rule in rules)
        {
            var members = rows.Where(r => r.Key == rule.Key).ToArray();
            if (members.Length == 0) continue;
            var bought = members.Where(m => !double.IsNaN(m.Recency)).ToArray();
            summary.Add(new RfmSegmentSummaryRow(rule.Key, rule.NameZh, rule.NameEn, members.Length, (double)members.Length / n,
                bought.Length > 0 ? bought.Average(m => m.Recency) : double.NaN, members.Average(m => m.Frequency), members.Average(m => m.Monetary),
                positiveTotal > 0 ? members.Sum(m => m.Monetary) / positiveTotal : 0));
        }
        return new RfmSegmentSummary(summary, n);
    }
}
