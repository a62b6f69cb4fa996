using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Statistics;
using Segmentation.Analytics.Validation;
using Segmentation.Experiments;

namespace Segmentation.Analytics.Tests.Contracts;

/// <summary>
/// Every estimator of the library with its contract data: one row per estimator for each check of
/// <see cref="EstimatorContractTests"/>. A new estimator must be added here (a test fails until it is).
/// </summary>
public static class EstimatorCases
{
    /// <summary>The cases by name.</summary>
    public static IReadOnlyDictionary<string, EstimatorCase> ByName { get; } = All().ToDictionary(c => c.Name);

    private static IEnumerable<EstimatorCase> All()
    {
        var blobs = ContractData.Blobs().Data;
        FeatureMatrix Blobs() => ContractData.Blobs().Data;

        yield return Matrix<KMeansModel>((seed, threads) => new KMeans(new KMeansOptions(3, Restarts: 2, Seed: seed, MaxDegreeOfParallelism: threads)),
            Blobs, (m, x) => Labels(m.Predict(x)), threaded: true, bad: (() => new KMeans(new KMeansOptions(0)), "Clusters"));
        yield return Matrix<KMeansModel>((seed, threads) => new MiniBatchKMeans(new MiniBatchKMeansOptions(3, BatchSize: 16, Seed: seed, MaxDegreeOfParallelism: threads)),
            Blobs, (m, x) => Labels(m.Predict(x)), threaded: true, bad: (() => new MiniBatchKMeans(new MiniBatchKMeansOptions(3, BatchSize: 0)), "BatchSize"));
        yield return Matrix<TwoStepModel>((seed, threads) => new TwoStepClustering(new TwoStepOptions(3, MicroClusters: 12, Seed: seed, MaxDegreeOfParallelism: threads)),
            Blobs, (m, x) => Labels(m.Predict(x)), threaded: true, bad: (() => new TwoStepClustering(new TwoStepOptions(3, MicroClusters: 2)), "MicroClusters"));
        yield return Matrix<WardModel>((_, threads) => new WardClustering(new WardOptions(3, MaxDegreeOfParallelism: threads)),
            Blobs, (m, x) => Labels(m.Predict(x)), threaded: true, order: RowOrder.UpToLabelPermutation,
            bad: (() => new WardClustering(new WardOptions(0)), "Clusters"));
        yield return Matrix<FactorModel>((_, _) => new FactorAnalysis(), () => ContractData.Correlated(), (m, x) => m.Transform(x).Values,
            order: RowOrder.WithinTolerance, tolerance: 1e-8, bad: (() => new FactorAnalysis(new FactorAnalysisOptions(Tolerance: 0)), "Tolerance"));
        yield return Matrix<StandardScalerModel>((_, _) => new StandardScaler(), Blobs, (m, x) => m.Transform(x).Values,
            missingAllowed: true, order: RowOrder.WithinTolerance, tolerance: 1e-12);
        yield return Matrix<RobustScalerModel>((_, _) => new RobustScaler(), Blobs, (m, x) => m.Transform(x).Values, missingAllowed: true,
            order: RowOrder.Exact, bad: (() => new RobustScaler(new RobustScalerOptions(LowerQuantile: 80, UpperQuantile: 20)), "LowerQuantile"));
        yield return Matrix<Log1pTransformModel>((_, _) => new Log1pTransform(), () => ContractData.Correlated(), (m, x) => m.Transform(x).Values,
            missingAllowed: true, order: RowOrder.Exact);
        yield return Matrix<OneHotEncoderModel>((_, _) => new OneHotEncoder(), () => ContractData.Codes(), (m, x) => m.Transform(x).Values,
            missingAllowed: true, order: RowOrder.Exact, bad: (() => new OneHotEncoder(new OneHotEncoderOptions((UnknownCategoryHandling)42)), "Unknown"));
        yield return Matrix<OrdinalEncoderModel>((_, _) => new OrdinalEncoder(), () => ContractData.Codes(), (m, x) => m.Transform(x).Values,
            missingAllowed: true, order: RowOrder.Exact,
            bad: (() => new OrdinalEncoder(new OrdinalEncoderOptions(new Dictionary<string, IReadOnlyList<string>> { ["channel"] = [] })), "Orders"));

        yield return new EstimatorCase<LabelledMatrix, LdaModel>
        {
            Create = (_, _) => new LinearDiscriminant(),
            Data = () => Labelled(ContractData.Blobs()),
            Output = (m, d) => m.PredictProba(d.Features).SelectMany(p => p).ToArray(),
            Empty = () => new LabelledMatrix(ContractData.Empty(blobs), []),
            WithMissing = () => Labelled(ContractData.Blobs()) is var l ? l with { Features = ContractData.WithMissing(l.Features) } : null!,
            Malformed = () => Labelled(ContractData.Blobs()) is var l ? l with { Labels = l.Labels.Skip(1).ToEquatableArray() } : null!,
            UseWithWrongWidth = (m, d) => m.Predict(ContractData.Narrower(d.Features)),
            Permute = (d, order) => new LabelledMatrix(ContractData.Permute(d.Features, order), order.Select(i => d.Labels[i]).ToEquatableArray()),
            Rows = d => d.Rows,
            Order = RowOrder.WithinTolerance,
            Tolerance = 1e-9,
            BadOption = (() => new LinearDiscriminant(new LdaOptions(Ridge: 1.5)), "Ridge"),
        };

        yield return new EstimatorCase<RfmInput, RfmModel>
        {
            Create = (_, _) => new RfmScorer(new RfmOptions()),
            Data = () => ContractData.Rfm(),
            Output = (m, d) => m.Score(d).SelectMany(s => new double[] { s.R, s.F, s.M }).ToArray(),
            Empty = () => new RfmInput([], [], [], []),
            WithMissing = () => ContractData.Rfm() is var r ? r with { Monetary = r.Monetary.Select((v, i) => i == 50 ? double.NaN : v).ToArray() } : null!,
            Malformed = () => ContractData.Rfm() is var r ? r with { Frequency = r.Frequency[1..] } : null!,
            Permute = ContractData.Permute,
            Rows = d => d.Count,
            Order = RowOrder.Exact,
            BadOption = (() => new RfmScorer(new RfmOptions(Bins: 1)), "Bins"),
        };

        yield return new EstimatorCase<IReadOnlyList<double>, ValueTierModel>
        {
            Create = (_, _) => new ValueTiering(),
            Data = () => ContractData.Values(),
            Output = (m, d) => m.Assign(d).Select(t => (double)t).ToArray(),
            Empty = () => Array.Empty<double>(),
            WithMissing = () => ContractData.Values().Select((v, i) => i == 9 ? double.NaN : v).ToArray(),
            Permute = (d, order) => order.Select(i => d[i]).ToArray(),
            Rows = d => d.Count,
            Order = RowOrder.Exact,
            BadOption = (() => new ValueTiering(new ValueTierOptions(TopShare: 0)), "TopShare"),
        };

        yield return new EstimatorCase<IReadOnlyList<LifecycleActivity>, LifecycleModel>
        {
            Create = (_, _) => new LifecycleClassifier(),
            Data = () => ContractData.Lifecycle(),
            Output = (m, d) => m.Classify(d).Select(s => (double)s).ToArray(),
            Empty = () => Array.Empty<LifecycleActivity>(),
            WithMissing = () => ContractData.Lifecycle() is var a ? a.Select((c, i) => i == 7 ? c with { RecencyDays = double.NaN } : c).ToArray() : null!,
            Malformed = () => ContractData.Lifecycle() is var a ? a.Select((c, i) => i == 7 ? c with { TenureDays = c.RecencyDays - 1 } : c).ToArray() : null!,
            Permute = (d, order) => order.Select(i => d[i]).ToArray(),
            Rows = d => d.Count,
            Order = RowOrder.Exact,
            BadOption = (() => new LifecycleClassifier(new LifecycleOptions(LoyalOccasions: 1)), "LoyalOccasions"),
        };

        yield return Summary<BgNbdModel>((seed, _) => new BgNbdFitter(new BgNbdOptions(Seed: seed)),
            (m, s) => [.. m.ProbabilityAlive(s), .. m.ConditionalExpectedPurchases(4, s)], (() => new BgNbdFitter(new BgNbdOptions(Starts: 0)), "Starts"));
        yield return Summary<GammaGammaModel>((seed, _) => new GammaGammaFitter(new GammaGammaOptions(Seed: seed)),
            (m, s) => m.ConditionalExpectedAverageSpend(s), (() => new GammaGammaFitter(new GammaGammaOptions(Starts: 0)), "Starts"));

        yield return new EstimatorCase<DataFrame, SegmentationModel>
        {
            Create = (seed, _) => new SegmentationModelBuilder(SegmentationOptions(seed)),
            Data = () => ContractData.FeatureTable(),
            Output = (m, f) => Labels(m.Assign(f).Segments),
            Empty = () => ContractData.FeatureTable() is var f ? f.Head(0) : null!,
            WithMissing = () => ContractData.FeatureTable(),
            MissingIsAllowed = true,
            Malformed = () => ContractData.FeatureTable() is var f ? new DataFrame(f.Columns.Where(c => c.Name != "frequency")) : null!,
            BadOption = (() => new SegmentationModelBuilder(SegmentationOptions(0) with { Clusters = 1 }), "Clusters"),
        };

        yield return new EstimatorCase<ExperimentData, UpliftModel>
        {
            Create = (seed, threads) => new UpliftLearner(Uplift(seed, threads)),
            Data = () => ContractData.Experiment(),
            Output = (m, d) => m.Predict(d).Predicted.SelectMany(p => p).ToArray(),
            Empty = () => ContractData.Experiment().Subset([]),
            WithMissing = () => ContractData.Experiment() is var e
                ? e with { NumericFeatures = new Dictionary<string, double[]> { ["history"] = e.NumericFeature("history").Select((v, i) => i == 3 ? double.NaN : v).ToArray() } }
                : null!,
            UseWithWrongWidth = (m, d) => m.Predict(d with { NumericFeatures = new Dictionary<string, double[]>() }),
            Threaded = true,
            BadOption = (() => new UpliftLearner(Uplift(0, -1) with { Trees = 0 }), "Trees"),
        };
    }

    private static EstimatorCase<FeatureMatrix, TModel> Matrix<TModel>(Func<int, int, IEstimator<FeatureMatrix, TModel>> create, Func<FeatureMatrix> data,
        Func<TModel, FeatureMatrix, double[]> output, bool missingAllowed = false, bool threaded = false, RowOrder order = RowOrder.NotPromised,
        double tolerance = 0, (Func<IEstimator<FeatureMatrix, TModel>>, string)? bad = null)
        where TModel : FittedModel<TModel> => new()
    {
        Create = create,
        Data = data,
        Output = output,
        Empty = () => ContractData.Empty(data()),
        WithMissing = () => ContractData.WithMissing(data()),
        MissingIsAllowed = missingAllowed,
        UseWithWrongWidth = (m, x) => Use(m, ContractData.Narrower(x)),
        Permute = order == RowOrder.NotPromised ? null : ContractData.Permute,
        Rows = x => x.Rows,
        Order = order,
        Tolerance = tolerance,
        Threaded = threaded,
        BadOption = bad,
    };

    private static EstimatorCase<CustomerSummary, TModel> Summary<TModel>(Func<int, int, IEstimator<CustomerSummary, TModel>> create,
        Func<TModel, CustomerSummary, double[]> output, (Func<IEstimator<CustomerSummary, TModel>>, string) bad)
        where TModel : FittedModel<TModel> => new()
    {
        Create = create,
        Data = () => ContractData.Summary(),
        Output = output,
        Empty = () => ContractData.Permute(ContractData.Summary(), []),
        WithMissing = () => ContractData.Summary() is var s ? s with { Recency = s.Recency.Select((v, i) => s.Frequency[i] > 0 && i > 20 ? double.NaN : v).ToArray(), MonetaryValue = s.MonetaryValue.Select(v => v > 0 ? double.NaN : v).ToArray() } : null!,
        Malformed = () => ContractData.Summary() is var s ? s with { Recency = s.Recency[1..], MonetaryValue = s.MonetaryValue[1..] } : null!,
        Permute = ContractData.Permute,
        Rows = s => s.Count,
        Order = RowOrder.WithinTolerance,
        Tolerance = 1e-6,
        BadOption = bad,
    };

    private static void Use(object model, FeatureMatrix x)
    {
        switch (model)
        {
            case IFeatureTransformer t: t.Transform(x); break;
            case ISegmentAssigner a: a.Predict(x); break;
            default: throw new InvalidOperationException($"{model.GetType().Name} neither transforms nor assigns.");
        }
    }

    private static LabelledMatrix Labelled((FeatureMatrix Data, int[] Labels) blobs) => new(blobs.Data, blobs.Labels);

    private static double[] Labels(IEnumerable<int> labels) => labels.Select(l => (double)l).ToArray();

    private static SegmentationOptions SegmentationOptions(int seed) =>
        new(["recency_days", "frequency", "avg_order_value", "online_share"], 3, LogFeatures: ["avg_order_value"], Seed: seed, Restarts: 2,
            Validation: new ValidationOptions(Bootstraps: 2, LdaFolds: 3));

    private static UpliftOptions Uplift(int seed, int threads) =>
        new(Outcome: "spend", Seed: seed, Trees: 10, Leaves: 4, MinimumExampleCountPerLeaf: 20, MaxDegreeOfParallelism: threads);
}
