using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Analysis;
using Segmentation.Testing;

namespace Segmentation.Analytics.Tests.Models;

/// <summary>data/real/mall_customers/mall.csv (200 customers: gender, age, income, spending) as a feature frame, and the
/// scikit-learn Ward partitions of tests/reference/clustering/make_reference.py (mall_ward.json).</summary>
public static class MallCustomers
{
    private static readonly Lazy<DataFrame> frame = new(() =>
    {
        var lines = File.ReadAllLines(RepoPaths.Data("real", "mall_customers", "mall.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',')).ToArray();
        double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        return new DataFrame(
            new StringDataFrameColumn("customer_id", lines.Select(r => r[0])),
            new StringDataFrameColumn("gender", lines.Select(r => r[1])),
            new DoubleDataFrameColumn("age", lines.Select(r => Number(r[2]))),
            new DoubleDataFrameColumn("income", lines.Select(r => Number(r[3]))),
            new DoubleDataFrameColumn("spending", lines.Select(r => Number(r[4]))));
    });

    private static readonly Lazy<JsonElement> reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Reference("clustering", "mall_ward.json"))).RootElement);

    /// <summary>A fresh copy of the frame (in file order).</summary>
    public static DataFrame Frame => frame.Value.Clone();

    /// <summary>scikit-learn's <c>AgglomerativeClustering(k, linkage="ward").labels_</c> on the z-scored age, income, spending.</summary>
    public static int[] WardLabels(int k) =>
        reference.Value.GetProperty("k").GetProperty(k.ToString(CultureInfo.InvariantCulture)).GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()).ToArray();

    /// <summary>Training rows the nearest-centroid rule moves out of that partition (computed by the same script).</summary>
    public static int NearestCentroidMoves(int k) =>
        reference.Value.GetProperty("k").GetProperty(k.ToString(CultureInfo.InvariantCulture)).GetProperty("nearest_centroid_moves").GetInt32();
}
