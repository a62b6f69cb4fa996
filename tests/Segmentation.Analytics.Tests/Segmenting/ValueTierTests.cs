using System.Globalization;
using System.Text.Json;
using Segmentation.Analytics.Segmenting;

namespace Segmentation.Analytics.Tests.Segmenting;

public sealed class ValueTierTests
{
    private static ValueTier[] Tiers(double[] values, ValueTierOptions? options = null) => new ValueTiering(options).Fit(values).Assign(values);

    [Fact]
    public void Abc_puts_the_customer_who_crosses_80_percent_in_A_and_the_one_who_crosses_95_percent_in_B()
    {
        // Total of positive values 100: cumulative 50, 80 (reaches 80 % exactly → A), 90, 95 (reaches 95 % → B), 100.
        double[] values = [50, 30, 10, 5, 5, 0, -3];
        var model = new ValueTiering().Fit(values);
        Assert.Equal(30, model.TopThreshold);
        Assert.Equal(5, model.MiddleThreshold);
        Assert.Equal([ValueTier.Top, ValueTier.Top, ValueTier.Middle, ValueTier.Middle, ValueTier.Middle, ValueTier.Bottom, ValueTier.Bottom], model.Assign(values));
        Assert.Equal([2L, 3, 2], model.Counts);
        Assert.Equal(0.8, model.ValueShares[0], 12);
        Assert.Equal(0.2, model.ValueShares[1], 12);
    }

    [Fact]
    public void Abc_crossing_customer_is_in_A_even_when_the_share_is_passed_by_a_large_step()
    {
        Assert.Equal([ValueTier.Top, ValueTier.Top], Tiers([79, 21]));             // 79 % then 100 %: the second crosses 80 %
        Assert.Equal([ValueTier.Top, ValueTier.Top, ValueTier.Top, ValueTier.Middle], Tiers([60, 25, 25, 10])); // 50 %, 70.8 %, 91.7 % → A; 100 % → B
    }

    [Fact]
    public void Abc_customers_tied_with_the_boundary_customer_share_its_tier()
    {
        // 40 reaches 40 %, the second 40 reaches 80 %: both 40s are A; a third 40 would be A too.
        Assert.Equal([ValueTier.Top, ValueTier.Top, ValueTier.Bottom], Tiers([40, 40, 20], new ValueTierOptions(MiddleShare: 0)));
        Assert.Equal([ValueTier.Top, ValueTier.Top, ValueTier.Top, ValueTier.Middle], Tiers([30, 30, 30, 10]));
    }

    [Fact]
    public void Abc_shares_are_configurable()
    {
        double[] values = [50, 30, 10, 5, 5];
        Assert.Equal([ValueTier.Top, ValueTier.Middle, ValueTier.Bottom, ValueTier.Bottom, ValueTier.Bottom], Tiers(values, new ValueTierOptions(TopShare: 0.5, MiddleShare: 0.3)));
    }

    [Fact]
    public void Without_positive_values_everyone_is_C()
    {
        var model = new ValueTiering().Fit([0.0, -5, 0]);
        Assert.Equal(double.PositiveInfinity, model.TopThreshold);
        Assert.All(model.Assign([0.0, -5, 1e9]), t => Assert.Equal(ValueTier.Bottom, t));
    }

    [Fact]
    public void Threshold_tiers_include_the_threshold_value_in_the_higher_tier()
    {
        var options = new ValueTierOptions(ValueTierMethod.Thresholds, TopThreshold: 100, MiddleThreshold: 50);
        var model = new ValueTiering(options).Fit([1.0]);
        Assert.Equal([ValueTier.Top, ValueTier.Middle, ValueTier.Middle, ValueTier.Bottom, ValueTier.Bottom], model.Assign([100, 99.99, 50, 49.99, -1]));
        Assert.Equal("高价值客户", model.Label(ValueTier.Top));
        Assert.Equal("Low value", model.Label(ValueTier.Bottom, "en"));
    }

    [Fact]
    public void Labels_come_from_the_table_in_both_languages()
    {
        Assert.Equal("A类客户", ValueTierLabels.Label(ValueTierLabelScheme.Abc, ValueTier.Top));
        Assert.Equal("VIP客户", ValueTierLabels.Label(ValueTierLabelScheme.VipRegularPotential, ValueTier.Top));
        Assert.Equal("潜力客户", ValueTierLabels.Label(ValueTierLabelScheme.VipRegularPotential, ValueTier.Bottom));
        Assert.Equal("B customers", ValueTierLabels.Label(ValueTierLabelScheme.Abc, ValueTier.Middle, "en"));
        Assert.Equal(9, ValueTierLabels.Table.Count);
        Assert.Equal("language", Assert.Throws<ArgumentException>(() => ValueTierLabels.Label(ValueTierLabelScheme.Abc, ValueTier.Top, "fr")).ParamName);
    }

    /// <summary>CDNOW master file: total dollars per customer, rounded to cents (as the pandas reference).</summary>
    private static double[] CdnowTotals()
    {
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(RepoPaths.Data("real", "cdnow", "CDNOW_master.txt")).Skip(1))
        {
            var parts = line.Split((char[])[' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 4) continue;
            totals[parts[0]] = totals.GetValueOrDefault(parts[0]) + double.Parse(parts[3], CultureInfo.InvariantCulture);
        }
        return totals.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Math.Round(kv.Value, 2)).ToArray();
    }

    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(RepoPaths.Reference("features", "cdnow_value_tiers.json"))).RootElement;

    [Fact]
    public void Abc_on_cdnow_matches_an_independent_pandas_sort_and_cumsum()
    {
        var totals = CdnowTotals();
        Assert.Equal(Reference.GetProperty("customers").GetInt32(), totals.Length);
        var abc = Reference.GetProperty("abc");
        var model = new ValueTiering().Fit(totals);
        Assert.Equal(abc.GetProperty("top_threshold").GetDouble(), model.TopThreshold);
        Assert.Equal(abc.GetProperty("middle_threshold").GetDouble(), model.MiddleThreshold);
        Assert.Equal(abc.GetProperty("a").GetInt64(), model.Counts[0]);
        Assert.Equal(abc.GetProperty("b").GetInt64(), model.Counts[1]);
        Assert.Equal(abc.GetProperty("c").GetInt64(), model.Counts[2]);
        Assert.Equal(abc.GetProperty("a_customer_share").GetDouble(), (double)model.Counts[0] / totals.Length, 12);
        Assert.Equal(abc.GetProperty("a_value_share").GetDouble(), model.ValueShares[0], 10);
    }

    [Fact]
    public void Quantile_tiers_on_cdnow_match_numpy_quantiles()
    {
        var totals = CdnowTotals();
        var q = Reference.GetProperty("quantiles");
        var model = new ValueTiering(new ValueTierOptions(ValueTierMethod.Quantiles, TopQuantile: 0.8, MiddleQuantile: 0.5)).Fit(totals);
        Assert.Equal(q.GetProperty("q80").GetDouble(), model.TopThreshold, 12);
        Assert.Equal(q.GetProperty("q50").GetDouble(), model.MiddleThreshold, 12);
        Assert.Equal(q.GetProperty("high").GetInt64(), model.Counts[0]);
        Assert.Equal(q.GetProperty("mid").GetInt64(), model.Counts[1]);
    }

    [Fact]
    public void Same_input_gives_byte_identical_json_fit_does_not_mutate_and_the_model_round_trips()
    {
        var totals = CdnowTotals();
        var copy = (double[])totals.Clone();
        var first = new ValueTiering().Fit(totals).ToJson();
        Assert.Equal(first, new ValueTiering().Fit(totals).ToJson());
        Assert.Equal(copy, totals);
        using var dir = new TempDirectory();
        new ValueTiering().Fit(totals).Save(dir.File("tiers.json"));
        var loaded = ValueTierModel.Load(dir.File("tiers.json"));
        Assert.Equal(first, loaded.ToJson());
        Assert.Equal(new ValueTiering().Fit(totals).Assign(totals), loaded.Assign(totals));
        // +∞ thresholds survive the round trip too.
        new ValueTiering().Fit([0.0]).Save(dir.File("empty.json"));
        Assert.Equal(double.PositiveInfinity, ValueTierModel.Load(dir.File("empty.json")).TopThreshold);
    }

    public static TheoryData<ValueTierOptions, string> BadOptions => new()
    {
        { new ValueTierOptions(TopShare: 0), "TopShare" },
        { new ValueTierOptions(TopShare: 1.2), "TopShare" },
        { new ValueTierOptions(TopShare: 0.9, MiddleShare: 0.2), "MiddleShare" },
        { new ValueTierOptions(MiddleShare: -0.1), "MiddleShare" },
        { new ValueTierOptions(ValueTierMethod.Thresholds, MiddleThreshold: 5), "TopThreshold" },
        { new ValueTierOptions(ValueTierMethod.Thresholds, TopThreshold: 5), "MiddleThreshold" },
        { new ValueTierOptions(ValueTierMethod.Thresholds, TopThreshold: 5, MiddleThreshold: 6), "MiddleThreshold" },
        { new ValueTierOptions(ValueTierMethod.Quantiles, TopQuantile: 1), "TopQuantile" },
        { new ValueTierOptions(ValueTierMethod.Quantiles, MiddleQuantile: 0.9), "MiddleQuantile" },
        { new ValueTierOptions((ValueTierMethod)5), "Method" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_fail_naming_the_parameter(ValueTierOptions options, string parameter)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new ValueTiering(options).Fit([1.0, 2.0]));
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void Non_finite_values_fail_naming_the_index()
    {
        var e = Assert.Throws<ArgumentException>(() => new ValueTiering().Fit([1.0, double.NaN]));
        Assert.Equal("values", e.ParamName);
        Assert.Contains("values[1]", e.Message);
    }
}
