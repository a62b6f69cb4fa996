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

    /// <summary>
    /// <c>customer_id, segment</c> (0-based centroid index) for every row of <paramref name="featuresSql"/>: each feature is
    /// standardised, z = (x − mean) / scale, and the customer goes to the centroid with the smallest squared Euclidean distance
    /// Σ_j (z_j − c_kj)² (the first one on a tie).
    /// </summary>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="featuresSql">A query with <c>customer_id</c> and the named feature columns (no NULLs).</param>
    /// <param name="features">Feature column names, in the order of the centroid coordinates.</param>
    /// <param name="means">Per-feature centre of the scaler.</param>
    /// <param name="scales">Per-feature scale of the scaler (non-zero).</param>
    /// <param name="centroids">Centroids in standardised units, one array per segment.</param>
    /// <remarks>ClickHouse picks the minimum with <c>indexOf(distances, arrayReduce('min', distances))</c> (argMin over the array);
    /// other engines with a CASE chain. The SQL computes each distance in the same order as the in-process kernel's scalar form,
    /// so labels agree except where two distances differ only in the last bits.</remarks>
    public static string RenderNearestCentroid(SqlDialect dialect, string featuresSql, IReadOnlyList<string> features,
        IReadOnlyList<double> means, IReadOnlyList<double> scales, IReadOnlyList<IReadOnlyList<double>> centroids)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentException.ThrowIfNullOrWhiteSpace(featuresSql);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(centroids);
        int p = features.Count;
        if (p == 0) throw new ArgumentException("At least one feature is required.", nameof(features));
        if (means.Count != p) throw new ArgumentException($"means has {means.Count} values for {p} features.", nameof(means));
        if (scales.Count != p) throw new ArgumentException($"scales has {scales.Count} values for {p} features.", nameof(scales));
        if (scales.Any(s => !(s != 0) || !double.IsFinite(s))) throw new ArgumentException("scales must be finite and non-zero.", nameof(scales));
        if (centroids.Count == 0) throw new ArgumentException("At least one centroid is required.", nameof(centroids));
        for (int k = 0; k < centroids.Count; k++)
            if (centroids[k].Count != p) throw new ArgumentException($"centroid {k} has {centroids[k].Count} coordinates for {p} features.", nameof(centroids));
        var d = dialect;
        string z(int j) => $"z{j}";
        var standardised = Enumerable.Range(0, p).Select(j => $"({d.ToDouble(d.Id(features[j]))} - {d.Num(means[j])}) / {d.Num(scales[j])} AS {z(j)}");
        var distances = centroids.Select(c => string.Join(" + ", Enumerable.Range(0, p).Select(j => $"({z(j)} - {d.Num(c[j])}) * ({z(j)} - {d.Num(c[j])})"))).ToArray();
        string nearest = d.Name == "clickhouse"
            ? $"toInt64(indexOf([{string.Join(", ", Enumerable.Range(0, distances.Length).Select(k => $"d{k}"))}], arrayReduce('min', [{string.Join(", ", Enumerable.Range(0, distances.Length).Select(k => $"d{k}"))}])) - 1)"
            : FirstMinimum(distances.Length);
        return $"""
            SELECT customer_id, {nearest} AS segment FROM (
              SELECT customer_id, {string.Join(", ", distances.Select((e, k) => $"{e} AS d{k}"))}
              FROM (SELECT customer_id, {string.Join(", ", standardised)} FROM ({featuresSql}) f) s) dist
            """;
    }

    /// <summary>
    /// <c>customer_id, segment</c> (the segment key) for every row of <paramref name="featuresSql"/> with a frozen
    /// <see cref="Analytics.Models.SegmentationModel"/>: the model's transform chain — a missing value becomes the training median,
    /// ln(1 + x) on the logged columns (computed as ln(u)·x/(u − 1), u = 1 + x, like the in-process transform), the fitted
    /// scaler — then the nearest centroid (<see cref="RenderNearestCentroid"/>).
    /// </summary>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="model">A model on numeric features only (one-hot encoded categories are not rendered).</param>
    /// <param name="featuresSql">A query with <c>customer_id</c> and the model's numeric feature columns (e.g. the feature table's SQL).</param>
    /// <exception cref="NotSupportedException">The model encodes categorical features.</exception>
    public static string RenderModel(SqlDialect dialect, Analytics.Models.SegmentationModel model, string featuresSql)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(featuresSql);
        if (model.Encoder is not null || model.CategoricalFeatures.Length > 0)
            throw new NotSupportedException($"The model encodes categorical features ({string.Join(", ", model.CategoricalFeatures)}); only numeric models are rendered as SQL.");
        var d = dialect;
        var columns = model.Imputation.Columns;
        var logged = new HashSet<string>(model.Log?.Columns ?? [], StringComparer.Ordinal);
        string Value(int j)
        {
            string x = $"COALESCE({d.ToDouble(d.Id(columns[j]))}, {d.Num(model.Imputation.Medians[j])})";
            if (!logged.Contains(columns[j])) return x;
            string u = $"(1 + {x})";
            return $"(CASE WHEN {u} = 1 THEN {x} ELSE {d.Ln(u)} * {x} / ({u} - 1) END)";
        }
        string transformed = $"SELECT customer_id, {string.Join(", ", columns.Select((c, j) => $"{Value(j)} AS {d.Id(c)}"))} FROM ({featuresSql}) raw";
        int p = columns.Length;
        double[] center = (model.StandardScaler?.Center ?? model.RobustScaler?.Center)?.ToArray() ?? new double[p];
        double[] scale = (model.StandardScaler?.Scale ?? model.RobustScaler?.Scale)?.ToArray() ?? Enumerable.Repeat(1.0, p).ToArray();
        var centroids = model.Segments.Select(s => (IReadOnlyList<double>)s.Centroid).ToArray();
        string nearest = RenderNearestCentroid(d, transformed, columns, center, scale, centroids);
        var keys = model.Segments.Select((s, k) => $"WHEN segment = {k} THEN {d.Str(s.Key)}");
        return $"SELECT customer_id, CASE {string.Join(" ", keys)} END AS segment FROM ({nearest}) nearest";
    }

    private static string FirstMinimum(int k)
    {
        // Segment j wins if its distance is strictly below every earlier one and at most every later one.
        var whens = new List<string>();
        for (int j = 0; j < k - 1; j++)
        {
            var conditions = Enumerable.Range(0, k).Where(o => o != j).Select(o => o < j ? $"d{j} < d{o}" : $"d{j} <= d{o}");
            whens.Add($"WHEN {string.Join(" AND ", conditions)} THEN {j}");
        }
        return $"CAST(CASE {string.Join(" ", whens)} ELSE {k - 1} END AS BIGINT)";
    }

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
