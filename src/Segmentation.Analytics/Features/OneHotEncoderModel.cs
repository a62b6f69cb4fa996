using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Features;

/// <summary>A fitted <see cref="OneHotEncoder"/>: the learned categories of each input column.</summary>
/// <param name="Columns">The encoded input columns, in order.</param>
/// <param name="Unknown">Handling of categories not seen when fitting.</param>
public sealed record OneHotEncoderModel(EquatableArray<OneHotEncoderColumn> Columns, UnknownCategoryHandling Unknown)
    : FittedModel<OneHotEncoderModel>, IFeatureTransformer
{
    /// <summary>Names of the output columns in order (<c>column=category</c>).</summary>
    public IReadOnlyList<string> OutputNames() => Columns.SelectMany(c => c.OutputNames()).ToArray();

    /// <summary>Encodes <paramref name="data"/> (numeric codes, the fitted number of columns) into indicator columns.</summary>
    public FeatureMatrix Transform(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != Columns.Length)
            throw new ArgumentException($"data has {data.Columns} columns; the encoder was fitted on {Columns.Length}.", nameof(data));
        return Encode(Enumerable.Range(0, data.Columns).Select(j => data.Column(j).Select(FrameColumns.NumberKey).ToArray()).ToArray(), data.Rows, nameof(data));
    }

    /// <summary>Encodes the fitted columns of <paramref name="frame"/> into a matrix of indicator columns (other columns are ignored).</summary>
    public FeatureMatrix Transform(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Encode(Columns.Select(c => FrameColumns.Keys(frame, c.Name, nameof(frame), out _)).ToArray(), checked((int)frame.Rows.Count), nameof(frame));
    }

    /// <summary>A copy of <paramref name="frame"/> in which each fitted column is replaced, at its position, by its indicator columns (doubles).</summary>
    public DataFrame TransformFrame(DataFrame frame)
    {
        var encoded = Transform(frame);
        var replaced = new Dictionary<string, IReadOnlyList<DataFrameColumn>>();
        int offset = 0;
        foreach (var c in Columns)
        {
            var list = new List<DataFrameColumn>();
            foreach (var name in c.OutputNames()) list.Add(new DoubleDataFrameColumn(name, encoded.Column(offset++)));
            replaced[c.Name] = list;
        }
        return FrameColumns.Replace(frame, replaced);
    }

    private FeatureMatrix Encode(string?[][] keys, int rows, string parameter)
    {
        int width = Columns.Sum(c => c.Width);
        var values = new double[rows * width];
        int offset = 0;
        for (int j = 0; j < Columns.Length; j++)
        {
            var column = Columns[j];
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int k = 0; k < column.Categories.Length; k++) index[column.Categories[k]] = k;
            int missingAt = column.HasMissingIndicator ? column.Categories.Length : -1;
            int otherAt = column.HasOtherIndicator ? column.Width - 1 : -1;
            for (int i = 0; i < rows; i++)
            {
                string? key = keys[j][i];
                int hit;
                if (key is null && missingAt >= 0) hit = missingAt;
                else if (key is not null && index.TryGetValue(key, out int k)) hit = k;
                else hit = Unknown switch
                {
                    UnknownCategoryHandling.AllZeros => -1,
                    UnknownCategoryHandling.OtherColumn => otherAt,
                    _ => throw new ArgumentException(
                        $"Column '{column.Name}' has {(key is null ? "a missing value" : $"the unknown category '{key}'")} at row {i}; known categories: {string.Join(", ", column.Categories)}.", parameter),
                };
                if (hit >= 0) values[i * width + offset + hit] = 1;
            }
            offset += column.Width;
        }
        if (width == 0) throw new InvalidOperationException("The encoder has no output columns (every fitted column was empty).");
        return new FeatureMatrix(values, rows, width, OutputNames());
    }

    /// <summary>One line per input column with its categories.</summary>
    public override string ToString() =>
        "OneHotEncoder\n" + string.Join("\n", Columns.Select(c => $"  {c.Name}: {string.Join(", ", c.OutputNames())}"));
}
