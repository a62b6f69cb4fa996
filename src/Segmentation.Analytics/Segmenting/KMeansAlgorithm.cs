namespace Segmentation.Analytics.Segmenting;

/// <summary>How the assignment step of k-means is computed. All give the same partition (up to exact ties); they differ in speed.</summary>
public enum KMeansAlgorithm
{
    /// <summary>Hamerly's bounds (O(n) extra memory), which pays whenever the data have few dimensions or k is small to moderate; Elkan when k ≥ 32 and there are more than 16 dimensions.</summary>
    Auto,

    /// <summary>Plain Lloyd: every row against every centre, every iteration (scikit-learn's <c>algorithm="lloyd"</c>).</summary>
    Lloyd,

    /// <summary>Elkan (2003): one upper and k lower bounds per row plus centre-centre distances (O(n·k) extra memory).</summary>
    Elkan,

    /// <summary>Hamerly (2010): one upper and one lower bound per row (O(n) extra memory).</summary>
    Hamerly,
}
