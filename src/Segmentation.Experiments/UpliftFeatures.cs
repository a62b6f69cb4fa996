using Segmentation.Analytics;

namespace Segmentation.Experiments;

/// <summary>The model's view of an experiment's features: numeric columns as they are, categorical ones one-hot (categories in ordinal order).</summary>
/// <param name="Names">Feature names (<c>column</c> or <c>column=category</c>).</param>
/// <param name="Rows">One vector per customer.</param>
public sealed record UpliftFeatures(IReadOnlyList<string> Names, float[][] Rows)
{
    /// <summary>Encodes the feature columns of <paramref name="data"/> in schema order, with the categories found in <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The schema has no feature column.</exception>
    public static UpliftFeatures Encode(ExperimentData data) => Encode(data, Describe(data));

    /// <summary>The model inputs of <paramref name="data"/>: each numeric feature column, then one indicator per category (ordinal order) of each categorical one, in schema order.</summary>
    /// <exception cref="ArgumentException">The schema has no feature column.</exception>
    public static EquatableArray<UpliftFeature> Describe(ExperimentData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Schema.Features.Count == 0) throw new ArgumentException("The experiment schema has no feature columns; the uplift model needs pre-treatment features.", nameof(data));
        var features = new List<UpliftFeature>();
        foreach (var f in data.Schema.Features)
        {
            if (data.NumericFeatures.ContainsKey(f)) features.Add(new UpliftFeature(f, null));
            else features.AddRange(data.CategoricalFeatures[f].Distinct().Order(StringComparer.Ordinal).Select(cat => new UpliftFeature(f, cat)));
        }
        return features.ToEquatableArray();
    }

    /// <summary>
    /// Encodes <paramref name="data"/> into the given inputs (a fitted model's): numeric columns as they are, a category's
    /// indicator 1 where the column holds it (a category the model never saw sets no indicator).
    /// </summary>
    /// <exception cref="ArgumentException">A numeric input is not a numeric column of <paramref name="data"/>, a category's column is not a categorical one, or a numeric value is not finite.</exception>
    public static UpliftFeatures Encode(ExperimentData data, IReadOnlyList<UpliftFeature> features)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(features);
        var columns = new Func<int, float>[features.Count];
        for (int j = 0; j < columns.Length; j++)
        {
            var feature = features[j];
            if (feature.Category is null)
            {
                if (!data.NumericFeatures.TryGetValue(feature.Column, out var v))
                    throw new ArgumentException($"The model needs the numeric feature column '{feature.Column}', which the data does not have as a numeric column.", nameof(data));
                int bad = Array.FindIndex(v, x => !double.IsFinite(x));
                if (bad >= 0) throw new ArgumentException($"Feature column '{feature.Column}' has {v[bad]} at row {data.RowNumbers[bad]}; the uplift model needs finite values.", nameof(data));
                columns[j] = i => (float)v[i];
            }
            else
            {
                if (!data.CategoricalFeatures.TryGetValue(feature.Column, out var text))
                    throw new ArgumentException($"The model needs the categorical feature column '{feature.Column}', which the data does not have as a categorical column.", nameof(data));
                string category = feature.Category;
                columns[j] = i => text[i] == category ? 1f : 0f;
            }
        }
        var rows = new float[data.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            var r = new float[columns.Length];
            for (int j = 0; j < r.Length; j++) r[j] = columns[j](i);
            rows[i] = r;
        }
        return new UpliftFeatures(features.Select(f => f.Name).ToArray(), rows);
    }
}
