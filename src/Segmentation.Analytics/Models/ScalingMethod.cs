namespace Segmentation.Analytics.Models;

/// <summary>How numeric features are scaled before clustering.</summary>
public enum ScalingMethod
{
    /// <summary>z = (x − mean) / population sd (<see cref="Features.StandardScaler"/>).</summary>
    ZScore,
    /// <summary>(x − median) / interquartile range (<see cref="Features.RobustScaler"/>).</summary>
    Robust,
    /// <summary>No scaling (features already comparable).</summary>
    None,
}
