using System.Reflection;
using Segmentation.Experiments;

namespace Segmentation.Analytics.Tests.Contracts;

/// <summary>
/// The one contract suite every estimator passes (scikit-learn's <c>check_estimator</c>): Fit leaves its input alone; a seed
/// (and any thread count) gives a byte-identical model; the model round-trips through <see cref="Serialization.ModelJson"/>
/// to the same bytes, an equal value and the same predictions; missing, empty and malformed input fail with an
/// <see cref="ArgumentException"/> naming the parameter (or missing values are handled where documented); another row
/// order keeps what the estimator promises; a bad option fails naming the option.
/// </summary>
public sealed class EstimatorContractTests
{
    public static TheoryData<string> AllCases() => Rows(_ => true);

    public static TheoryData<string> ThreadedCases() => Rows(c => c.HasThreadCount);

    public static TheoryData<string> MalformedInputCases() => Rows(c => c.HasMalformedInput);

    public static TheoryData<string> RowOrderCases() => Rows(c => c.RowOrder != RowOrder.NotPromised);

    public static TheoryData<string> BadOptionCases() => Rows(c => c.HasBadOptions);

    [Theory, MemberData(nameof(AllCases))]
    public void Fit_does_not_modify_its_input(string estimator) => EstimatorCases.ByName[estimator].FitDoesNotModifyItsInput();

    [Theory, MemberData(nameof(AllCases))]
    public void Same_seed_gives_a_byte_identical_model(string estimator) => EstimatorCases.ByName[estimator].SameSeedGivesByteIdenticalModel();

    [Theory, MemberData(nameof(ThreadedCases))]
    public void Thread_count_does_not_change_the_model(string estimator) => EstimatorCases.ByName[estimator].ThreadCountDoesNotChangeTheModel();

    [Theory, MemberData(nameof(AllCases))]
    public void Model_round_trips_through_model_json_to_the_same_bytes_value_and_predictions(string estimator) =>
        EstimatorCases.ByName[estimator].ModelRoundTripsThroughModelJson();

    [Theory, MemberData(nameof(AllCases))]
    public void Missing_values_are_rejected_naming_the_parameter_unless_documented_as_handled(string estimator) =>
        EstimatorCases.ByName[estimator].MissingValuesAreRejectedOrDocumented();

    [Theory, MemberData(nameof(AllCases))]
    public void Empty_input_is_rejected_naming_the_parameter(string estimator) => EstimatorCases.ByName[estimator].EmptyInputIsRejected();

    [Theory, MemberData(nameof(MalformedInputCases))]
    public void Malformed_or_wrong_width_input_is_rejected_naming_the_parameter(string estimator) => EstimatorCases.ByName[estimator].MalformedInputIsRejected();

    [Theory, MemberData(nameof(RowOrderCases))]
    public void Another_row_order_keeps_what_the_estimator_promises(string estimator) => EstimatorCases.ByName[estimator].RowOrderKeepsItsPromise();

    [Theory, MemberData(nameof(BadOptionCases))]
    public void A_bad_option_is_rejected_naming_the_option(string estimator) => EstimatorCases.ByName[estimator].BadOptionsAreRejected();

    [Fact]
    public void Every_public_estimator_of_the_core_and_the_experiments_has_a_contract_case()
    {
        var estimators = new[] { typeof(IEstimator<,>).Assembly, typeof(UpliftLearner).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEstimator<,>)))
            .Select(t => t.FullName!)
            .Order()
            .ToArray();
        var covered = EstimatorCases.ByName.Values.Select(c => c.EstimatorType.FullName!).Distinct().Order().ToArray();
        Assert.True(estimators.Length >= 18, $"Only {estimators.Length} estimators found: {string.Join(", ", estimators)}");
        Assert.Empty(estimators.Except(covered));
        Assert.Empty(covered.Except(estimators));
    }

    private static TheoryData<string> Rows(Func<EstimatorCase, bool> keep)
    {
        var rows = new TheoryData<string>();
        foreach (var c in EstimatorCases.ByName.Values.Where(keep)) rows.Add(c.Name);
        return rows;
    }
}
