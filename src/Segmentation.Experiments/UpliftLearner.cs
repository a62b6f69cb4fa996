using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Segmentation.Analytics.Randomness;

namespace Segmentation.Experiments;

/// <summary>
/// Whom to target next: a cross-fitted two-model (T-learner) uplift estimate with ML.NET FastTree boosted trees.
/// </summary>
/// <remarks>
/// <para>T-learner (Künzel et al. 2019, PNAS 116:4156): one outcome model μ̂_a per arm a (control included), fitted on that
/// arm's customers only; the expected lift of arm a for a customer with features x is τ̂_a(x) = μ̂_a(x) − μ̂_control(x).
/// Binary outcomes use FastTree's calibrated binary classifier probability, continuous ones FastTree regression.</para>
/// <para>Cross-fitting: customers are split into K folds stratified by arm (a seeded shuffle within each arm, then
/// round-robin). For fold k every arm model is fitted on the other folds and scores fold k, so every prediction is
/// held out, and the Qini curves measure out-of-sample targeting. Hyper-parameters are fixed options, never tuned on the folds.</para>
/// <para>Determinism: each model is trained single-threaded (<c>NumberOfThreads = 1</c>) with a seed derived from
/// (seed, fold, arm), so the result does not depend on how many models run in parallel.</para>
/// </remarks>
public sealed class UpliftLearner(UpliftOptions options)
{
    /// <summary>The options.</summary>
    public UpliftOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Fits the cross-fitted T-learner on <paramref name="data"/> and returns its held-out predictions.</summary>
    /// <exception cref="ArgumentException">Invalid options, unknown outcome, no features, or an arm with fewer customers than folds.</exception>
    public UpliftPredictions Fit(ExperimentData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        string outcome = Options.Outcome ?? data.Schema.Outcomes[0].Column;
        var kind = data.Schema.Outcome(outcome).Kind;
        var y = data.OutcomeValues(outcome);
        var x = UpliftFeatures.Encode(data);
        int arms = data.Arms.Count, k = Options.Folds, n = data.Count;
        var counts = data.ArmCounts();
        for (int a = 0; a < arms; a++)
            if (counts[a] < k) throw new ArgumentException($"Arm '{data.Arms[a]}' has {counts[a]} customers; cross-fitting needs at least Folds = {k}.", nameof(data));
        var fold = AssignFolds(data.Arm, arms, k, Options.Seed);
        var predicted = new double[arms][];
        for (int a = 0; a < arms; a++) predicted[a] = new double[n];
        var jobs = Enumerable.Range(0, k).SelectMany(f => Enumerable.Range(0, arms).Select(a => (Fold: f, Arm: a))).ToArray();
        Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism }, job =>
        {
            var train = Enumerable.Range(0, n).Where(i => fold[i] != job.Fold && data.Arm[i] == job.Arm).ToArray();
            var score = Enumerable.Range(0, n).Where(i => fold[i] == job.Fold).ToArray();
            var p = FitAndPredict(x, y, train, score, kind, Seed(Options.Seed, job.Fold, job.Arm));
            // Each job writes its own (arm, fold) cells only.
            for (int j = 0; j < score.Length; j++) predicted[job.Arm][score[j]] = p[j];
        });
        var qini = new List<QiniCurve>();
        for (int a = 1; a < arms; a++)
        {
            var rows = Enumerable.Range(0, n).Where(i => data.Arm[i] == a || data.Arm[i] == 0).ToArray();
            qini.Add(QiniCurve.Compute(rows.Select(i => predicted[a][i] - predicted[0][i]).ToArray(), rows.Select(i => data.Arm[i] == a).ToArray(), rows.Select(i => y[i]).ToArray()));
        }
        return new UpliftPredictions(outcome, kind, data.Arms, data.Arm.ToArray(), data.RowNumbers.ToArray(), fold, predicted, qini, Options with { Outcome = outcome });
    }

    /// <summary>Fold of every customer: within each arm a Fisher–Yates shuffle (arm a draws from stream a of <paramref name="seed"/>),
    /// then positions round-robin over the K folds.</summary>
    public static int[] AssignFolds(IReadOnlyList<int> arm, int arms, int folds, int seed)
    {
        var fold = new int[arm.Count];
        for (int a = 0; a < arms; a++)
        {
            var members = Enumerable.Range(0, arm.Count).Where(i => arm[i] == a).ToArray();
            new StreamRandom(seed, (ulong)a).Shuffle(members.AsSpan());
            for (int j = 0; j < members.Length; j++) fold[members[j]] = j % folds;
        }
        return fold;
    }

    private static int Seed(int seed, int fold, int arm) => unchecked(seed * 1_000_003 + fold * 7919 + arm * 104_729 + 17);

    private double[] FitAndPredict(UpliftFeatures x, double[] y, int[] train, int[] score, OutcomeKind kind, int seed)
    {
        var ml = new MLContext(seed);
        int dim = x.Names.Count;
        // A constant label (an arm fold without a single conversion) cannot train a classifier: predict the constant.
        double first = y[train[0]];
        if (train.All(i => y[i] == first)) return score.Select(_ => first).ToArray();
        if (kind == OutcomeKind.Binary)
        {
            var schema = SchemaDefinition.Create(typeof(BinaryRow));
            schema[nameof(BinaryRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dim);
            var trainView = ml.Data.LoadFromEnumerable(train.Select(i => new BinaryRow { Features = x.Rows[i], Label = y[i] == 1 }), schema);
            var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = Options.Trees, NumberOfLeaves = Options.Leaves, MinimumExampleCountPerLeaf = Options.MinimumExampleCountPerLeaf,
                LearningRate = Options.LearningRate, NumberOfThreads = 1, Seed = seed,
            });
            var model = trainer.Fit(trainView);
            var scoreView = model.Transform(ml.Data.LoadFromEnumerable(score.Select(i => new BinaryRow { Features = x.Rows[i] }), schema));
            return scoreView.GetColumn<float>("Probability").Select(v => (double)v).ToArray();
        }
        else
        {
            var schema = SchemaDefinition.Create(typeof(RegressionRow));
            schema[nameof(RegressionRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dim);
            var trainView = ml.Data.LoadFromEnumerable(train.Select(i => new RegressionRow { Features = x.Rows[i], Label = (float)y[i] }), schema);
            var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                NumberOfTrees = Options.Trees, NumberOfLeaves = Options.Leaves, MinimumExampleCountPerLeaf = Options.MinimumExampleCountPerLeaf,
                LearningRate = Options.LearningRate, NumberOfThreads = 1, Seed = seed,
            });
            var model = trainer.Fit(trainView);
            var scoreView = model.Transform(ml.Data.LoadFromEnumerable(score.Select(i => new RegressionRow { Features = x.Rows[i] }), schema));
            return scoreView.GetColumn<float>("Score").Select(v => (double)v).ToArray();
        }
    }

    private sealed class BinaryRow
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private sealed class RegressionRow
    {
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }
}
