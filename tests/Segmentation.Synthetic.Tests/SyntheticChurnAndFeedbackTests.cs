using Segmentation.Synthetic;

namespace Segmentation.Synthetic.Tests;

public sealed class SyntheticChurnAndFeedbackTests(LargeSyntheticFixture fixture) : IClassFixture<LargeSyntheticFixture>
{
    [Fact]
    public void Churning_customers_buy_early_and_never_after_their_churn_month()
    {
        var data = fixture.Data;
        var churn = data.Truth.ChurnMonths;
        int churners = data.PlantedSegmentIndex.Count(s => data.Truth.Segments[s].Key == PlantedSegments.Churning);
        Assert.Equal(churners, churn.Count);
        Assert.All(churn.Keys, id => Assert.Equal(PlantedSegments.Churning, data.Truth.CustomerSegments[id]));
        var lastActivity = new Dictionary<string, DateTime>();
        var firstMonths = new HashSet<string>();
        foreach (var t in data.Transactions)
        {
            if (!churn.ContainsKey(t.CustomerId)) continue;
            lastActivity[t.CustomerId] = t.Timestamp;
            if (t.Timestamp < new DateTime(2025, 3, 1)) firstMonths.Add(t.CustomerId);
        }
        foreach (var (id, month) in churn)
            if (lastActivity.TryGetValue(id, out var last))
                Assert.True(string.CompareOrdinal(last.ToString("yyyy-MM"), month) <= 0, $"{id} active {last:yyyy-MM-dd} after churn month {month}");
        Assert.True(firstMonths.Count > 0.9 * churners, $"only {firstMonths.Count} of {churners} churners bought in the first 4 months");
        Assert.All(data.Feedback.Where(f => churn.ContainsKey(f.CustomerId)),
            f => Assert.True(string.CompareOrdinal(f.Date.ToString("yyyy-MM"), churn[f.CustomerId]) <= 0));
    }

    [Fact]
    public void Nobody_buys_or_answers_surveys_before_signing_up_and_new_customers_sign_up_during_the_horizon()
    {
        var data = fixture.Data;
        var signup = data.Customers.Select(c => c.SignupDate.ToDateTime(TimeOnly.MinValue)).ToArray();
        Assert.All(data.Transactions, t => Assert.True(t.Timestamp >= signup[t.CustomerNumber - 1]));
        Assert.All(data.Feedback, f => Assert.True(f.Date >= data.Customers[f.CustomerNumber - 1].SignupDate));
        double newShare = data.Customers.Count(c => c.SignupDate >= new DateOnly(2024, 11, 1)) / (double)data.Customers.Length;
        Assert.InRange(newShare, 0.05, 0.09); // 8 % of the 85 % non-churning customers ≈ 6.8 %
    }

    [Fact]
    public void Returns_reverse_an_earlier_purchase_of_the_same_customer_at_about_the_planted_rate()
    {
        var data = fixture.Data;
        var purchases = data.Transactions.Where(t => !t.IsReturn).ToLookup(t => (t.CustomerNumber, t.Amount, t.Category));
        var returns = data.Transactions.Where(t => t.IsReturn).ToArray();
        Assert.All(returns.Take(3000), r =>
        {
            Assert.True(r.Amount < 0 && r.Quantity < 0 && r.Cost == 0 && r.CampaignId is null);
            Assert.Contains(purchases[(r.CustomerNumber, -r.Amount, r.Category)], p => p.Timestamp < r.Timestamp && p.Quantity == -r.Quantity);
        });
        double rate = returns.Length / (double)purchases.Sum(g => g.Count());
        Assert.InRange(rate, 0.02, 0.045);
    }

    [Fact]
    public void Satisfaction_moves_as_planted_after_the_management_start()
    {
        var data = fixture.Data;
        var startDate = new DateOnly(2025, 11, 1);
        Assert.Equal("2025-11", data.Truth.ManagementStartMonth);
        foreach (var (segment, k) in data.Truth.Segments.Select((s, k) => (s, k)).Where(p => !p.s.Churns))
        {
            var responses = data.Feedback.Where(f => data.PlantedSegmentIndex[f.CustomerNumber - 1] == k).ToArray();
            var before = ClusteredMean(responses.Where(f => f.Date < startDate));
            var after = ClusteredMean(responses.Where(f => f.Date >= startDate));
            Assert.True(Math.Abs(before.Mean - segment.ExpectedCsatBeforeManagement) <= 3 * before.Se, $"{segment.Key} before: {before.Mean:F3} ± {before.Se:F3} vs {segment.ExpectedCsatBeforeManagement:F3}");
            Assert.True(Math.Abs(after.Mean - segment.ExpectedCsatAfterManagement) <= 3 * after.Se, $"{segment.Key} after: {after.Mean:F3} ± {after.Se:F3} vs {segment.ExpectedCsatAfterManagement:F3}");
        }
        var targeted = data.Truth.Segments.Where(s => s.ExpectedCsatAfterManagement > s.ExpectedCsatBeforeManagement + 0.1).Select(s => s.Key).ToArray();
        Assert.Contains(PlantedSegments.BargainHunters, targeted);
        Assert.DoesNotContain(PlantedSegments.BusinessBuyers, targeted);
    }

    /// <summary>Mean CSAT with a customer-clustered standard error (responses of one customer share a random effect).</summary>
    private static (double Mean, double Se) ClusteredMean(IEnumerable<SyntheticFeedback> responses)
    {
        var rows = responses.ToArray();
        double mean = rows.Average(r => r.Csat);
        double sum = rows.GroupBy(r => r.CustomerNumber).Sum(g => Math.Pow(g.Sum(r => r.Csat - mean), 2));
        return (mean, Math.Sqrt(sum) / rows.Length);
    }

    [Fact]
    public void Feedback_has_at_most_one_response_per_customer_and_month_and_complaints_follow_low_satisfaction()
    {
        var feedback = fixture.Data.Feedback;
        Assert.Equal(feedback.Length, feedback.Select(f => (f.CustomerNumber, f.Date.Year, f.Date.Month)).Distinct().Count());
        double lowComplaints = feedback.Where(f => f.Csat <= 2).Average(f => f.Complaint ? 1.0 : 0.0);
        double highComplaints = feedback.Where(f => f.Csat >= 4).Average(f => f.Complaint ? 1.0 : 0.0);
        Assert.True(lowComplaints > 3 * highComplaints, $"complaints: csat ≤ 2 {lowComplaints:P1}, csat ≥ 4 {highComplaints:P1}");
    }

    [Fact]
    public void Company_market_share_stays_between_5_and_15_percent_every_month()
    {
        var data = fixture.Data;
        var revenue = data.Transactions.GroupBy(t => (t.Timestamp.Year, t.Timestamp.Month)).ToDictionary(g => g.Key, g => g.Sum(t => t.Amount));
        var totals = data.Market.Where(m => m.Segment is null).ToArray();
        Assert.Equal(24, totals.Length);
        foreach (var m in totals)
        {
            double share = revenue[(m.Month.Year, m.Month.Month)] / m.MarketSize;
            Assert.InRange(share, 0.05, 0.15);
        }
        Assert.All(data.Market.Where(m => m.Segment is not null), m => Assert.Contains(m.Segment!, PlantedSegments.Keys));
    }
}
