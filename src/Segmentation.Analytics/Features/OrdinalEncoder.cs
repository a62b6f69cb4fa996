using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Features;

/// <summary>
/// Ordinal encoding, as scikit-learn's <c>OrdinalEncoder</c>: the k-th category (0-based) of a column's order is coded k.
/// The order is declared (<see cref="OrdinalEncoderOptions.Orders"/>, or the data model's code lists such as
/// education) or, for other columns, the sorted categories of the training data. Missing values are coded NaN.
/// </summary>
/// <remarks>With a declared order, a training value outside it is handled as <see cref="OrdinalEncoderOptions.Unknown"/>
/// says (so a typo in the data is caught when fitting, not later).</remarks>
public sealed class OrdinalEncoder(OrdinalEncoderOptions? options = null) : IEstimator<OrdinalEncoderModel>
{
    private readonly OrdinalEncoderOptions options = options ?? new();

    /// <summary>Learns (or takes the declared) order of every column of <paramref name="data"/> (numeric codes).</summary>
    /// <exception cref="ArgumentException">No rows, or an infinite value (NaN is missing).</exception>
    public OrdinalEncoderModel Fit(FeatureMatrix data)
    {
        FeatureMatrix.CheckTrainingInput(data, nameof(data), missingAllowed: true);
        options.Validate();
        var columns = new OrdinalEncoderColumn[data.Columns];
        for (int j = 0; j < data.Columns; j++)
            columns[j] = Learn(data.ColumnNames[j], data.Column(j).Select(FrameColumns.NumberKey).ToArray(), numeric: true);
        return Check(new OrdinalEncoderModel(columns, options.Unknown), m => m.Transform(data));
    }

    /// <summary>Learns (or takes the declared) order of the named columns of <paramref name="frame"/>.</summary>
    public OrdinalEncoderModel Fit(DataFrame frame, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(columns);
        options.Validate();
        if (columns.Count == 0) throw new ArgumentException("At least one column is required.", nameof(columns));
        var learned = new OrdinalEncoderColumn[columns.Count];
        for (int j = 0; j < columns.Count; j++)
            learned[j] = Learn(columns[j], FrameColumns.Keys(frame, columns[j], nameof(frame), out bool numeric), numeric);
        return Check(new OrdinalEncoderModel(learned, options.Unknown), m => m.Transform(frame));
    }

    private OrdinalEncoderColumn Learn(string name, string?[] keys, bool numeric)
    {
        var declared = options.OrderOf(name);
        return declared is not null
            ? new OrdinalEncoderColumn(name, declared.ToEquatableArray(), Declared: true)
            : new OrdinalEncoderColumn(name, FrameColumns.SortedDistinct(keys.OfType<string>(), numeric), Declared: false);
    }

    private static OrdinalEncoderModel Check(OrdinalEncoderModel model, Action<OrdinalEncoderModel> encodeTrainingData)
    {
        if (model.Columns.Any(c => c.Declared)) encodeTrainingData(model);
        return model;
    }
}
