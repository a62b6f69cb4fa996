namespace Segmentation.Analytics.Statistics;

/// <summary>The edge of the parameter space a maximum-likelihood estimate ran to.</summary>
public enum ParameterLimit
{
    /// <summary>The estimate went to 0 (its logarithm to −∞).</summary>
    Zero,

    /// <summary>The estimate went to +∞ (its logarithm to +∞).</summary>
    Infinity,
}
