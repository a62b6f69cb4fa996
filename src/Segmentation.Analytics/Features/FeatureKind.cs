namespace Segmentation.Analytics.Features;

/// <summary>How a feature column is to be treated downstream (which encoder or scaler applies).</summary>
public enum FeatureKind
{
    /// <summary>The customer key; never a model input.</summary>
    Identifier,

    /// <summary>A number (count, amount, days, ratio, score): scale it (<see cref="StandardScaler"/>, <see cref="RobustScaler"/>, <see cref="Log1pTransform"/>).</summary>
    Numeric,

    /// <summary>An unordered code: one-hot encode it (<see cref="OneHotEncoder"/>).</summary>
    Categorical,

    /// <summary>An ordered code (declared order in <see cref="Engines.DataModel"/>): ordinal encode it (<see cref="OrdinalEncoder"/>).</summary>
    Ordinal,
}
