namespace Segmentation.Experiments;

/// <summary>What the adjusted test says about one segment × arm × outcome.</summary>
public enum SegmentResponse
{
    /// <summary>Adjusted p &lt; α and the effect is positive.</summary>
    Responds,

    /// <summary>Adjusted p &lt; α and the effect is negative.</summary>
    Harmed,

    /// <summary>No significant effect after adjustment.</summary>
    NoEvidence,

    /// <summary>No test possible (a group too small).</summary>
    Untested,
}
