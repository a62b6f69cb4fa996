using System.Globalization;
using System.Text.Json;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Tests.Segmenting;

/// <summary>
/// The committed scikit-learn / scipy outputs of tests/reference/clustering/make_reference.py and the
/// input matrices they were computed on (full-precision CSV). Loaded once per test run.
/// </summary>
public static class ClusteringReference
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "reference", "clustering");
            if (Directory.Exists(candidate)) return candidate;
            dir = dir.Parent;
        }
        throw new DirectoryNotFoundException("tests/reference/clustering not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<JsonDocument> Json = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder.Value, "reference.json"))));
    private static readonly Lazy<FeatureMatrix> MarketingLazy = new(() => ReadMatrix("marketing_z.csv"));
    private static readonly Lazy<FeatureMatrix> WholesaleLazy = new(() => ReadMatrix("wholesale_log.csv"));

    /// <summary>marketing_campaign numeric columns, z-scored (2 216 × 10).</summary>
    public static FeatureMatrix Marketing => MarketingLazy.Value;

    /// <summary>wholesale_customers log spends (440 × 6).</summary>
    public static FeatureMatrix Wholesale => WholesaleLazy.Value;

    public static FeatureMatrix Matrix(string name) => name switch
    {
        "marketing_z" => Marketing,
        "wholesale_log" => Wholesale,
        _ => throw new ArgumentException(name),
    };

    public static JsonElement Root => Json.Value.RootElement;

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();
    public static double[][] Rows(JsonElement e) => e.EnumerateArray().Select(Doubles).ToArray();

    private static FeatureMatrix ReadMatrix(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder.Value, file));
        var names = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray()).ToList();
        return FeatureMatrix.FromRows(rows, names);
    }

    /// <summary>|a − b| ≤ rel·max(|a|, |b|) (with a floor for values that are exactly zero).</summary>
    public static void AssertRelative(double expected, double actual, double rel, string what = "")
    {
        double scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        Assert.True(Math.Abs(expected - actual) <= rel * scale + 1e-300,
            $"{what}: expected {expected:R}, got {actual:R} (relative difference {Math.Abs(expected - actual) / scale:E2} > {rel:E0})");
    }
}
