namespace Segmentation.Analytics.Validation;

/// <summary>The null (no-cluster) reference distribution of the gap statistic.</summary>
public enum GapReference
{
    /// <summary>Uniform over the bounding box of the data's columns (Tibshirani et al. 2001, method a).</summary>
    BoundingBox,

    /// <summary>Uniform over the box aligned with the data's principal components (method b; takes the data's shape into account).</summary>
    PrincipalComponents,
}
