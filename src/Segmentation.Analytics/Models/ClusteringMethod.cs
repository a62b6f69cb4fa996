namespace Segmentation.Analytics.Models;

/// <summary>The clustering method of a <see cref="SegmentationModel"/>.</summary>
public enum ClusteringMethod
{
    /// <summary>k-means (<see cref="Segmenting.KMeans"/>), k-means++ restarts.</summary>
    KMeans,
    /// <summary>Exact Ward (<see cref="Segmenting.WardClustering"/>); replaced by <see cref="TwoStep"/> above <see cref="SegmentationOptions.TwoStepAbove"/> rows.</summary>
    Ward,
    /// <summary>k-means micro-clusters + weighted Ward (<see cref="Segmenting.TwoStepClustering"/>), for large n.</summary>
    TwoStep,
}
