namespace Segmentation.Experiments;

/// <summary>The model's view of an experiment's features: numeric columns as they are, categorical ones one-hot (categories in ordinal order).</summary>
/// <param name="Names">Feature names (<c>column</c> or <c>column=category</c>).</param>
/// <param name="Rows">One vector per customer.</param>
public sealed record UpliftFeatures(IReadOnlyList<string> Names, float[][] Rows)
{
    /// <summary>Encodes the feature columns of <paramref name="data"/> in schema order.</summary>
    /// <exception cref="ArgumentException">The schema has no feature column.</exception>
    public static UpliftFeatures Encode(ExperimentData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Schema.Features.Count == 0) throw new ArgumentException("The experiment schema has no feature columns; the uplift model needs pre-treatment features.", nameof(data));
        var names = new List<string>();
        var columns = new List<Func<int, float>>();
        foreach (var f in data.Schema.Features)
        {
            if (data.NumericFeatures.TryGetValue(f, out var v))
            {
                names.Add(f);
                columns.Add(i => (float)v[i]);
            }
            else
            {
                var text = data.CategoricalFeatures[f];
                foreach (var cat in text.Distinct().Order(StringComparer.Ordinal))
                {
                    names.Add($"{f}={cat}");
                    columns.Add(i => text[i] == cat ? 1f : 0f);
                }
            }
        }
        var rows = new float[data.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            var r = new float[columns.Count];
            for (int j = 0; j < r.Length; j++) r[j] = columns[j](i);
            rows[i] = r;
        }
        return new UpliftFeatures(names, rows);
    }
}
