using Segmentation.Analytics.Segmenting;

namespace Segmentation.Experiments;

/// <summary>
/// How customers of an experiment are grouped for heterogeneous effects: by a column of the file, or by the project's own
/// segments computed from pre-treatment columns (value tiers; RFM-like recency × value scores).
/// </summary>
/// <remarks>Segments use only pre-treatment information, so each segment is itself a randomised experiment.</remarks>
public abstract record ExperimentSegmentation
{
    private ExperimentSegmentation() { }

    /// <summary>A short name of the grouping (for tables).</summary>
    public abstract string Name { get; }

    /// <summary>The segment label of every customer.</summary>
    public abstract string[] Assign(ExperimentData data);

    /// <summary>By a text column: the schema's segment column (null) or a categorical/numeric feature column.</summary>
    public static ExperimentSegmentation ByColumn(string? column = null) => new ColumnSegments(column);

    /// <summary>By value tier (<see cref="ValueTiering"/>, default ABC on 80/15/5 % of value) of a numeric pre-treatment value column (e.g. history).</summary>
    public static ExperimentSegmentation ByValueTier(string valueColumn, ValueTierOptions? options = null) => new ValueTierSegments(valueColumn, options ?? new ValueTierOptions());

    /// <summary>
    /// By RFM-like scores from the file: R = 1 + number of recency cut points above the recency (recent = high) and
    /// M = 1 + number of value cut points below the value, with the (bins − 1) quantiles as cut points
    /// (<see cref="RfmScorer.Quantiles"/>); labels <c>R3M1</c> etc. Equal values share a score.
    /// </summary>
    public static ExperimentSegmentation ByRecencyValue(string recencyColumn, string valueColumn, int bins = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, 10);
        return new RecencyValueSegments(recencyColumn, valueColumn, bins);
    }

    private sealed record ColumnSegments(string? Column) : ExperimentSegmentation
    {
        public override string Name => Column ?? "segment column";

        public override string[] Assign(ExperimentData data)
        {
            if (Column is null || Column == data.Schema.SegmentColumn)
                return data.Segments ?? throw new ArgumentException("The schema has no segment column; name one.", nameof(Column));
            if (data.CategoricalFeatures.TryGetValue(Column, out var text)) return text;
            if (data.NumericFeatures.TryGetValue(Column, out var num)) return num.Select(v => v.ToString("G", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            throw new ArgumentException($"'{Column}' is neither the segment column nor a feature column of the experiment.", nameof(Column));
        }
    }

    private sealed record ValueTierSegments(string ValueColumn, ValueTierOptions Options) : ExperimentSegmentation
    {
        public override string Name => $"value tier of {ValueColumn}";

        public override string[] Assign(ExperimentData data)
        {
            var values = data.NumericFeature(ValueColumn);
            var model = new ValueTiering(Options).Fit(values);
            return model.Assign(values).Select(t => model.Label(t, "en")).ToArray();
        }
    }

    private sealed record RecencyValueSegments(string RecencyColumn, string ValueColumn, int Bins) : ExperimentSegmentation
    {
        public override string Name => $"R({RecencyColumn})M({ValueColumn})";

        public override string[] Assign(ExperimentData data)
        {
            var recency = data.NumericFeature(RecencyColumn);
            var value = data.NumericFeature(ValueColumn);
            var rCuts = RfmScorer.Quantiles(recency, Bins, RecencyColumn);
            var mCuts = RfmScorer.Quantiles(value, Bins, ValueColumn);
            var labels = new string[recency.Length];
            for (int i = 0; i < labels.Length; i++)
            {
                int r = 1 + rCuts.Count(t => recency[i] < t), m = 1 + mCuts.Count(t => value[i] > t);
                labels[i] = $"R{r}M{m}";
            }
            return labels;
        }
    }
}
