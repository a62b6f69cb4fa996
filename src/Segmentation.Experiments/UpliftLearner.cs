using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Segmentation.Analytics;
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
/// <para>Two verbs: <see cref="Fit"/> trains one model per arm on all customers and returns the <see cref="UpliftModel"/> that
/// scores new customers; <see cref="CrossFit"/> returns the held-out predictions of the training customers and their Qini curves.</para>
/// </remarks>
public sealed class UpliftLearner(UpliftOptions options) : IEstimator<ExperimentData, UpliftModel>
{
    /// <summary>The options.</summary>
    public UpliftOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Fits one outcome model per arm on all of that arm's customers of <paramref name="data"/> (not modified).</summary>
    /// <exception cref="ArgumentException">Invalid options, no customers, unknown outcome, no features, an arm without customers, or a value that is not finite.</exception>
    public UpliftModel Fit(ExperimentData data)
    {
        var (outcome, kind, y) = Prepare(data);
        var features = UpliftFeatures.Describe(data);
        var x = UpliftFeatures.Encode(data, features);
        var counts = data.ArmCounts();
        for (int a = 0; a < counts.Length; a++)
            if (counts[a] == 0) throw new ArgumentException($"Arm '{data.Arms[a]}' has no customers; every arm needs some to fit its outcome model.", nameof(data));
        var models = new BoostedTrees[data.Arms.Count];
        // Seeds of the final models take fold number K, which no cross-fitting fold uses.
        Parallel.For(0, models.Length, new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism }, a =>
            models[a] = Train(x, y, Enumerable.Range(0, data.Count).Where(i => data.Arm[i] == a).ToArray(), kind, Seed(Options.Seed, Options.Folds, a)));
        // The thread count does not change the model, so the model does not record it (the same data and seed give the same file).
        return new UpliftModel(outcome, kind, data.Arms.ToEquatableArray(), features, models,
            Options with { Outcome = outcome, MaxDegreeOfParallelism = new UpliftOptions().MaxDegreeOfParallelism }, data.Count);
    }

    /// <summary>Fits the cross-fitted T-learner on <paramref name="data"/> and returns its held-out predictions.</summary>
    /// <exception cref="ArgumentException">Invalid options, no customers, unknown outcome, no features, an arm with fewer customers than folds, or a value that is not finite.</exception>
    public UpliftPredictions CrossFit(ExperimentData data)
    {
        var (outcome, kind, y) = Prepare(data);
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
            var model = Train(x, y, train, kind, Seed(Options.Seed, job.Fold, job.Arm));
            // Each job writes its own (arm, fold) cells only.
            for (int j = 0; j < score.Length; j++) predicted[job.Arm][score[j]] = model.Predict(x.Rows[score[j]]);
        });
        var qini = new List<QiniCurve>();
        for (int a = 1; a < arms; a++)
        {
            var rows = Enumerable.Range(0, n).Where(i => data.Arm[i] == a || data.Arm[i] == 0).ToArray();
            qini.Add(QiniCurve.Compute(rows.Select(i => predicted[a][i] - predicted[0][i]).ToArray(), rows.Select(i => data.Arm[i] == a).ToArray(), rows.Select(i => y[i]).ToArray()));
        }
        return new UpliftPredictions(outcome, kind, data.Arms, data.Arm.ToArray(), data.RowNumbers.ToArray(), fold, predicted, qini, Options with { Outcome = outcome });
    }

    private (string Outcome, OutcomeKind Kind, double[] Values) Prepare(ExperimentData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        if (data.Count == 0) throw new ArgumentException("data has no customers; fitting needs at least one per arm.", nameof(data));
        string outcome = Options.Outcome ?? data.Schema.Outcomes[0].Column;
        var kind = data.Schema.Outcome(outcome).Kind;
        var y = data.OutcomeValues(outcome);
        int bad = Array.FindIndex(y, v => !double.IsFinite(v));
        if (bad >= 0) throw new ArgumentException($"Outcome '{outcome}' has {y[bad]} at row {data.RowNumbers[bad]}; outcomes must be finite.", nameof(data));
        return (outcome, kind, y);
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

    /// <summary>The FastTree outcome model of the rows <paramref name="train"/>, as plain trees.</summary>
    private BoostedTrees Train(UpliftFeatures x, double[] y, int[] train, OutcomeKind kind, int seed)
    {
        var ml = new MLContext(seed);
        int dim = x.Names.Count;
        // A constant label (an arm fold without a single conversion) cannot train a classifier: predict the constant.
        double first = y[train[0]];
        if (train.All(i => y[i] == first)) return BoostedTrees.Constant(first);
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
            var model = trainer.Fit(trainView).Model;
            return BoostedTrees.From(model.SubModel.TrainedTreeEnsemble, model.Calibrator);
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
            return BoostedTrees.From(trainer.Fit(trainView).Model.TrainedTreeEnsemble, null);
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
