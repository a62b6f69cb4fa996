using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Features;

/// <summary>
/// One-hot (dummy) encoding of categorical columns, as scikit-learn's <c>OneHotEncoder(sparse_output=False)</c>: each
/// learned category c of column v becomes a 0/1 column named <c>v=c</c>. Categories are learned in sorted order.
/// </summary>
/// <remarks>Unknown categories at transform and missing values are handled as <see cref="OneHotEncoderOptions"/> says.
/// Text columns are matched exactly (case-sensitive, ordinal); numeric columns by value.</remarks>
public sealed class OneHotEncoder(OneHotEncoderOptions? options = null) : IEstimator<OneHotEncoderModel>
{
    private readonly OneHotEncoderOptions options = options ?? new();

    /// <summary>Learns the categories of every column of <paramref name="data"/> (numeric codes; NaN is missing).</summary>
    /// <exception cref="ArgumentException">No rows, or an infinite value (NaN is missing).</exception>
    public OneHotEncoderModel Fit(FeatureMatrix data)
    {
        FeatureMatrix.CheckTrainingInput(data, nameof(data), missingAllowed: true);
        options.Validate();
        var columns = new OneHotEncoderColumn[data.Columns];
        for (int j = 0; j < data.Columns; j++)
            columns[j] = Learn(data.ColumnNames[j], data.Column(j).Select(FrameColumns.NumberKey).ToArray(), numeric: true);
        return new OneHotEncoderModel(columns, options.Unknown);
    }

    /// <summary>Learns the categories of the named columns of <paramref name="frame"/> (text or numbers; null is missing).</summary>
    public OneHotEncoderModel Fit(DataFrame frame, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(columns);
        options.Validate();
        if (columns.Count == 0) throw new ArgumentException("At least one column is required.", nameof(columns));
        var learned = new OneHotEncoderColumn[columns.Count];
        for (int j = 0; j < columns.Count; j++)
        {
            var keys = FrameColumns.Keys(frame, columns[j], nameof(frame), out bool numeric);
            learned[j] = Learn(columns[j], keys, numeric);
        }
        return new OneHotEncoderModel(learned, options.Unknown);
    }

    private OneHotEncoderColumn Learn(string name, string?[] keys, bool numeric)
    {
        bool missing = false;
        for (int i = 0; i < keys.Length; i++)
        {
            if (keys[i] is not null) continue;
            if (options.Missing == MissingCategoryHandling.Error)
                throw new ArgumentException($"Column '{name}' has a missing value at row {i} (OneHotEncoderOptions.Missing = Error).", "data");
            missing = true;
        }
        var categories = FrameColumns.SortedDistinct(keys.OfType<string>(), numeric);
        return new OneHotEncoderColumn(name, numeric, categories, missing, options.Unknown == UnknownCategoryHandling.OtherColumn);
    }
}
