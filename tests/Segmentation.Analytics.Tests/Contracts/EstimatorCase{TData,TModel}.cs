using Segmentation.Analytics.Serialization;
using Segmentation.Analytics.Validation;

namespace Segmentation.Analytics.Tests.Contracts;

/// <summary>The contract checks for an estimator of <typeparamref name="TData"/> → <typeparamref name="TModel"/> (scikit-learn's <c>check_estimator</c>, as xunit rows).</summary>
public sealed class EstimatorCase<TData, TModel> : EstimatorCase
    where TData : class
    where TModel : FittedModel<TModel>
{
    private readonly object gate = new();
    private (string Before, TData Data, TModel Model, string After)? fitted;

    /// <summary>The reference fit (seed 0, all threads), made once: the input's snapshot before and after, the data and the model.</summary>
    private (string Before, TData Data, TModel Model, string After) Reference
    {
        get
        {
            lock (gate)
            {
                if (fitted is { } done) return done;
                var data = Data();
                string before = ContractData.Snapshot(data);
                var model = Create(0, -1).Fit(data);
                fitted = (before, data, model, ContractData.Snapshot(data));
                return fitted.Value;
            }
        }
    }

    /// <summary>The estimator with a seed and a thread count (−1 = all); estimators without them ignore the arguments.</summary>
    public required Func<int, int, IEstimator<TData, TModel>> Create { get; init; }

    /// <summary>Valid training data (a new instance per call).</summary>
    public required Func<TData> Data { get; init; }

    /// <summary>The model's predictions, transforms or scores of the data, as numbers (compared bit for bit after a round trip).</summary>
    public required Func<TModel, TData, double[]> Output { get; init; }

    /// <summary>Training data with no rows.</summary>
    public required Func<TData> Empty { get; init; }

    /// <summary>Training data with a missing value (NaN or null).</summary>
    public required Func<TData> WithMissing { get; init; }

    /// <summary>True when the estimator documents missing values as handled (ignored, imputed or encoded) rather than rejected.</summary>
    public bool MissingIsAllowed { get; init; }

    /// <summary>Training data of the wrong shape (arrays of different lengths, an inconsistent record, a missing column), rejected by Fit; or null.</summary>
    public Func<TData>? Malformed { get; init; }

    /// <summary>Uses the fitted model on input of another width (rejected naming <c>data</c>); or null.</summary>
    public Action<TModel, TData>? UseWithWrongWidth { get; init; }

    /// <summary>Rows in another order, when the estimator promises something about it.</summary>
    public Func<TData, int[], TData>? Permute { get; init; }

    /// <summary>Rows in the data (for the permutation).</summary>
    public Func<TData, int>? Rows { get; init; }

    /// <summary>What another row order may change.</summary>
    public RowOrder Order { get; init; } = RowOrder.NotPromised;

    /// <summary>Relative tolerance of <see cref="RowOrder.WithinTolerance"/>.</summary>
    public double Tolerance { get; init; }

    /// <summary>Whether the options carry a thread count.</summary>
    public bool Threaded { get; init; }

    /// <summary>An estimator with one invalid option, and that option's name.</summary>
    public (Func<IEstimator<TData, TModel>> Create, string Option)? BadOption { get; init; }

    /// <summary>A variant name when the same estimator type has several cases.</summary>
    public string? Variant { get; init; }

    public override Type EstimatorType => Create(0, -1).GetType();

    public override string Name => EstimatorType.Name + (Variant is null ? "" : $" ({Variant})");

    public override bool HasThreadCount => Threaded;

    public override RowOrder RowOrder => Permute is null ? RowOrder.NotPromised : Order;

    public override bool HasMalformedInput => Malformed is not null || UseWithWrongWidth is not null;

    public override bool HasBadOptions => BadOption is not null;

    /// <summary>The name of Fit's data parameter, which every rejection of the data must name.</summary>
    private string FitParameter => EstimatorType.GetMethod("Fit", [typeof(TData)])!.GetParameters()[0].Name!;

    public override void FitDoesNotModifyItsInput()
    {
        var (before, _, _, after) = Reference;
        Assert.Equal(before, after);
    }

    public override void SameSeedGivesByteIdenticalModel()
    {
        var (_, data, model, _) = Reference;
        Assert.Equal(model.ToJson(), Create(0, -1).Fit(data).ToJson());
    }

    public override void ThreadCountDoesNotChangeTheModel()
    {
        var data = Reference.Data;
        Assert.Equal(Create(0, 1).Fit(data).ToJson(), Create(0, 2).Fit(data).ToJson());
    }

    public override void ModelRoundTripsThroughModelJson()
    {
        var (_, data, model, _) = Reference;
        string json = model.ToJson();
        var fromText = FittedModel<TModel>.FromJson(json);
        Assert.Equal(json, fromText.ToJson());
        Assert.Equal(model, fromText);
        Assert.Equal(model.GetHashCode(), fromText.GetHashCode());
        using var dir = new TempDirectory();
        model.Save(dir.File("model.json"));
        var loaded = ModelJson.Load<TModel>(dir.File("model.json"));
        loaded.Save(dir.File("again.json"));
        Assert.Equal(File.ReadAllBytes(dir.File("model.json")), File.ReadAllBytes(dir.File("again.json")));
        Assert.Equal(model, loaded);
        Assert.Equal(Output(model, data), Output(loaded, data));
    }

    public override void MissingValuesAreRejectedOrDocumented()
    {
        var data = WithMissing();
        if (MissingIsAllowed)
        {
            var model = Create(0, -1).Fit(data);
            Assert.NotNull(model.ToJson());
            return;
        }
        var e = Assert.ThrowsAny<ArgumentException>(() => Create(0, -1).Fit(data));
        Assert.Equal(FitParameter, e.ParamName);
    }

    public override void EmptyInputIsRejected()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Create(0, -1).Fit(Empty()));
        Assert.Equal(FitParameter, e.ParamName);
    }

    public override void MalformedInputIsRejected()
    {
        if (Malformed is not null)
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => Create(0, -1).Fit(Malformed()));
            Assert.Equal(FitParameter, e.ParamName);
        }
        if (UseWithWrongWidth is not null)
        {
            var (_, data, model, _) = Reference;
            var e = Assert.ThrowsAny<ArgumentException>(() => UseWithWrongWidth(model, data));
            Assert.Equal("data", e.ParamName);
        }
    }

    public override void RowOrderKeepsItsPromise()
    {
        var (_, data, model, _) = Reference;
        var order = ContractData.Permutation(Rows!(data));
        var permuted = Create(0, -1).Fit(Permute!(data, order));
        double[] expected = Output(model, data), actual = Output(permuted, data);
        switch (Order)
        {
            case RowOrder.Exact:
                Assert.Equal(expected, actual);
                break;
            case RowOrder.WithinTolerance:
                Assert.Equal(expected.Length, actual.Length);
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * Math.Max(1, Math.Abs(expected[i])),
                        $"{Name}: output {i} is {actual[i]:R} after a row permutation, {expected[i]:R} before (tolerance {Tolerance}).");
                break;
            case RowOrder.UpToLabelPermutation:
                Assert.Equal(1.0, AdjustedRandIndex.Compute(expected.Select(v => (int)v).ToArray(), actual.Select(v => (int)v).ToArray()), 12);
                break;
        }
    }

    public override void BadOptionsAreRejected()
    {
        var (create, option) = BadOption!.Value;
        var e = Assert.ThrowsAny<ArgumentException>(() => create().Fit(Reference.Data));
        Assert.Equal(option, e.ParamName);
    }
}
