using Segmentation.Synthetic;

namespace Segmentation.Synthetic.Tests;

public sealed class SyntheticOptionsTests
{
    [Fact]
    public void Defaults_span_24_months_from_2024_11_with_management_from_2025_11()
    {
        var o = new SyntheticOptions();
        o.Validate();
        Assert.Equal((5000, 24, new DateOnly(2026, 10, 31)), (o.Customers, o.Months, o.EndDate));
        Assert.Equal(6, o.Segments.Count);
        Assert.Equal(0.05, o.Segments.Single(s => s.IsBusiness).Share / o.Segments.Sum(s => s.Share), 9);
        Assert.Equal(new DateOnly(2025, 11, 4), o.ResolvedCampaigns.Single(c => c.TargetSegment == PlantedSegments.YoungOnlineHigh).Start);
    }

    [Fact]
    public void Bad_options_fail_naming_the_option()
    {
        Assert.Equal("Customers", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticGenerator.Create(new SyntheticOptions { Customers = 0 })).ParamName);
        Assert.Equal("Months", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticGenerator.Create(new SyntheticOptions { Months = 2 })).ParamName);
        Assert.Equal("StartMonth", Assert.Throws<ArgumentException>(() => SyntheticGenerator.Create(new SyntheticOptions { StartMonth = new DateOnly(2024, 11, 5) })).ParamName);
        Assert.Equal("TreatmentShare", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticGenerator.Create(new SyntheticOptions { TreatmentShare = 1 })).ParamName);
        var late = new CampaignPlan("L", "晚", "late", PlantedSegments.BargainHunters, new DateOnly(2026, 10, 20), new DateOnly(2026, 11, 10), 1, 0.1);
        var error = Assert.Throws<ArgumentException>(() => SyntheticGenerator.Create(new SyntheticOptions { Campaigns = [late] }));
        Assert.Equal("Campaigns", error.ParamName);
        Assert.Contains("2026-11-10", error.Message);
        var a = late with { CampaignId = "A", Start = new DateOnly(2025, 1, 1), End = new DateOnly(2025, 1, 31) };
        var b = a with { CampaignId = "B", Start = new DateOnly(2025, 1, 20), End = new DateOnly(2025, 2, 10) };
        Assert.Contains("overlapping", Assert.Throws<ArgumentException>(() => new SyntheticOptions { Campaigns = [a, b] }.Validate()).Message);
        Assert.Throws<ArgumentException>(() => PlantedSegments.WithShares(new Dictionary<string, double> { ["nobody"] = 1 }));
        Assert.Throws<ArgumentException>(() => SyntheticGenerator.Generate(new SyntheticOptions(), " "));
    }

    [Fact]
    public void A_shorter_horizon_places_the_default_campaigns_inside_it()
    {
        var data = SyntheticGenerator.Create(new SyntheticOptions { Customers = 300, Months = 12, Seed = 5 });
        var end = new DateOnly(2025, 10, 31);
        Assert.All(data.Campaigns, c => Assert.True(c.Start >= new DateOnly(2024, 11, 1) && c.End <= end));
        Assert.True(data.Transactions.Max(t => t.Timestamp) < end.AddDays(1).ToDateTime(TimeOnly.MinValue));
        Assert.Equal(12 * 7, data.Market.Length);
    }
}
