using Segmentation.Synthetic;
using Segmentation.Analytics.Evaluation;
using Xunit.Abstractions;

namespace Segmentation.Analytics.Tests.Evaluation;

/// <summary>
/// Frequentist checks of the campaign estimator over 200 seeds of a small in-memory population (the generator's own planted
/// mechanism: complete randomisation, planted finite-population uplift). Outcomes are taken from the raw rows with a plain loop
/// and handed to <see cref="CampaignUpliftEstimator"/>, the same core <see cref="CampaignEvaluator"/> uses after its SQL.
/// </summary>
public sealed class CampaignCoverageTests(ITestOutputHelper output)
{
    private const int Runs = 200;
    private static readonly DateOnly WindowStart = new(2025, 1, 5), WindowEnd = new(2025, 1, 18);

    private static SyntheticOptions Options(int seed) => new()
    {
        Customers = 1500,
        Months = 6,
        ManagementStartMonth = 4,
        Seed = seed,
        Campaigns =
        [
            new("EFF", "有效", "effective", PlantedSegments.BargainHunters, WindowStart, WindowEnd, 10_000, 0.10),
            new("ZERO", "无效", "no effect", PlantedSegments.SteadyMiddleAged, WindowStart, WindowEnd, 10_000, 0.0),
        ],
    };

    private static (CampaignOutcomes Treated, CampaignOutcomes Control) Outcomes(SyntheticDataset data, string campaign)
    {
        int start = WindowStart.DayNumber, end = WindowEnd.DayNumber;
        var days = new Dictionary<int, HashSet<int>>();
        var gross = new Dictionary<int, double>();
        var margin = new Dictionary<int, double>();
        foreach (var t in data.Transactions)
        {
            int day = DateOnly.FromDateTime(t.Timestamp).DayNumber;
            if (t.IsReturn || day < start || day > end) continue;
            if (!days.TryGetValue(t.CustomerNumber, out var set)) days[t.CustomerNumber] = set = [];
            set.Add(day);
            gross[t.CustomerNumber] = gross.GetValueOrDefault(t.CustomerNumber) + t.Amount;
            margin[t.CustomerNumber] = margin.GetValueOrDefault(t.CustomerNumber) + t.Amount - t.Cost;
        }
        CampaignOutcomes Group(string group)
        {
            var ids = data.CampaignAssignments.Where(a => a.CampaignId == campaign && a.Group == group).Select(a => a.CustomerNumber).ToArray();
            return CampaignOutcomes.During(ids.Select(i => days.TryGetValue(i, out var s) ? s.Count : 0).ToArray(),
                ids.Select(i => gross.GetValueOrDefault(i)).ToArray(), ids.Select(i => margin.GetValueOrDefault(i)).ToArray());
        }
        return (Group("treatment"), Group("control"));
    }

    [Fact]
    public void The_95_percent_interval_covers_the_planted_uplift_in_about_95_percent_of_seeds_and_a_null_campaign_is_rarely_significant()
    {
        var coveredBy = new bool[Runs];
        var significantBy = new bool[Runs];
        Parallel.For(1, Runs + 1, seed =>
        {
            var data = SyntheticGenerator.Create(Options(seed));
            var truth = data.Truth.Campaigns.Single(c => c.CampaignId == "EFF");
            var definition = new CampaignDefinition("EFF", "effective", PlantedSegments.BargainHunters, WindowStart, WindowEnd, 10_000);
            var (t, c) = Outcomes(data, "EFF");
            coveredBy[seed - 1] = CampaignUpliftEstimator.Randomised(definition, t, c).Conversion.Covers(truth.ExpectedConversionUplift);
            var (t0, c0) = Outcomes(data, "ZERO");
            significantBy[seed - 1] = CampaignUpliftEstimator.Randomised(definition with { CampaignId = "ZERO" }, t0, c0).Conversion.IsSignificant;
        });
        int covered = coveredBy.Count(x => x), falsePositives = significantBy.Count(x => x);
        output.WriteLine($"coverage {covered}/{Runs}, null campaign significant {falsePositives}/{Runs}");
        // Binomial(200, 0.95): 90 % is 3.2 sd below, 99 % 2.6 sd above (Neyman's variance is conservative, so coverage may sit above 95 %).
        Assert.InRange(covered, 180, 198);
        // Binomial(200, 0.05): P(X ≥ 20) = 0.003, so at most 19 false positives.
        Assert.InRange(falsePositives, 0, 19);
    }
}
