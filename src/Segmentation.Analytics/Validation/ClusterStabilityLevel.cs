namespace Segmentation.Analytics.Validation;

/// <summary>Hennig's (2007) reading of a cluster's mean bootstrap Jaccard similarity γ.</summary>
public enum ClusterStabilityLevel
{
    /// <summary>γ below the dissolution threshold (default 0.6): the cluster is not reproduced; do not interpret it.</summary>
    Dissolved,

    /// <summary>Between the dissolution and the stability threshold (0.6–0.75): a pattern, but doubtful.</summary>
    Doubtful,

    /// <summary>γ ≥ 0.75: a stable cluster.</summary>
    Stable,

    /// <summary>γ ≥ 0.85: a highly stable cluster.</summary>
    HighlyStable,
}
