using System.Globalization;
using Microsoft.Data.Analysis;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.ClickHouse;

/// <summary>
/// A frozen segmentation model written as SQL, so every customer is assigned inside the engine (DuckDB, PostgreSQL or the
/// ClickHouse cluster) and only the per-segment counts come back. The SQL reproduces the in-process assignment exactly.
/// </summary>
public static class InEngineAssignment
{
    /// <summary>
    /// <c>customer_id, segment</c> for every row of <paramref name="aggregatesSql"/> (a <see cref="Analytics.Features.CustomerAggregateQuery"/>):
    /// the RFM scores of <paramref name="model"/> and its naming table (first matching rule) as CASE expressions.
    /// </summary>
    /// <remarks>As <see cref="RfmModel.ScoreFrame"/>: R = 1 + #{cut t : recency &lt; t} (1 without purchases), F = 1 + #{t : purchase_days &gt; t},
    /// M = 1 + #{t : monetary &gt; t} with monetary = net_amount, or net_amount / purchase_days (0 without occasions) for
    /// <see cref="Analytics.Features.MonetaryMeasure.AveragePerOccasion"/>; a missing count or amount counts as 0. Returns only
    /// (no purchase) and net refunds (monetary &lt; 0) are named before the table.</remarks>
    public static string RenderRfm(SqlDialect dialect, RfmModel model, string aggregatesSql)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(aggregatesSql);
        var d = dialect;
        string freq = d.ToDouble("COALESCE(purchase_days, 0)");
        string net = d.ToDouble("COALESCE(net_amount, 0)");
        string monetary = model.Monetary == Analytics.Features.MonetaryMeasure.AveragePerOccasion
            ? $"(CASE WHEN COALESCE(purchase_days, 0) > 0 THEN {net} / {freq} ELSE 0 END)"
            : net;
        string Count(IEnumerable<string> conditions) => "(1" + string.Concat(conditions.Select(c => $" + (CASE WHEN {c} THEN 1 ELSE 0 END)")) + ")";
        string r = $"(CASE WHEN recency_days IS NULL THEN 1 ELSE {Count(model.RecencyThresholds.Select(t => $"{d.ToDouble("recency_days")} < {d.Num(t)}"))} END)";
        string f = Count(model.FrequencyThresholds.Select(t => $"{freq} > {d.Num(t)}"));
        string m = Count(model.MonetaryThresholds.Select(t => $"{monetary} > {d.Num(t)}"));
        var rules = model.Rules.Select(rule =>
            $"WHEN r BETWEEN {rule.RecencyMin} AND {rule.RecencyMax} AND f BETWEEN {rule.FrequencyMin} AND {rule.FrequencyMax} AND m BETWEEN {rule.MonetaryMin} AND {rule.MonetaryMax} THEN {d.Str(rule.Key)}");
        // As RfmModel.Score: returns only (no purchase) and net refunds (negative monetary) before the naming table.
        return $"""
            SELECT customer_id, CASE WHEN freq <= 0 THEN {d.Str(RfmSegmentRules.ReturnsOnly.Key)} WHEN mon < 0 THEN {d.Str(RfmSegmentRules.NetRefund.Key)}
              {string.Join(" ", rules)} ELSE {d.Str(RfmSegmentRules.Unmatched.Key)} END AS segment
            FROM (SELECT customer_id, {r} AS r, {f} AS f, {m} AS m, {freq} AS freq, {monetary} AS mon FROM ({aggregatesSql}) agg) scored
            """;
    }

    /// <inheritdoc cref="Analytics.Models.SegmentationModelSql.RenderNearestCentroid(SqlDialect, string, IReadOnlyList{string}, IReadOnlyList{double}, IReadOnlyList{double}, IReadOnlyList{IReadOnlyList{double}})"/>
    public static string RenderNearestCentroid(SqlDialect dialect, string featuresSql, IReadOnlyList<string> features,
        IReadOnlyList<double> means, IReadOnlyList<double> scales, IReadOnlyList<IReadOnlyList<double>> centroids) =>
        Analytics.Models.SegmentationModelSql.RenderNearestCentroid(dialect, featuresSql, features, means, scales, centroids);

    /// <inheritdoc cref="Analytics.Models.SegmentationModelSql.RenderModel(SqlDialect, Analytics.Models.SegmentationModel, string)"/>
    public static string RenderModel(SqlDialect dialect, Analytics.Models.SegmentationModel model, string featuresSql) =>
        Analytics.Models.SegmentationModelSql.RenderModel(dialect, model, featuresSql);

    /// <summary>Customers per segment of an assignment query (<see cref="RenderRfm"/>, <see cref="RenderNearestCentroid"/>), counted in
    /// the engine; with the colocated cluster engine each shard counts its own customers and the counts are added.</summary>
    public static IReadOnlyDictionary<string, long> CountSegments(ISqlEngine engine, string assignmentSql)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var d = engine.Dialect;
        var frame = engine.Query($"SELECT {d.AsText("segment")} AS segment_key, {d.ToBigInt("count(*)")} AS customers FROM ({assignmentSql}) a GROUP BY {d.AsText("segment")}");
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            var key = (string)frame.Columns["segment_key"][i];
            result[key] = result.GetValueOrDefault(key) + Convert.ToInt64(frame.Columns["customers"][i], CultureInfo.InvariantCulture);
        }
        return result;
    }
}
