namespace Segmentation.Analytics.Statistics;

/// <summary>Rotation applied to the factor loadings.</summary>
public enum FactorRotation
{
    /// <summary>Unrotated principal-component loadings.</summary>
    None,

    /// <summary>Kaiser's (1958) varimax: orthogonal rotation maximising the variance of squared loadings per factor.</summary>
    Varimax,
}
