using Segmentation.Data;
using Segmentation.Synthetic;
using Segmentation.Analytics.Evaluation;

namespace Segmentation.Analytics.Tests.Evaluation;

/// <summary>
/// The bundled sample's synthetic data (seed 20261, 5 000 customers, 24 months 2024-11..2026-10): in memory (the raw rows the
/// reference computations loop over) and loaded through the validated CSV path into DuckDB. Built once for the collection.
/// </summary>
public sealed class SyntheticSample : IDisposable
{
    public static readonly DateTime AsOf = new(2026, 10, 31);

    public SyntheticSample()
    {
        Options = new SyntheticOptions();
        Dataset = SyntheticGenerator.Create(Options);
        Directory = new TempDirectory();
        SyntheticGenerator.Generate(Options, Directory.Path);
        Workspace = DataWorkspace.Load(Directory.Path, new IngestOptions(AsOf));
        Assignment = PlantedAssignment(Dataset.Truth);
    }

    public SyntheticOptions Options { get; }
    public SyntheticDataset Dataset { get; }
    public TempDirectory Directory { get; }
    public DataWorkspace Workspace { get; }
    public SegmentAssignment Assignment { get; }

    /// <summary>Archetypes of the planted segments, and a value order (business buyers highest).</summary>
    public static readonly IReadOnlyDictionary<string, (int Rank, SegmentArchetype Archetype)> PlantedRoles = new Dictionary<string, (int, SegmentArchetype)>
    {
        [PlantedSegments.BusinessBuyers] = (6, SegmentArchetype.Business),
        [PlantedSegments.YoungOnlineHigh] = (5, SegmentArchetype.HighValue),
        [PlantedSegments.SteadyMiddleAged] = (4, SegmentArchetype.Loyal),
        [PlantedSegments.BargainHunters] = (3, SegmentArchetype.PriceSensitive),
        [PlantedSegments.SeniorOccasional] = (2, SegmentArchetype.Occasional),
        [PlantedSegments.Churning] = (1, SegmentArchetype.AtRisk),
    };

    public static SegmentAssignment PlantedAssignment(GroundTruth truth)
    {
        var defs = truth.Segments.Select(s => new SegmentDefinition(s.Key, s.LabelZh, s.LabelEn, PlantedRoles[s.Key].Rank, PlantedRoles[s.Key].Archetype)).ToArray();
        return new SegmentAssignment(truth.CustomerSegments.Keys.ToArray(), truth.CustomerSegments.Values.ToArray(), defs);
    }

    public void Dispose()
    {
        Workspace.Dispose();
        Directory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SyntheticSampleCollection : ICollectionFixture<SyntheticSample>
{
    public const string Name = "synthetic sample";
}
