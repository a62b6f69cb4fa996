using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;

namespace Segmentation.Notebooks.Tests;

public sealed class NotebookDataTests
{
    [Fact]
    public void Cross_tab_counts_label_pairs()
    {
        var m = NotebookData.CrossTab([0, 0, 1, 1, 1], [1, 1, 0, 1, 1]);
        Assert.Equal(new double[,] { { 0, 2 }, { 1, 2 } }, m);
    }

    [Fact]
    public void Profile_index_is_100_times_segment_mean_over_population_mean()
    {
        var data = new FeatureMatrix([1, 10, 3, 10, 8, 40], 3, 2, ["a", "b"]);
        var index = NotebookData.ProfileIndex(data, [0, 0, 1]);
        // population means 4 and 20; segment 0 means 2 and 10, segment 1 means 8 and 40
        Assert.Equal(50, index[0, 0], 12);
        Assert.Equal(50, index[0, 1], 12);
        Assert.Equal(200, index[1, 0], 12);
        Assert.Equal(200, index[1, 1], 12);
    }

    [Fact]
    public void Complete_rows_drop_customers_with_missing_values_and_keep_their_row_numbers()
    {
        var frame = new DataFrame(new DoubleDataFrameColumn("a", [1.0, null, 3.0]), new Int64DataFrameColumn("b", [4L, 5L, null]));
        var (matrix, rows) = NotebookData.CompleteRows(frame, ["a", "b"]);
        Assert.Equal([0], rows);
        Assert.Equal([1.0, 4.0], matrix.Values);
        Assert.Throws<ArgumentException>(() => NotebookData.Doubles(frame, "c"));
    }

    [Fact]
    public void Group_summary_counts_and_shares_per_group()
    {
        var s = NotebookData.GroupSummary(["x", "y", "x"], [1.0, 2.0, 3.0]);
        Assert.Equal(["x", "y"], s["group"].Cast<string>());
        Assert.Equal([2, 1], s["customers"].Cast<int?>().Select(v => v!.Value));
        Assert.Equal(4.0 / 6, (double)s["value_share"][0]!, 12);
    }
}
