using Segmentation.Synthetic;

namespace Segmentation.Synthetic.Tests;

public sealed class SyntheticCampaignTests(LargeSyntheticFixture fixture) : IClassFixture<LargeSyntheticFixture>
{
    /// <summary>Per assigned customer: converted (any non-return purchase in the window) and gross purchase amount in the window.</summary>
    internal static Dictionary<int, (bool Treated, bool Converted, double Revenue)> Outcomes(SyntheticDataset data, string campaignId)
    {
        var campaign = data.Campaigns.Single(c => c.CampaignId == campaignId);
        var from = campaign.Start.ToDateTime(TimeOnly.MinValue);
        var to = campaign.End.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var outcomes = data.CampaignAssignments.Where(a => a.CampaignId == campaignId)
            .ToDictionary(a => a.CustomerNumber, a => (Treated: a.Group == "treatment", Converted: false, Revenue: 0.0));
        foreach (var t in data.Transactions)
        {
            if (t.IsReturn || t.Timestamp < from || t.Timestamp >= to || !outcomes.TryGetValue(t.CustomerNumber, out var o)) continue;
            outcomes[t.CustomerNumber] = (o.Treated, true, o.Revenue + t.Amount);
        }
        return outcomes;
    }

    private static (double Difference, double StandardError) DifferenceOfMeans(IEnumerable<double> treated, IEnumerable<double> control)
    {
        var t = treated.ToArray();
        var c = control.ToArray();
        static double Var(double[] x) { double m = x.Average(); return x.Sum(v => (v - m) * (v - m)) / (x.Length - 1); }
        return (t.Average() - c.Average(), Math.Sqrt(Var(t) / t.Length + Var(c) / c.Length));
    }

    public static TheoryData<string> CampaignIds => new("CMP01", "CMP02", "CMP03", "CMP04", "CMP05");

    [Theory]
    [MemberData(nameof(CampaignIds))]
    public void Observed_conversion_uplift_is_within_3_standard_errors_of_the_planted_effect(string campaignId)
    {
        var truth = fixture.Data.Truth.Campaigns.Single(c => c.CampaignId == campaignId);
        var outcomes = Outcomes(fixture.Data, campaignId).Values;
        Assert.Equal(truth.Treated, outcomes.Count(o => o.Treated));
        Assert.Equal(truth.Control, outcomes.Count(o => !o.Treated));
        var (diff, se) = DifferenceOfMeans(outcomes.Where(o => o.Treated).Select(o => o.Converted ? 1.0 : 0.0),
                                           outcomes.Where(o => !o.Treated).Select(o => o.Converted ? 1.0 : 0.0));
        Assert.True(Math.Abs(diff - truth.ExpectedConversionUplift) <= 3 * se,
            $"{campaignId}: observed {diff:F4} ± {se:F4}, planted {truth.ExpectedConversionUplift:F4}");
    }

    [Theory]
    [MemberData(nameof(CampaignIds))]
    public void Observed_revenue_uplift_is_within_3_standard_errors_of_the_planted_effect(string campaignId)
    {
        var truth = fixture.Data.Truth.Campaigns.Single(c => c.CampaignId == campaignId);
        var outcomes = Outcomes(fixture.Data, campaignId).Values;
        var (diff, se) = DifferenceOfMeans(outcomes.Where(o => o.Treated).Select(o => o.Revenue), outcomes.Where(o => !o.Treated).Select(o => o.Revenue));
        Assert.True(Math.Abs(diff - truth.ExpectedRevenueUpliftPerCustomer) <= 3 * se,
            $"{campaignId}: observed {diff:F2} ± {se:F2}, planted {truth.ExpectedRevenueUpliftPerCustomer:F2}");
    }

    [Fact]
    public void Default_campaigns_plant_their_delta_exactly_and_one_has_no_effect()
    {
        var campaigns = fixture.Data.Truth.Campaigns;
        Assert.InRange(campaigns.Count, 4, 6);
        Assert.All(campaigns, c =>
        {
            Assert.Equal(0, c.ClippedCustomers);
            Assert.Equal(c.ConversionDelta, c.ExpectedConversionUplift, 1e-9);
            Assert.Equal(Math.Round(0.8 * (c.Treated + c.Control)), c.Treated);
        });
        var nullCampaign = Assert.Single(campaigns, c => c.ConversionDelta == 0);
        Assert.Equal(0, nullCampaign.ExpectedRevenueUpliftPerCustomer);
    }

    [Fact]
    public void Campaign_ids_on_transactions_mark_only_treated_purchases_inside_the_window()
    {
        var data = fixture.Data;
        var groups = data.CampaignAssignments.ToDictionary(a => (a.CampaignId, a.CustomerNumber), a => a.Group);
        var windows = data.Campaigns.ToDictionary(c => c.CampaignId);
        int tagged = 0;
        foreach (var t in data.Transactions.Where(t => t.CampaignId is not null))
        {
            tagged++;
            Assert.False(t.IsReturn);
            Assert.Equal("treatment", groups[(t.CampaignId!, t.CustomerNumber)]);
            var day = DateOnly.FromDateTime(t.Timestamp);
            Assert.InRange(day, windows[t.CampaignId!].Start, windows[t.CampaignId!].End);
        }
        // Conversely every treated purchase in a window carries the id.
        int expected = data.Transactions.Count(t => !t.IsReturn && data.Campaigns.Any(c =>
            DateOnly.FromDateTime(t.Timestamp) >= c.Start && DateOnly.FromDateTime(t.Timestamp) <= c.End &&
            groups.TryGetValue((c.CampaignId, t.CustomerNumber), out var g) && g == "treatment"));
        Assert.Equal(expected, tagged);
    }

    [Fact]
    public void An_overridden_large_effect_is_capped_per_customer_and_the_capped_truth_is_observed()
    {
        var plan = new CampaignPlan("X1", "测试", "test", PlantedSegments.BargainHunters, new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 14), 1000, 0.25);
        var data = SyntheticGenerator.Create(new SyntheticOptions { Customers = 8000, Seed = 99, Campaigns = [plan] });
        var truth = Assert.Single(data.Truth.Campaigns);
        // Bargain hunters with a high purchase rate already convert with p0 > 0.75 in two weeks: their effect is 1 − p0 < δ.
        Assert.True(truth.ClippedCustomers > 0);
        Assert.InRange(truth.ExpectedConversionUplift, 0.2, 0.25 - 1e-6);
        var outcomes = Outcomes(data, "X1").Values;
        var (diff, se) = DifferenceOfMeans(outcomes.Where(o => o.Treated).Select(o => o.Converted ? 1.0 : 0.0),
                                           outcomes.Where(o => !o.Treated).Select(o => o.Converted ? 1.0 : 0.0));
        Assert.True(Math.Abs(diff - truth.ExpectedConversionUplift) <= 3 * se, $"observed {diff:F4} ± {se:F4}, planted {truth.ExpectedConversionUplift:F4}");
    }
}
