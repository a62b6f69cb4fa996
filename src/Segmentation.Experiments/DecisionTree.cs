using Segmentation.Analytics;

namespace Segmentation.Experiments;

/// <summary>
/// One regression tree of a boosted ensemble, in ML.NET FastTree's layout: node n sends a row to <see cref="LeftChild"/>[n]
/// when feature <see cref="SplitFeatures"/>[n] ≤ <see cref="Thresholds"/>[n] (compared in single precision, as FastTree), else
/// to <see cref="RightChild"/>[n]; a child c &lt; 0 is leaf ~c, whose value is <see cref="LeafValues"/>[~c].
/// </summary>
/// <param name="LeftChild">Child for values at or below the threshold, per node.</param>
/// <param name="RightChild">Child for values above the threshold, per node.</param>
/// <param name="SplitFeatures">Feature index tested, per node.</param>
/// <param name="Thresholds">Threshold, per node.</param>
/// <param name="LeafValues">Output of each leaf.</param>
public sealed record DecisionTree(EquatableArray<int> LeftChild, EquatableArray<int> RightChild, EquatableArray<int> SplitFeatures,
    EquatableArray<float> Thresholds, EquatableArray<double> LeafValues)
{
    /// <summary>The value of the leaf <paramref name="features"/> falls into.</summary>
    public double Output(ReadOnlySpan<float> features)
    {
        if (LeftChild.Length == 0) return LeafValues[0];
        ReadOnlySpan<int> left = LeftChild.AsSpan(), right = RightChild.AsSpan(), split = SplitFeatures.AsSpan();
        ReadOnlySpan<float> threshold = Thresholds.AsSpan();
        int node = 0;
        while (node >= 0) node = features[split[node]] <= threshold[node] ? left[node] : right[node];
        return LeafValues[~node];
    }
}
