namespace Segmentation.Analytics;

/// <summary>
/// The one estimator protocol: an options record configures the estimator, <see cref="Fit"/> learns from the data the
/// method is defined on (a feature matrix, labelled rows, a customer summary, per-customer RFM values, a feature table, an
/// experiment…) and returns an immutable fitted model that predicts, assigns or transforms, and saves through
/// <see cref="Serialization.ModelJson"/>.
/// </summary>
/// <remarks>
/// Every implementation promises, and the contract suite checks: <see cref="Fit"/> never modifies its input; the same
/// options and seed give a byte-identical model (whatever the thread count, where the options have one); the model
/// round-trips through <see cref="Serialization.ModelJson"/> to the same bytes and predictions; missing (NaN), empty or
/// malformed input fails with an <see cref="ArgumentException"/> naming the parameter, unless the method documents
/// missing values as handled.
/// </remarks>
/// <typeparam name="TData">What the method learns from.</typeparam>
/// <typeparam name="TModel">The fitted model; all learned state lives there.</typeparam>
public interface IEstimator<in TData, out TModel>
    where TModel : IFittedModel
{
    /// <summary>Learns from <paramref name="data"/> without modifying it.</summary>
    TModel Fit(TData data);
}
