using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Models;

/// <summary>
/// A frozen <see cref="SegmentationModel"/> written as SQL for any engine's dialect, so customers are assigned inside the engine
/// (DuckDB, PostgreSQL or the ClickHouse cluster) with exactly the labels of the in-process <see cref="SegmentationModel.Predict"/>.
/// </summary>
/// <remarks>The transform chain is rendered as the in-process pipeline computes it — a missing value becomes the training median,
/// ln(1 + x) on the logged columns as ln(u)·x/(u − 1) with u = 1 + x, the fitted scaler — and each squared distance is summed
/// in the same order as the kernel's scalar form, so labels agree except where two distances differ only in the last bits.</remarks>
public static class SegmentationModelSql
{
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
    /// other engines with a CASE chain.</remarks>
    public static string RenderNearestCentroid(SqlDialect dialect, string featuresSql, IReadOnlyList<string> features,
        IReadOnlyList<double> means, IReadOnlyList<double> scales, IReadOnlyList<IReadOnlyList<double>> centroids) =>
        RenderNearestCentroid(dialect, featuresSql, features, means, scales, centroids, []);

    /// <summary>
    /// <c>customer_id, segment</c> (the segment key) for every row of <paramref name="featuresSql"/>: the model's transform chain,
    /// then the nearest centroid (<see cref="RenderNearestCentroid(SqlDialect, string, IReadOnlyList{string}, IReadOnlyList{double}, IReadOnlyList{double}, IReadOnlyList{IReadOnlyList{double}})"/>).
    /// </summary>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="model">A model on numeric features only (one-hot encoded categories are not rendered).</param>
    /// <param name="featuresSql">A query with <c>customer_id</c> and the model's numeric feature columns (e.g. the feature table's SQL).</param>
    /// <exception cref="NotSupportedException">The model encodes categorical features.</exception>
    public static string RenderModel(SqlDialect dialect, SegmentationModel model, string featuresSql) =>
        RenderModel(dialect, model, featuresSql, prospectsKey: null);

    /// <summary>
    /// As <see cref="RenderModel(SqlDialect, SegmentationModel, string)"/> for every customer of a feature table: rows without a
    /// <c>recency_days</c> (no purchase yet) get <paramref name="prospectsKey"/>, the others the model's segment key — the
    /// evaluation assignment of <c>MonthlyEvaluation</c>, customer by customer.
    /// </summary>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="model">A model on numeric features only.</param>
    /// <param name="featuresSql">A query with <c>customer_id</c>, <c>recency_days</c> and the model's numeric feature columns.</param>
    /// <param name="prospectsKey">The key of customers without a purchase; null = every row gets a model segment.</param>
    /// <exception cref="NotSupportedException">The model encodes categorical features.</exception>
    public static string RenderModel(SqlDialect dialect, SegmentationModel model, string featuresSql, string? prospectsKey)
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
        string[] carried = prospectsKey is null ? [] : [Buyer];
        // The flag is taken a level below the imputation: ClickHouse resolves an alias before a column of the same name, so next
        // to "COALESCE(recency_days, median) AS recency_days" the test would read the imputed value.
        string source = prospectsKey is null ? featuresSql : $"SELECT *, CASE WHEN recency_days IS NULL THEN 0 ELSE 1 END AS {Buyer} FROM ({featuresSql}) flagged";
        string buyer = prospectsKey is null ? "" : $", {Buyer}";
        string transformed = $"SELECT customer_id, {string.Join(", ", columns.Select((c, j) => $"{Value(j)} AS {d.Id(c)}"))}{buyer} FROM ({source}) raw";
        int p = columns.Length;
        double[] center = (model.StandardScaler?.Center ?? model.RobustScaler?.Center)?.ToArray() ?? new double[p];
        double[] scale = (model.StandardScaler?.Scale ?? model.RobustScaler?.Scale)?.ToArray() ?? Enumerable.Repeat(1.0, p).ToArray();
        var centroids = model.Segments.Select(s => (IReadOnlyList<double>)s.Centroid).ToArray();
        string nearest = RenderNearestCentroid(d, transformed, columns, center, scale, centroids, carried);
        string keys = string.Join(" ", model.Segments.Select((s, k) => $"WHEN segment = {k} THEN {d.Str(s.Key)}"));
        string prospect = prospectsKey is null ? "" : $"WHEN {Buyer} = 0 THEN {d.Str(prospectsKey)} ";
        return $"SELECT customer_id, CASE {prospect}{keys} END AS segment FROM ({nearest}) nearest";
    }

    /// <summary>The 0/1 column that tells buyers from prospects through the layers of <see cref="RenderModel(SqlDialect, SegmentationModel, string, string?)"/>.</summary>
    private const string Buyer = "buyer_flag";

    private static string RenderNearestCentroid(SqlDialect dialect, string featuresSql, IReadOnlyList<string> features,
        IReadOnlyList<double> means, IReadOnlyList<double> scales, IReadOnlyList<IReadOnlyList<double>> centroids, IReadOnlyList<string> carried)
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
        string extra = string.Concat(carried.Select(c => ", " + c));
        var standardised = Enumerable.Range(0, p).Select(j => $"({d.ToDouble(d.Id(features[j]))} - {d.Num(means[j])}) / {d.Num(scales[j])} AS {z(j)}");
        var distances = centroids.Select(c => string.Join(" + ", Enumerable.Range(0, p).Select(j => $"({z(j)} - {d.Num(c[j])}) * ({z(j)} - {d.Num(c[j])})"))).ToArray();
        string nearest = d.Name == "clickhouse"
            ? $"toInt64(indexOf([{string.Join(", ", Enumerable.Range(0, distances.Length).Select(k => $"d{k}"))}], arrayReduce('min', [{string.Join(", ", Enumerable.Range(0, distances.Length).Select(k => $"d{k}"))}])) - 1)"
            : FirstMinimum(distances.Length);
        return $"""
            SELECT customer_id, {nearest} AS segment{extra} FROM (
              SELECT customer_id, {string.Join(", ", distances.Select((e, k) => $"{e} AS d{k}"))}{extra}
              FROM (SELECT customer_id, {string.Join(", ", standardised)}{extra} FROM ({featuresSql}) f) s) dist
            """;
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
}
