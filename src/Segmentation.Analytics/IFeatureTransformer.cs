using Segmentation.Analytics.Features;

namespace Segmentation.Analytics;

/// <summary>A fitted model that maps a feature matrix to another one row by row (scalers, encoders, factor scores, discriminant scores).</summary>
public interface IFeatureTransformer
{
    /// <summary>The transformed rows of <paramref name="data"/>, which must have the columns the model was fitted on; the input is not modified.</summary>
    /// <exception cref="ArgumentException">The column count differs from the fitted one.</exception>
    FeatureMatrix Transform(FeatureMatrix data);
}
