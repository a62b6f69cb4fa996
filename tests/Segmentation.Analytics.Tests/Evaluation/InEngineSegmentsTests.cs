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

    /// <summary>
    /// Drawing the sample first (<see cref="InEngineSegments.DrawBuyers"/>) and computing only its customers' features
    /// (<see cref="Segmentation.Analytics.Features.FeatureTableOptions.CustomersIn"/>) gives exactly the rows the sample of the whole
    /// table gives — every column, on the sample data (customers, feedback, campaigns, categories: every filtered source), at two sizes.
    /// </summary>
    [Theory]
    [InlineData(40)]
    [InlineData(700)]
    public void A_sample_drawn_first_has_the_rows_of_the_sample_of_the_whole_table(int size)
    {
        var snapshot = new DateTime(2026, 9, 30);
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(new DateTime(2026, 10, 31)));
        var sources = Segmentation.Analytics.Features.FeatureSources.Detect(ws);
        Assert.True(sources.Feedback && sources.Customers && sources.CampaignAssignments);
        var options = Segmentation.Analytics.Features.FeatureTableOptions.Default;
        var whole = InEngineSegments.SampleBuyers(ws, Segmentation.Analytics.Features.CustomerFeatureTable.Render(ws.Dialect, snapshot, options, sources), size);

        int drawn = InEngineSegments.DrawBuyers(ws, snapshot, size);
        var first = InEngineSegments.SampleBuyers(ws,
            Segmentation.Analytics.Features.CustomerFeatureTable.Render(ws.Dialect, snapshot, options with { CustomersIn = InEngineSegments.Sample }, sources), size);
        Assert.Equal(size, drawn);
        Assert.Equal(size, first.Rows.Count);
        Assert.Equal(whole.Columns.Select(c => c.Name), first.Columns.Select(c => c.Name));
        foreach (var column in whole.Columns)
            for (long i = 0; i < whole.Rows.Count; i++)
                Assert.Equal(column[i], first.Columns[column.Name][i]);
        // Fewer rows in the sample table than buyers: only the sample's transactions were aggregated.
        Assert.Equal(size, Convert.ToInt64(ws.Query($"SELECT count(*) AS n FROM {InEngineSegments.Sample}").Columns["n"][0]));
        InEngineSegments.Drop(ws, InEngineSegments.Sample);
    }

    private static void Upload(DataWorkspace ws, string name, SegmentAssignment assignment) =>
        ws.CreateTextTable(name, ["customer_id", "segment"], assignment.Count, (i, c) => c == 0 ? assignment.CustomerIds[i] : assignment.SegmentKeys[i]);
}
