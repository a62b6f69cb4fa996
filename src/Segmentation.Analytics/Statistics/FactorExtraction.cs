namespace Segmentation.Analytics.Statistics;

/// <summary>How factors are extracted.</summary>
public enum FactorExtraction
{
    /// <summary>Principal-component method: loadings = eigenvectors × √eigenvalues of the correlation (or covariance) matrix.</summary>
    PrincipalComponents,
}
