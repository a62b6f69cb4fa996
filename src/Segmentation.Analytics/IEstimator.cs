using Segmentation.Analytics.Features;

namespace Segmentation.Analytics;

/// <summary>
/// A method over feature matrices: configured by its options record, <see cref="IEstimator{TData, TModel}.Fit"/> learns
/// from a <see cref="FeatureMatrix"/> and returns an immutable fitted model (scalers, encoders, clustering, factor analysis).
/// </summary>
/// <typeparam name="TModel">The fitted model; all learned state lives there.</typeparam>
public interface IEstimator<out TModel> : IEstimator<FeatureMatrix, TModel>
    where TModel : IFittedModel
{
}
