using Segmentation.Experiments;

namespace Segmentation.Testing;

/// <summary>A small seeded experiment export for the uplift tests (contract suite and the uplift model's own tests).</summary>
public static class SyntheticExperiment
{
    /// <summary>A randomised two-arm experiment of 800 customers: a numeric and a categorical feature, a continuous outcome whose lift grows with the numeric feature.</summary>
    public static ExperimentData Create(int seed = 9)
    {
        var random = new Random(seed);
        int n = 800;
        var arm = Enumerable.Range(0, n).Select(i => (i * 7 + i / 3) % 2).ToArray();
        var history = Enumerable.Range(0, n).Select(_ => Math.Round(100 * random.NextDouble(), 1)).ToArray();
        string[] channels = ["web", "phone", "store"];
        var channel = Enumerable.Range(0, n).Select(i => channels[random.Next(3)]).ToArray();
        var spend = Enumerable.Range(0, n).Select(i => Math.Round(Math.Max(0, 5 + (arm[i] == 1 ? history[i] / 10 : 0) + (channel[i] == "web" ? 3 : 0) + 4 * Normal(random)), 2)).ToArray();
        var schema = new ExperimentSchema("arm", "control", [ExperimentOutcome.Continuous("spend")], null, ["history", "channel"]);
        return new ExperimentData("synthetic", schema, n, [], ["control", "mail"], arm, Enumerable.Range(2, n).Select(i => (long)i).ToArray(),
            new Dictionary<string, double[]> { ["spend"] = spend }, null,
            new Dictionary<string, double[]> { ["history"] = history }, new Dictionary<string, string[]> { ["channel"] = channel });
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
