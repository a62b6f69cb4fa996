using Segmentation.Analytics.Evaluation;
using Xunit.Abstractions;

namespace Segmentation.Analytics.Tests.Evaluation;

[Collection(SyntheticSampleCollection.Name)]
public sealed class CampaignEvaluatorTests(SyntheticSample sample, ITestOutputHelper output)
{
    [Fact]
    public void Planted_conversion_uplift_lies_in_the_95_percent_interval_of_every_campaign_of_the_sample()
    {
        var uplifts = CampaignEvaluator.Evaluate(sample.Workspace, sample.Assignment);
        Assert.Equal(sample.Dataset.Truth.Campaigns.Count, uplifts.Count);
        foreach (var truth in sample.Dataset.Truth.Campaigns)
        {
            var u = uplifts.Single(x => x.Campaign.CampaignId == truth.CampaignId);
            output.WriteLine($"{u}  truth {truth.ExpectedConversionUplift:F4}, revenue {u.RevenuePerCustomer} truth {truth.ExpectedRevenueUpliftPerCustomer:F2}");
            Assert.Equal(EvidenceStrength.Randomised, u.Evidence);
            Assert.Equal(truth.Treated, u.TreatedCustomers);
            Assert.Equal(truth.Control, u.ControlCustomers);
            Assert.True(u.Conversion.Covers(truth.ExpectedConversionUplift), $"{truth.CampaignId}: {u.Conversion} does not cover {truth.ExpectedConversionUplift}");
            Assert.True(u.RevenuePerCustomer.Covers(truth.ExpectedRevenueUpliftPerCustomer), $"{truth.CampaignId}: {u.RevenuePerCustomer} does not cover {truth.ExpectedRevenueUpliftPerCustomer}");
            Assert.Equal(u.ProfitPerCustomer.Estimate * u.TreatedCustomers, u.IncrementalProfit, 6);
            Assert.Equal((u.IncrementalProfit - u.Campaign.Cost) / u.Campaign.Cost, u.Roi!.Value, 9);
        }
        // The largest planted effect (12 points on ~900 bargain hunters) is detected at this size.
        Assert.True(uplifts.Single(u => u.Campaign.CampaignId == "CMP01").Conversion.IsSignificant);
    }

    [Fact]
    public void Without_a_control_group_a_difference_in_differences_against_the_same_segment_recovers_the_planted_uplift()
    {
        var ws = sample.Workspace;
        ws.Execute("CREATE OR REPLACE TABLE ca_backup AS SELECT * FROM campaign_assignments");
        try
        {
            ws.Execute("DELETE FROM campaign_assignments WHERE campaign_id = 'CMP01' AND \"group\" = 'control'");
            var u = CampaignEvaluator.Evaluate(ws, sample.Assignment).Single(x => x.Campaign.CampaignId == "CMP01");
            var truth = sample.Dataset.Truth.Campaigns.Single(t => t.CampaignId == "CMP01");
            output.WriteLine(u.ToString());
            Assert.Equal(EvidenceStrength.QuasiExperimental, u.Evidence);
            Assert.Equal(truth.Treated, u.TreatedCustomers);
            Assert.True(u.ControlCustomers >= truth.Control, $"comparison group {u.ControlCustomers} < the former control {truth.Control}");
            Assert.True(u.Conversion.Covers(truth.ExpectedConversionUplift), $"{u.Conversion} does not cover {truth.ExpectedConversionUplift}");
        }
        finally
        {
            ws.Execute("DELETE FROM campaign_assignments; INSERT INTO campaign_assignments SELECT * FROM ca_backup; DROP TABLE ca_backup");
        }
    }
}
