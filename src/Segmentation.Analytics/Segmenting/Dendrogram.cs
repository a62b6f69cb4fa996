using System.Text.Json.Serialization;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// A full agglomerative hierarchy of n leaves as n − 1 merges in scipy's linkage format, ordered by height:
/// merge i joins <see cref="DendrogramMerge.Left"/> and <see cref="DendrogramMerge.Right"/> into cluster n + i.
/// </summary>
/// <param name="Leaves">Number of leaves n.</param>
/// <param name="Merges">The n − 1 merges, non-decreasing in height.</param>
public sealed record Dendrogram(int Leaves, EquatableArray<DendrogramMerge> Merges)
{
    /// <summary>Merge heights in merge order.</summary>
    [JsonIgnore] public double[] Heights => Merges.Select(m => m.Height).ToArray();

    /// <summary>
    /// Labels 0..k−1 of the leaves when the tree is cut into <paramref name="clusters"/> clusters, i.e. the last k − 1 merges undone.
    /// </summary>
    /// <remarks>
    /// Numbering: clusters are numbered in the order a depth-first walk from the root, left (smaller id) child first,
    /// reaches them — scipy's <c>fcluster(Z, k, "maxclust")</c> numbering minus 1. scikit-learn's
    /// <c>AgglomerativeClustering</c> gives the same partition with other numbers. With tied heights at the cut,
    /// scipy may return fewer than k clusters; this method always returns exactly k.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">k outside 1..n.</exception>
    public int[] CutTree(int clusters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clusters, Leaves);
        var labels = new int[Leaves];
        if (Leaves == 1) return labels;
        int keep = Leaves - clusters; // merges 0..keep−1 stay; a node id < Leaves + keep is a whole cluster
        int next = 0;
        var stack = new Stack<int>();
        var leafStack = new Stack<int>();
        stack.Push(2 * Leaves - 2);
        while (stack.Count > 0)
        {
            int node = stack.Pop();
            if (node < Leaves + keep)
            {
                int label = next++;
                leafStack.Push(node);
                while (leafStack.Count > 0)
                {
                    int v = leafStack.Pop();
                    if (v < Leaves) { labels[v] = label; continue; }
                    var m = Merges[v - Leaves];
                    leafStack.Push(m.Left);
                    leafStack.Push(m.Right);
                }
            }
            else
            {
                var m = Merges[node - Leaves];
                stack.Push(m.Right);
                stack.Push(m.Left); // left is visited first
            }
        }
        return labels;
    }
}
