using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Tests.Features;

/// <summary>The marketing_campaign data set and the committed scikit-learn outputs (tests/reference/features/make_reference.py).</summary>
internal static class FeatureReferenceData
{
    public static readonly string[] NumericColumns = ["birth_year", "income", "recency", "wines", "meat", "gold", "web", "store", "catalog", "visits"];

    private static readonly Lazy<DataFrame> marketing = new(LoadMarketing);

    /// <summary>marketing.csv: education as text, every other column as double (visits also as Int64 "visits_code").</summary>
    public static DataFrame Marketing => marketing.Value;

    private static DataFrame LoadMarketing()
    {
        var lines = File.ReadAllLines(RepoPaths.Data("real", "marketing_campaign", "marketing.csv"));
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var columns = new List<DataFrameColumn>();
        for (int j = 0; j < header.Length; j++)
        {
            int jj = j;
            if (header[j] == "education") columns.Add(new StringDataFrameColumn("education", rows.Select(r => r[jj])));
            else columns.Add(new DoubleDataFrameColumn(header[j], rows.Select(r => double.Parse(r[jj], CultureInfo.InvariantCulture))));
        }
        columns.Add(new Int64DataFrameColumn("visits_code", rows.Select(r => long.Parse(r[Array.IndexOf(header, "visits")], CultureInfo.InvariantCulture))));
        return new DataFrame(columns);
    }

    /// <summary>A committed CSV of numbers: header → column of doubles.</summary>
    public static Dictionary<string, double[]> Csv(string name)
    {
        var lines = File.ReadAllLines(RepoPaths.Reference("features", name)).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var cells = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        return header.Select((h, j) => (h, cells.Select(r => double.Parse(r[j], CultureInfo.InvariantCulture)).ToArray()))
            .ToDictionary(p => p.h, p => p.Item2);
    }

    public static JsonElement Json { get; } = JsonDocument.Parse(File.ReadAllText(RepoPaths.Reference("features", "reference.json"))).RootElement;

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    /// <summary>|actual − expected| ≤ 1e-12 · max(1, |expected|): relative, with unit scale for values near 0 (z-scores cross 0).</summary>
    public static void Close(double expected, double actual, string what)
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual}"); return; }
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
    }
}
