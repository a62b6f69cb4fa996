using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Serialization;
using Segmentation.Data;

namespace Segmentation.Analytics.Tests.Evaluation;

/// <summary>The in-engine segment tables of the scaled monthly job (<see cref="InEngineSegments"/>) in DuckDB.</summary>
public sealed class InEngineSegmentsTests
{
    private static readonly SegmentDefinition[] Definitions =
    [
        new("gold", "金", "Gold", 1), new("silver", "银", "Silver", 2), new("bronze", "铜", "Bronze", 3), new("prospects", "潜在客户", "Prospects", 4),
    ];

    [Fact]
    public void Migration_counted_in_the_engine_equals_the_in_process_migration_with_lost_and_new_customers()
    {
        // Stayed, moved between value ranks (silver → gold, gold → bronze, silver → prospects), lost (only earlier) and new (only later) customers.
        var earlier = new SegmentAssignment(["a", "b", "c", "d", "e", "f", "g"], ["gold", "silver", "gold", "silver", "bronze", "bronze", "gold"], Definitions);
        var later = new SegmentAssignment(["a", "b", "c", "d", "e", "h", "i", "j"], ["gold", "gold", "bronze", "prospects", "bronze", "silver", "prospects", "gold"], Definitions);
        using var ws = DataWorkspace.Create(new IngestOptions(new DateTime(2026, 10, 31)));
        Upload(ws, "seg_from", earlier);
        Upload(ws, "seg_to", later);

        var inEngine = InEngineSegments.Migration(ws, "seg_from", "seg_to", Definitions);
        var expected = SegmentMigration.Compute(earlier, later);
        Assert.Equal(ModelJson.Serialize(expected), ModelJson.Serialize(inEngine));
        Assert.Equal(2, inEngine.Lost.Sum());
        Assert.Equal(3, inEngine.New.Sum());
        Assert.Equal(2, inEngine.Stayed);
        Assert.Equal(3, inEngine.Upgraded + inEngine.Downgraded);

        // Read gives the assignment back in ordinal id order; Counts has every defined key.
        var read = InEngineSegments.Read(ws, "seg_to", Definitions);
        Assert.Equal(later.CustomerIds, read.CustomerIds);
        Assert.Equal(later.SegmentKeys, read.SegmentKeys);
        Assert.Equal(later.Counts().OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, (long)kv.Value)),
            InEngineSegments.Counts(ws, "seg_to", Definitions).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)));
        InEngineSegments.Drop(ws, "seg_to");
        Assert.False(ws.HasTable("seg_to"));
    }

    [Fact]
    public void The_sampling_key_is_the_first_32_bits_of_the_md5_digest()
    {
        using var ws = DataWorkspace.Create(new IngestOptions(new DateTime(2026, 10, 31)));
        var frame = ws.Query($"SELECT {ws.Dialect.SampleKey("'c00042'")} AS k");
        var digest = System.Security.Cryptography.MD5.HashData("c00042"u8.ToArray());
        Assert.Equal((long)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(digest), Convert.ToInt64(frame.Columns["k"][0]));
    }

    private static void Upload(DataWorkspace ws, string name, SegmentAssignment assignment) =>
        ws.CreateTextTable(name, ["customer_id", "segment"], assignment.Count, (i, c) => c == 0 ? assignment.CustomerIds[i] : assignment.SegmentKeys[i]);
}
