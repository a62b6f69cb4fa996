using System.Globalization;
using System.Text;

namespace Segmentation.Analytics.Profiling;

/// <summary>The profiles of all segments with the population they are compared with.</summary>
/// <param name="Rows">Customers profiled.</param>
/// <param name="Population">Every numeric feature over all customers.</param>
/// <param name="Segments">One profile per segment, by segment index.</param>
public sealed record SegmentProfiles(int Rows, EquatableArray<FeatureSummary> Population, EquatableArray<SegmentProfile> Segments)
{
    /// <summary>Numeric features not profiled because they were measured for fewer than <see cref="SegmentProfiler.MinimumKnownShare"/>
    /// of the rows (null when none). Not written when null.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public EquatableArray<string>? Dropped { get; init; }

    /// <summary>Culture-invariant table: segment, size, share, revenue share and the top features with their index.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        foreach (var s in Segments)
        {
            sb.Append(inv, $"segment {s.Segment}: {s.Size} ({s.Share:P1})");
            if (s.Value.RevenueShare is double r) sb.Append(inv, $", revenue {r:P1}");
            sb.Append("; ").Append(string.Join(", ", s.TopFeatures.Select(f => s.Feature(f)!).Select(f => string.Create(inv, $"{f.Feature} {f.Mean:G4} (index {f.Index:F0}, z {f.ZScore:+0.00;-0.00})"))));
            sb.Append('\n');
        }
        return sb.ToString().TrimEnd('\n');
    }
}
