using Segmentation.Analytics.Evaluation;

namespace Segmentation.Analytics.Tests.Evaluation;

public sealed class StrategyAndBudgetTests
{
    [Fact]
    public void Default_playbook_covers_every_archetype_and_round_trips_through_an_editable_file()
    {
        var playbook = StrategyPlaybook.Default;
        Assert.All(Enum.GetValues<SegmentArchetype>(), a => Assert.NotNull(playbook.For(a)));
        using var dir = new TempDirectory();
        var path = dir.File("playbook.json");
        playbook.Save(path);
        Assert.Contains("价格", File.ReadAllText(path)); // readable Chinese, not \u escapes
        var edited = File.ReadAllText(path).Replace("VIP 活动", "VIP 沙龙");
        File.WriteAllText(path, edited);
        var loaded = StrategyPlaybook.Load(path);
        Assert.StartsWith("VIP 沙龙", loaded.For(SegmentArchetype.HighValue)!.PromotionZh);
        Assert.Equal(playbook.Strategies.Count, loaded.Strategies.Count);
        File.WriteAllText(path, """{ "strategies": [ { "archetype": "Loyal", "productZh": "" } ] }""");
        Assert.Contains("empty field", Assert.Throws<InvalidDataException>(() => StrategyPlaybook.Load(path)).Message);
    }

    [Fact]
    public void Budget_shares_follow_the_stated_rule_and_amounts_sum_exactly_to_the_budget()
    {
        SegmentBudgetInput[] inputs = [new("a", 600, 100, 1.0), new("b", 300, 300, null), new("c", 100, 600, 0.0)];
        var allocation = BudgetAllocator.Allocate(100_000.01m, inputs, new BudgetWeights(0.5, 0.3, 0.2));
        // ROI: b gets the mean of the measured (max(0, ·)) = 0.5 → r = (1, 0.5, 0)/1.5.
        double[] expected = [0.5 * 0.6 + 0.3 * 0.1 + 0.2 * (1 / 1.5), 0.5 * 0.3 + 0.3 * 0.3 + 0.2 * (0.5 / 1.5), 0.5 * 0.1 + 0.3 * 0.6 + 0.2 * 0];
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], allocation.Segments[i].Share, 12);
        Assert.Equal(1.0, allocation.Segments.Sum(s => s.Share), 12);
        Assert.Equal(100_000.01m, allocation.Segments.Sum(s => s.Amount));
        Assert.All(allocation.Segments, s => Assert.Equal(s.Amount, decimal.Round(s.Amount, 2)));
        Assert.Contains("0.5 ×", allocation.RuleEn);
        // Without any ROI the ROI weight drops out and the rest is renormalised.
        var noRoi = BudgetAllocator.Allocate(999m, inputs.Select(x => x with { Roi = null }).ToArray(), new BudgetWeights(0.5, 0.3, 0.2));
        Assert.Equal(0.0, noRoi.Weights.Roi);
        Assert.Equal((0.5 * 0.6 + 0.3 * 0.1) / 0.8, noRoi.Segments[0].Share, 12);
        Assert.Equal(999m, noRoi.Segments.Sum(s => s.Amount));
        // Three equal segments and one cent left over: it goes to the first (ties in segment order).
        var equal = BudgetAllocator.Allocate(0.10m, [new("x", 1, 1, null), new("y", 1, 1, null), new("z", 1, 1, null)]);
        Assert.Equal([0.04m, 0.03m, 0.03m], equal.Segments.Select(s => s.Amount));
    }

    [Fact]
    public void Kpi_definitions_are_complete_and_resolve_on_a_row()
    {
        Assert.True(KpiDefinitions.All.Count >= 20);
        var row = new KpiRow("s", KpiPeriod.Of(0, new DateOnly(2026, 10, 1), 1), KpiCounts.Zero);
        foreach (var d in KpiDefinitions.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.NameZh + d.NameEn + d.DefinitionZh + d.DefinitionEn + d.Unit));
            Assert.Contains(d.Test, new[] { "none", "two_proportion", "welch", "bootstrap" });
            _ = row.Value(d.Key);
        }
        Assert.Equal("2026-Q3", KpiPeriod.Of(0, new DateOnly(2026, 7, 1), 3).Label);
        Assert.Equal("2025-11..2026-10", KpiPeriod.Of(0, new DateOnly(2025, 11, 1), 12).Label);
    }
}
