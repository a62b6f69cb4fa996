namespace Segmentation.Analytics.Tests.Contracts;

/// <summary>What an estimator promises when its training rows come in another order.</summary>
public enum RowOrder
{
    /// <summary>Nothing (seeded draws or folds follow the row order, as in k-means++ or cross-fitting).</summary>
    NotPromised,

    /// <summary>The same predictions, to the bit.</summary>
    Exact,

    /// <summary>The same predictions within the case's relative tolerance (sums in another order round differently).</summary>
    WithinTolerance,

    /// <summary>The same partition, possibly with other segment numbers.</summary>
    UpToLabelPermutation,
}
