using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Models;

/// <summary>The segment of every customer given to <see cref="SegmentationModel.Assign"/>, with what had to be filled in.</summary>
/// <param name="CustomerIds">Customer keys in input order, or null when the frame had no id column.</param>
/// <param name="Segments">Segment index per row.</param>
/// <param name="Definitions">The model's segments (names and keys), by index.</param>
/// <param name="Imputed">Missing numeric values replaced by the training median, per feature (features with none are omitted).</param>
/// <param name="UnknownCategories">Categorical values not seen in training (encoded as all zeros), per feature (features with none are omitted).</param>
public sealed record SegmentAssignment(string?[]? CustomerIds, int[] Segments, IReadOnlyList<SegmentDefinition> Definitions,
    IReadOnlyList<FeatureCount> Imputed, IReadOnlyList<FeatureCount> UnknownCategories)
{
    /// <summary>Segment key per row.</summary>
    public string[] Keys => Segments.Select(s => Definitions[s].Key).ToArray();

    /// <summary>Rows assigned to each segment, by index.</summary>
    public int[] Sizes
    {
        get
        {
            var sizes = new int[Definitions.Count];
            foreach (int s in Segments) sizes[s]++;
            return sizes;
        }
    }

    /// <summary>customer_id (when known), segment, segment_key, segment_zh, segment_en — one row per customer.</summary>
    public DataFrame ToDataFrame()
    {
        var columns = new List<DataFrameColumn>();
        if (CustomerIds is not null) columns.Add(new StringDataFrameColumn("customer_id", CustomerIds));
        columns.Add(new Int32DataFrameColumn("segment", Segments));
        columns.Add(new StringDataFrameColumn("segment_key", Segments.Select(s => Definitions[s].Key)));
        columns.Add(new StringDataFrameColumn("segment_zh", Segments.Select(s => Definitions[s].NameZh)));
        columns.Add(new StringDataFrameColumn("segment_en", Segments.Select(s => Definitions[s].NameEn)));
        return new DataFrame(columns);
    }
}
