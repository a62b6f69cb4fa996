using System.Text.Json;
using Segmentation.Synthetic;
using Segmentation.Analytics.Evaluation;

namespace Segmentation.Analytics.Tests.Evaluation;

public sealed class DriftAndMigrationTests
{
    [Fact]
    public void Psi_equals_the_textbook_formula_on_a_hand_made_example()
    {
        var r = JsonDocument.Parse(File.ReadAllText(RepoPaths.Reference("evaluation", "two_sample.json"))).RootElement.GetProperty("psi_example");
        var psi = PopulationStability.FromDistributions("x", [0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.3, 0.4]);
        Assert.Equal(r.GetProperty("psi").GetDouble(), psi.Index, 12);
        Assert.Equal(DriftLevel.Watch, psi.Level);
        // Counts are normalised; an empty bin is floored at ε = 1e-4 instead of giving infinity.
        Assert.Equal(psi.Index, PopulationStability.FromDistributions("x", [5, 5, 5, 5], [1, 2, 3, 4]).Index, 12);
        var empty = PopulationStability.FromDistributions("x", [0.5, 0.5], [1.0, 0.0]);
        Assert.Equal((1 - 0.5) * Math.Log(1 / 0.5) + (1e-4 - 0.5) * Math.Log(1e-4 / 0.5), empty.Index, 12);
    }

    [Fact]
    public void Numeric_psi_uses_the_expected_deciles_and_detects_a_shift()
    {
        var rng = new Random(1);
        var train = Enumerable.Range(0, 5000).Select(_ => rng.NextDouble() * 100).ToArray();
        var same = Enumerable.Range(0, 5000).Select(_ => rng.NextDouble() * 100).ToArray();
        var shifted = same.Select(x => x * 0.6).ToArray(); // 40 % of the mass leaves the top four deciles
        var stable = PopulationStability.FromSamples("spend", train, same);
        Assert.Equal(9, stable.Edges.Length);
        Assert.All(stable.Expected, e => Assert.Equal(0.1, e, 3));
        Assert.Equal(DriftLevel.Stable, stable.Level);
        Assert.Equal(DriftLevel.Refit, PopulationStability.FromSamples("spend", train, shifted).Level);
    }

    [Fact]
    public void Segment_psi_exceeds_the_refit_threshold_when_the_generator_mix_is_shifted()
    {
        static SegmentAssignment Planted(SyntheticOptions o) => SyntheticSample.PlantedAssignment(SyntheticGenerator.Create(o).Truth);
        var baseOptions = new SyntheticOptions { Customers = 2000, Months = 6, ManagementStartMonth = 4, Seed = 1 };
        var training = Planted(baseOptions);
        var reference = new DriftReference(training.Counts().ToDictionary(kv => kv.Key, kv => (double)kv.Value));
        var sameMix = DriftReport.Compute(reference, Planted(baseOptions with { Seed = 2 }));
        var shifted = DriftReport.Compute(reference, Planted(baseOptions with
        {
            Seed = 3,
            Segments = PlantedSegments.WithShares(new Dictionary<string, double> { [PlantedSegments.Churning] = 0.45, [PlantedSegments.YoungOnlineHigh] = 0.04 }),
        }));
        Assert.True(sameMix.Segments.Index < 0.01, sameMix.Segments.ToString()); // sizes are exact shares of the population
        Assert.Equal(DriftLevel.Refit, shifted.Segments.Level);
        Assert.True(shifted.Segments.Index > 0.25, shifted.Segments.ToString());
    }

    [Fact]
    public void Migration_counts_transitions_upgrades_downgrades_lost_and_new()
    {
        SegmentDefinition[] defs = [new("low", "低", "low", 1), new("mid", "中", "mid", 2), new("high", "高", "high", 3)];
        var before = new SegmentAssignment(["a", "b", "c", "d", "e"], ["low", "low", "mid", "high", "mid"], defs);
        var after = new SegmentAssignment(["a", "b", "c", "d", "f"], ["mid", "low", "low", "high", "high"], defs);
        var m = SegmentMigration.Compute(before, after);
        Assert.Equal([1L, 1L, 0L], m.Counts[0]);  // low → low (b), low → mid (a)
        Assert.Equal([1L, 0L, 0L], m.Counts[1]);  // mid → low (c); e lost
        Assert.Equal([0L, 0L, 1L], m.Counts[2]);  // high → high (d)
        Assert.Equal([0L, 1L, 0L], m.Lost);
        Assert.Equal([0L, 0L, 1L], m.New);
        Assert.Equal((1, 1, 2), (m.Upgraded, m.Downgraded, m.Stayed));
        Assert.Equal([0.5, 0.5, 0.0], m.RowShares[0]);
        Assert.Equal([0.5, 0.0, 0.0], m.RowShares[1]); // half of mid moved to low, half was lost
    }

    [Fact]
    public void Migration_of_assignments_in_customer_order_equals_that_of_the_same_assignments_shuffled()
    {
        // Assignments in ordinal customer-id order are merged; any other order goes through a dictionary: the same counts.
        SegmentDefinition[] defs = [new("low", "低", "low", 1), new("mid", "中", "mid", 2), new("high", "高", "high", 3)];
        var rng = new Random(7);
        string[] keys = ["low", "mid", "high"];
        string[] Draw(int n) =>
            Enumerable.Range(0, n).Where(_ => rng.NextDouble() < 0.8).Select(i => $"C{i:D5}").Concat(["Z", "a", "\u00e9"]).Order(StringComparer.Ordinal).ToArray();
        var fromIds = Draw(3000);
        var toIds = Draw(3000);
        var fromKeys = fromIds.Select(_ => keys[rng.Next(3)]).ToArray();
        var toKeys = toIds.Select(_ => keys[rng.Next(3)]).ToArray();
        var sorted = SegmentMigration.Compute(new SegmentAssignment(fromIds, fromKeys, defs), new SegmentAssignment(toIds, toKeys, defs));
        var order = Enumerable.Range(0, toIds.Length).OrderBy(_ => rng.Next()).ToArray();
        var shuffled = SegmentMigration.Compute(new SegmentAssignment(fromIds, fromKeys, defs),
            new SegmentAssignment(order.Select(i => toIds[i]).ToArray(), order.Select(i => toKeys[i]).ToArray(), defs));
        Assert.Equal(shuffled.Counts, sorted.Counts);
        Assert.Equal(shuffled.Lost, sorted.Lost);
        Assert.Equal(shuffled.New, sorted.New);
        Assert.Equal((shuffled.Upgraded, shuffled.Downgraded, shuffled.Stayed), (sorted.Upgraded, sorted.Downgraded, sorted.Stayed));
        Assert.True(sorted.Lost.Sum() > 300 && sorted.New.Sum() > 300 && sorted.Matched > 1500, sorted.ToString());
    }
}
