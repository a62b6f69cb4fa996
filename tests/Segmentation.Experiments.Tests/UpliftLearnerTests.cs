using System.Globalization;
using Segmentation.Experiments;
using Xunit.Abstractions;

namespace Segmentation.Experiments.Tests;

public sealed class UpliftLearnerTests(HillstromExperiment hillstrom, ITestOutputHelper output) : IClassFixture<HillstromExperiment>
{
    /// <summary>A seeded random subsample (the full 64 000-row model runs in the benchmark).</summary>
    private ExperimentData Sample(int n, int seed)
    {
        var rows = Enumerable.Range(0, hillstrom.Data.Count).ToArray();
        new Random(seed).Shuffle(rows);
        return hillstrom.Data.Subset(rows.Take(n).Order().ToArray());
    }

    [Fact]
    public void Held_out_qini_of_the_visit_model_beats_random_targeting_on_a_hillstrom_subsample()
    {
        var data = Sample(20_000, seed: 7);
        var uplift = new UpliftLearner(new UpliftOptions(Outcome: "visit", Folds: 3, Seed: 1, Trees: 50)).CrossFit(data);
        var y = data.OutcomeValues("visit");
        var inv = CultureInfo.InvariantCulture;
        for (int a = 1; a < data.Arms.Count; a++)
        {
            var q = uplift.Qini[a - 1];
            // Random targeting: the same customers ranked by shuffled scores, 200 seeded permutations.
            var rows = Enumerable.Range(0, data.Count).Where(i => data.Arm[i] == a || data.Arm[i] == 0).ToArray();
            var lift = uplift.Lift(a);
            var scores = rows.Select(i => lift[i]).ToArray();
            var treated = rows.Select(i => data.Arm[i] == a).ToArray();
            var outcome = rows.Select(i => y[i]).ToArray();
            var rng = new Random(11);
            var random = Enumerable.Range(0, 200).Select(_ => { var s = scores.ToArray(); rng.Shuffle(s); return QiniCurve.Compute(s, treated, outcome).Coefficient; }).ToArray();
            double mean = random.Average(), sd = Math.Sqrt(random.Sum(v => (v - mean) * (v - mean)) / (random.Length - 1));
            output.WriteLine(string.Create(inv, $"{data.Arms[a]}: Qini coefficient {q.Coefficient:F2} (area {q.Area:F2}, random diagonal {q.RandomArea:F2}, target everyone {q.TargetEveryone:F2}); shuffled scores: {mean:F2} ± {sd:F2}; z = {(q.Coefficient - mean) / sd:F2}"));
            Assert.Equal(q.Coefficient, QiniCurve.Compute(scores, treated, outcome).Coefficient, 9);
            if (data.Arms[a] == "Womens E-Mail")
            {
                // The women's e-mail effect on visits varies with who the customer is (full data: Qini coefficient 131 over a
                // diagonal area of 484). On this 20 000-customer subsample the held-out ranking is 2.8 sd above shuffled
                // rankings (30.9 vs 0.1 ± 11.0); the data support "beats random by 2 sd", not more. The men's e-mail
                // model does not beat random (z ≈ −0.2): its effect on visits is nearly uniform across customers.
                Assert.True(q.Coefficient > 0, "Qini coefficient must be positive");
                Assert.True(q.Coefficient > mean + 2 * sd, $"Qini {q.Coefficient} vs random {mean} ± {sd}");
            }
        }
    }

    [Fact]
    public void Same_seed_gives_identical_predictions_whatever_the_parallelism()
    {
        var data = Sample(6_000, seed: 3);
        var options = new UpliftOptions(Outcome: "spend", Folds: 2, Seed: 5, Trees: 20, MinimumExampleCountPerLeaf: 20);
        var one = new UpliftLearner(options with { MaxDegreeOfParallelism = 1 }).CrossFit(data);
        var two = new UpliftLearner(options with { MaxDegreeOfParallelism = 2 }).CrossFit(data);
        for (int a = 0; a < data.Arms.Count; a++) Assert.Equal(one.Predicted[a], two.Predicted[a]);
        Assert.Equal(one.Fold, two.Fold);
        var other = new UpliftLearner(options with { Seed = 6 }).CrossFit(data);
        Assert.NotEqual(one.Fold, other.Fold);
    }

    [Fact]
    public void Folds_are_balanced_within_every_arm()
    {
        var arm = hillstrom.Data.Arm;
        var fold = UpliftLearner.AssignFolds(arm, 3, 5, seed: 0);
        for (int a = 0; a < 3; a++)
        {
            var sizes = Enumerable.Range(0, 5).Select(f => Enumerable.Range(0, arm.Length).Count(i => arm[i] == a && fold[i] == f)).ToArray();
            Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(",", sizes));
        }
    }

    [Fact]
    public void Held_out_predictions_do_not_memorise_pure_noise()
    {
        // Outcome is noise independent of everything; one feature is a unique random number per customer that an
        // in-sample tree could memorise. Held-out predictions must not correlate with the outcome (|r| small).
        int n = 3000;
        var rng = new Random(42);
        var arm = Enumerable.Range(0, n).Select(i => i % 2).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 10).ToArray();
        var key = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var data = new ExperimentData("noise", new ExperimentSchema("arm", "c", [ExperimentOutcome.Continuous("y")], null, ["key"]), n, [],
            ["c", "t"], arm, Enumerable.Range(2, n).Select(i => (long)i).ToArray(), new Dictionary<string, double[]> { ["y"] = y }, null,
            new Dictionary<string, double[]> { ["key"] = key }, new Dictionary<string, string[]>());
        var uplift = new UpliftLearner(new UpliftOptions(Folds: 3, Trees: 50, Leaves: 32, MinimumExampleCountPerLeaf: 2, LearningRate: 0.5)).CrossFit(data);
        double r = Correlation(Enumerable.Range(0, n).Select(i => uplift.Predicted[arm[i]][i]).ToArray(), y);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held-out correlation with noise: {r:F4}"));
        Assert.InRange(r, -0.1, 0.1);
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        return sab / Math.Sqrt(saa * sbb);
    }
}
