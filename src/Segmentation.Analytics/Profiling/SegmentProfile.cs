namespace Segmentation.Analytics.Profiling;

/// <summary>The portrait of one segment: size, value, numeric features against the population, composition.</summary>
/// <param name="Segment">Segment index.</param>
/// <param name="Size">Customers in the segment.</param>
/// <param name="Share">Size / all customers.</param>
/// <param name="Value">Revenue, profit and CLV shares.</param>
/// <param name="Features">Every numeric feature, in the profiler's feature order.</param>
/// <param name="TopFeatures">The most distinguishing features, largest |z| first (ties: name), among those known for at least half of the segment.</param>
/// <param name="Composition">Every categorical feature's composition.</param>
public sealed record SegmentProfile(int Segment, int Size, double Share, SegmentValue Value, EquatableArray<FeatureProfile> Features,
    EquatableArray<string> TopFeatures, EquatableArray<CategoryComposition> Composition)
{
    /// <summary>The profile of <paramref name="feature"/>, or null if it was not profiled.</summary>
    public FeatureProfile? Feature(string feature) => Features.FirstOrDefault(f => f.Feature == feature);

    /// <summary>The composition by <paramref name="feature"/>, or null if it was not profiled.</summary>
    public CategoryComposition? CompositionOf(string feature) => Composition.FirstOrDefault(c => c.Feature == feature);
}
