using System.Globalization;
using System.Text.Json;
using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Analytics.Tests.Statistics.Tests;

/// <summary>ANOVA and Kruskal-Wallis against scipy 1.10.1 (tests/reference/profiling/anova_kruskal.py).</summary>
public sealed class OneWayAnovaAndKruskalWallisTests
{
    private const double Relative = 1e-9;

    public static IEnumerable<object[]> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Reference("profiling", "anova_kruskal.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            yield return [c.GetProperty("dataset").GetString()!, c.GetProperty("grouping").GetString()!, c.GetProperty("feature").GetString()!];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Anova_and_kruskal_wallis_match_scipy(string dataset, string grouping, string feature)
    {
        var (values, labels) = Load(dataset, grouping, feature);
        var expected = Reference(dataset, grouping, feature);
        var anova = OneWayAnova.Test(values, labels);
        var kw = KruskalWallis.Test(values, labels);
        AssertRelative(expected.GetProperty("F").GetDouble(), anova.F, "F");
        AssertRelative(expected.GetProperty("anova_p").GetDouble(), anova.PValue, "ANOVA p");
        AssertRelative(expected.GetProperty("eta_squared").GetDouble(), anova.EtaSquared, "η²");
        AssertRelative(expected.GetProperty("H").GetDouble(), kw.H, "H");
        AssertRelative(expected.GetProperty("kruskal_p").GetDouble(), kw.PValue, "Kruskal-Wallis p");
        AssertRelative(expected.GetProperty("epsilon_squared").GetDouble(), kw.EpsilonSquared, "ε²");
        Assert.Equal(expected.GetProperty("k").GetInt32(), anova.Groups);
        Assert.Equal(expected.GetProperty("k").GetInt32() - 1, kw.DegreesOfFreedom);
    }

    [Fact]
    public void Missing_values_are_left_out_of_both_tests()
    {
        var (values, labels) = Load("mall", "gender", "spending");
        var withGaps = values.Concat([double.NaN, double.NaN]).ToArray();
        var gapLabels = labels.Concat([0, 1]).ToArray();
        Assert.Equal(OneWayAnova.Test(values, labels), OneWayAnova.Test(withGaps, gapLabels));
        Assert.Equal(KruskalWallis.Test(values, labels), KruskalWallis.Test(withGaps, gapLabels));
    }

    [Fact]
    public void A_single_segment_is_rejected_naming_the_labels()
    {
        var e = Assert.Throws<ArgumentException>(() => OneWayAnova.Test([1.0, 2, 3], [4, 4, 4]));
        Assert.Equal("labels", e.ParamName);
    }

    private static void AssertRelative(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= Relative * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):G3})"));

    private static JsonElement Reference(string dataset, string grouping, string feature)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Reference("profiling", "anova_kruskal.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray()
            .First(c => c.GetProperty("dataset").GetString() == dataset && c.GetProperty("grouping").GetString() == grouping && c.GetProperty("feature").GetString() == feature)
            .Clone();
    }

    internal static (double[] Values, int[] Labels) Load(string dataset, string grouping, string feature)
    {
        if (dataset == "wholesale")
        {
            var lines = File.ReadAllLines(RepoPaths.Data("real", "wholesale_customers", "Wholesale_customers_data.csv"));
            var header = lines[0].Split(';');
            var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(';').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            int channel = Array.IndexOf(header, "Channel"), region = Array.IndexOf(header, "Region"), f = Array.IndexOf(header, feature);
            var labels = rows.Select(r => grouping == "region" ? (int)r[region] : ((int)r[channel] - 1) * 3 + (int)r[region] - 1).ToArray();
            return (rows.Select(r => r[f]).ToArray(), labels);
        }
        else
        {
            var lines = File.ReadAllLines(RepoPaths.Data("real", "mall_customers", "mall.csv"));
            var header = lines[0].Split(',');
            var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
            int gender = Array.IndexOf(header, "gender"), age = Array.IndexOf(header, "age"), f = Array.IndexOf(header, feature);
            var labels = rows.Select(r =>
            {
                if (grouping == "gender") return r[gender] == "Female" ? 1 : 0;
                double a = double.Parse(r[age], CultureInfo.InvariantCulture);
                return a < 35 ? 0 : a <= 55 ? 1 : 2;
            }).ToArray();
            return (rows.Select(r => double.Parse(r[f], CultureInfo.InvariantCulture)).ToArray(), labels);
        }
    }
}
