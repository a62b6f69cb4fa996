using System.Globalization;
using Segmentation.Data;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Segmenting;

namespace Segmentation.Analytics.Tests.Segmenting;

public sealed class LifecycleTests
{
    private static LifecycleActivity A(long n, double? r, double? t, double? i) => new(n, r, t, i);

    /// <summary>Default options (N 90, F 5, k 2, m 4, L 365). Repeat buyers' intervals give the population median M = 30.</summary>
    private static readonly (string Case, LifecycleActivity Customer, LifecycleStage Expected)[] HandMade =
    [
        ("no purchase", A(0, null, null, null), LifecycleStage.Prospect),
        ("first purchase exactly N days ago", A(1, 90, 90, null), LifecycleStage.New),
        ("new wins over many occasions", A(3, 5, 60, 27.5), LifecycleStage.New),
        ("new wins over overdue", A(2, 80, 85, 5), LifecycleStage.New),
        ("first purchase N + 1 days ago, not overdue", A(1, 60, 91, null), LifecycleStage.New),
        ("recency above hard limit", A(6, 366, 1000, 100), LifecycleStage.Lost),
        ("recency at hard limit, above k·own interval", A(3, 365, 1000, 100), LifecycleStage.AtRisk),
        ("recency just above m·own interval", A(3, 121, 400, 30), LifecycleStage.Lost),
        ("recency at m·own interval", A(3, 120, 400, 30), LifecycleStage.AtRisk),
        ("recency just above k·own interval", A(3, 61, 400, 30), LifecycleStage.AtRisk),
        ("recency at k·own interval", A(3, 60, 400, 30), LifecycleStage.Repeat),
        ("exactly F occasions, active", A(5, 10, 400, 30), LifecycleStage.Loyal),
        ("F − 1 occasions, active", A(4, 10, 400, 30), LifecycleStage.Repeat),
        ("loyal but overdue", A(8, 100, 400, 30), LifecycleStage.AtRisk),
        ("one-timer above k·M", A(1, 61, 200, null), LifecycleStage.AtRisk),
        ("one-timer at m·M", A(1, 120, 200, null), LifecycleStage.AtRisk),
        ("one-timer above m·M", A(1, 121, 200, null), LifecycleStage.Lost),
        ("one-timer at k·M", A(1, 60, 200, null), LifecycleStage.New),
    ];

    [Fact]
    public void Hand_made_customers_hit_every_rule_and_boundary()
    {
        var customers = HandMade.Select(h => h.Customer).ToArray();
        var model = new LifecycleClassifier().Fit(customers);
        Assert.Equal(30, model.PopulationMedianIntervalDays);
        var stages = model.Classify(customers);
        for (int i = 0; i < HandMade.Length; i++)
            Assert.True(HandMade[i].Expected == stages[i], $"{HandMade[i].Case}: expected {HandMade[i].Expected}, got {stages[i]}");
        Assert.All(Enum.GetValues<LifecycleStage>(), s => Assert.Contains(s, stages));
        Assert.Equal(customers.Length, model.Counts.Sum());
    }

    [Fact]
    public void Without_repeat_buyers_one_timers_are_judged_by_the_hard_limit_only()
    {
        var model = new LifecycleClassifier().Fit([A(1, 300, 300, null), A(1, 366, 400, null), A(0, null, null, null)]);
        Assert.Null(model.PopulationMedianIntervalDays);
        Assert.Equal([LifecycleStage.New, LifecycleStage.Lost, LifecycleStage.Prospect], model.Classify([A(1, 300, 300, null), A(1, 366, 400, null), A(0, null, null, null)]));
    }

    [Fact]
    public void Options_change_the_boundaries()
    {
        var model = new LifecycleClassifier(new LifecycleOptions(NewWithinDays: 30, LoyalOccasions: 3, AtRiskFactor: 1.5, LostFactor: 3, LostAfterDays: 200))
            .Fit([A(3, 10, 60, 20), A(3, 31, 400, 20), A(3, 61, 400, 20), A(3, 201, 1000, 100)]);
        Assert.Equal([LifecycleStage.Loyal, LifecycleStage.AtRisk, LifecycleStage.Lost, LifecycleStage.Lost],
            model.Classify([A(3, 10, 60, 20), A(3, 31, 400, 20), A(3, 61, 400, 20), A(3, 201, 1000, 100)]));
    }

    [Fact]
    public void Stage_names_are_bilingual_and_the_rule_table_lists_every_stage_in_order()
    {
        Assert.Equal(["潜在客户", "新客户", "回头客", "忠诚客户", "流失风险客户", "已流失客户"], Enum.GetValues<LifecycleStage>().Select(s => LifecycleStageLabels.Label(s)));
        Assert.Equal("At risk", LifecycleModel.Label(LifecycleStage.AtRisk, "en"));
        var rules = LifecycleClassifier.Rules();
        Assert.Equal(Enumerable.Range(1, 7), rules.Select(r => r.Order));
        Assert.Equal(Enum.GetValues<LifecycleStage>().Order(), rules.Select(r => r.Stage).Distinct().Order());
        Assert.Contains("365", rules[2].ConditionEn);
    }

    public static TheoryData<LifecycleOptions, string> BadOptions => new()
    {
        { new LifecycleOptions(NewWithinDays: -1), "NewWithinDays" },
        { new LifecycleOptions(LoyalOccasions: 1), "LoyalOccasions" },
        { new LifecycleOptions(AtRiskFactor: 0), "AtRiskFactor" },
        { new LifecycleOptions(AtRiskFactor: 3, LostFactor: 2), "LostFactor" },
        { new LifecycleOptions(LostAfterDays: 0), "LostAfterDays" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_fail_naming_the_parameter(LifecycleOptions options, string parameter)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new LifecycleClassifier(options).Fit([A(1, 1, 1, null)]));
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void Inconsistent_customer_records_fail_naming_the_customer()
    {
        var e = Assert.Throws<ArgumentException>(() => new LifecycleClassifier().Fit([A(1, 1, 1, null), A(3, 10, 5, 2)]));
        Assert.Equal("customers", e.ParamName);
        Assert.Contains("Customer 1", e.Message);
        Assert.Throws<ArgumentException>(() => new LifecycleClassifier().Fit([A(2, 1, 10, null)]));
    }

    /// <summary>
    /// Seeded customers with different habits (first purchase, rate, when they stopped), written as CSV, run through the
    /// DuckDB feature table and the classifier; the expected stages come from the generated purchases directly, with the
    /// rules written as a priority list of independent predicates.
    /// </summary>
    [Fact]
    public void Stage_counts_on_a_seeded_fixture_equal_a_direct_computation_from_the_purchases()
    {
        var snapshot = new DateTime(2026, 6, 30);
        var rng = new Random(2024);
        var purchases = new List<(string Customer, DateTime Time, double Amount)>();
        using var dir = new TempDirectory();
        using (var w = new StreamWriter(dir.File("transactions.csv")) { NewLine = "\n" })
        {
            w.WriteLine("transaction_id,customer_id,timestamp,amount,is_return");
            int id = 0;
            for (int c = 0; c < 500; c++)
            {
                var first = snapshot.AddDays(-rng.Next(0, 900));
                var stop = first.AddDays(rng.Next(0, 900));
                double gap = 3 + rng.NextDouble() * 120;
                for (var t = first.AddHours(rng.Next(8, 20)); t <= stop && t < snapshot.AddDays(60); t = t.AddDays(rng.NextDouble() * 2 * gap))
                {
                    double amount = Math.Round(5 + rng.NextDouble() * 100, 2);
                    bool ret = rng.NextDouble() < 0.05;
                    w.WriteLine($"T{id++:D7},C{c:D4},{t:yyyy-MM-dd HH:mm:ss},{(ret ? -amount : amount).ToString("F2", CultureInfo.InvariantCulture)},{(ret ? 1 : 0)}");
                    if (!ret) purchases.Add(($"C{c:D4}", t, amount));
                }
            }
        }
        using (var w = new StreamWriter(dir.File("customers.csv")) { NewLine = "\n" })
        {
            w.WriteLine("customer_id,signup_date");
            for (int c = 0; c < 530; c++) w.WriteLine($"C{c:D4},2024-01-01"); // 30+ without purchases
        }
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(snapshot.AddDays(60)));
        var features = CustomerFeatureTable.Build(ws, snapshot);
        var model = new LifecycleClassifier().Fit(features);
        var stages = model.Classify(features);

        // Direct computation from the generated purchases.
        var days = Enumerable.Range(0, 530).Select(c => $"C{c:D4}").ToDictionary(c => c, _ => new SortedSet<DateTime>());
        foreach (var p in purchases.Where(p => p.Time < snapshot.AddDays(1))) days[p.Customer].Add(p.Time.Date);
        var history = days.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            int n = kv.Value.Count;
            double? r = n == 0 ? null : (snapshot - kv.Value.Max).TotalDays;
            double? t = n == 0 ? null : (snapshot - kv.Value.Min).TotalDays;
            double? gap = n < 2 ? null : (kv.Value.Max - kv.Value.Min).TotalDays / (n - 1);
            return (Id: kv.Key, N: n, R: r, T: t, Gap: gap);
        }).ToArray();
        var gaps = history.Where(h => h.N >= 2).Select(h => h.Gap!.Value).Order().ToArray();
        double median = gaps.Length % 2 == 1 ? gaps[gaps.Length / 2] : (gaps[gaps.Length / 2 - 1] + gaps[gaps.Length / 2]) / 2;
        var expected = history.Select(h =>
        {
            double interval = h.Gap ?? median;
            var priority = new (bool Holds, LifecycleStage Stage)[]
            {
                (h.N == 0, LifecycleStage.Prospect),
                (h.N > 0 && h.T <= 90, LifecycleStage.New),
                (h.N > 0 && (h.R > 365 || h.R > 4 * interval), LifecycleStage.Lost),
                (h.N > 0 && h.R > 2 * interval, LifecycleStage.AtRisk),
                (h.N >= 5, LifecycleStage.Loyal),
                (h.N >= 2, LifecycleStage.Repeat),
                (true, LifecycleStage.New),
            };
            return priority.First(p => p.Holds).Stage;
        }).ToArray();

        Assert.Equal(history.Select(h => h.Id), features.Columns["customer_id"].Cast<string>());
        Assert.Equal(median, model.PopulationMedianIntervalDays!.Value, 12);
        Assert.Equal(expected, stages);
        var counts = Enum.GetValues<LifecycleStage>().Select(s => expected.Count(e => e == s)).ToArray();
        Assert.Equal(counts.Select(c => (long)c), model.Counts);
        Assert.All(counts, c => Assert.True(c >= 5, $"every stage should be populated: {string.Join(", ", counts)}"));
    }
}
