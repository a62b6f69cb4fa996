using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Features;

/// <summary>A fitted <see cref="OrdinalEncoder"/>: the category order of each column.</summary>
/// <param name="Columns">The encoded columns, in order.</param>
/// <param name="Unknown">Handling of values outside the order.</param>
public sealed record OrdinalEncoderModel(EquatableArray<OrdinalEncoderColumn> Columns, UnknownOrdinalHandling Unknown)
    : FittedModel<OrdinalEncoderModel>, IFeatureTransformer
{
    /// <summary>Codes <paramref name="data"/> (numeric codes, the fitted number of columns); NaN stays NaN.</summary>
    public FeatureMatrix Transform(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != Columns.Length)
            throw new ArgumentException($"data has {data.Columns} columns; the encoder was fitted on {Columns.Length}.", nameof(data));
        var codes = Enumerable.Range(0, data.Columns).Select(j => Code(j, data.Column(j).Select(FrameColumns.NumberKey).ToArray(), nameof(data))).ToArray();
        return Interleave(codes, data.Rows);
    }

    /// <summary>Codes the fitted columns of <paramref name="frame"/> into a matrix (missing → NaN).</summary>
    public FeatureMatrix Transform(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var codes = Columns.Select((c, j) => Code(j, FrameColumns.Keys(frame, c.Name, nameof(frame), out _), nameof(frame))).ToArray();
        return Interleave(codes, checked((int)frame.Rows.Count));
    }

    /// <summary>A copy of <paramref name="frame"/> with each fitted column replaced by its codes (doubles; missing → null).</summary>
    public DataFrame TransformFrame(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var replaced = new Dictionary<string, IReadOnlyList<DataFrameColumn>>();
        for (int j = 0; j < Columns.Length; j++)
            replaced[Columns[j].Name] = [FrameColumns.Column(Columns[j].Name, Code(j, FrameColumns.Keys(frame, Columns[j].Name, nameof(frame), out _), nameof(frame)))];
        return FrameColumns.Replace(frame, replaced);
    }

    private double[] Code(int j, string?[] keys, string parameter)
    {
        var column = Columns[j];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < column.Categories.Length; k++) index[column.Categories[k]] = k;
        var codes = new double[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            if (keys[i] is not { } key) { codes[i] = double.NaN; continue; }
            if (index.TryGetValue(key, out int k)) { codes[i] = k; continue; }
            if (Unknown == UnknownOrdinalHandling.NaN) { codes[i] = double.NaN; continue; }
            throw new ArgumentException($"Column '{column.Name}' has the value '{key}' at row {i}, which is not in its order ({string.Join(" < ", column.Categories)}).", parameter);
        }
        return codes;
    }

    private FeatureMatrix Interleave(double[][] codes, int rows)
    {
        int d = codes.Length;
        var values = new double[rows * d];
        for (int j = 0; j < d; j++)
            for (int i = 0; i < rows; i++) values[i * d + j] = codes[j][i];
        return new FeatureMatrix(values, rows, d, Columns.Select(c => c.Name).ToArray());
    }

    /// <summary>One line per column with its order.</summary>
    public override string ToString() =>
        "OrdinalEncoder\n" + string.Join("\n", Columns.Select(c => $"  {c.Name}: {string.Join(" < ", c.Categories)}"));
}
