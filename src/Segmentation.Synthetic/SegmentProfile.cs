namespace Segmentation.Synthetic;

/// <summary>
/// Demographic and shopping mixes of each planted segment (the resource table behind <see cref="PlantedSegments"/>).
/// Weights follow the order of the code lists in <see cref="Analytics.Engines.DataModel"/>. Demographics deliberately overlap between
/// segments; behaviour (in <see cref="PlantedSegment"/>) separates them.
/// </summary>
internal sealed record SegmentProfile(
    double[] Occupation,
    double[] Education,
    double[] Lifestyle,
    double FemaleShare,
    double IncomeMedian,
    double[] CityTier,
    double[] Category,
    double AppShareOfOnline,
    double PhoneShareOfOffline,
    double ReferralFactor)
{
    /// <summary>Regions: east, north, south, central, southwest, northwest, northeast.</summary>
    public static readonly double[] RegionWeights = [0.30, 0.15, 0.20, 0.12, 0.11, 0.05, 0.07];

    /// <summary>Gross margin by product category (apparel, beauty, electronics, grocery, home, sports): 20–45 %.</summary>
    public static readonly double[] CategoryMargin = [0.45, 0.42, 0.20, 0.22, 0.35, 0.33];

    /// <summary>Typical unit price by product category, for quantities.</summary>
    public static readonly double[] CategoryUnitPrice = [150, 120, 900, 25, 200, 250];

    /// <summary>B2B company sizes (micro, small, medium, large).</summary>
    public static readonly double[] CompanySizeWeights = [0.25, 0.35, 0.28, 0.12];

    /// <summary>B2B industries (free text in the data model).</summary>
    public static readonly string[] Industries = ["retail", "hospitality", "manufacturing", "education", "healthcare", "it_services", "logistics", "construction"];

    /// <summary>The profile of a planted segment key.</summary>
    public static SegmentProfile For(string key) => key switch
    {
        PlantedSegments.YoungOnlineHigh => new([.30, .30, .15, .05, .08, .12, 0], [.01, .10, .20, .50, .16, .03], [.45, .15, .10, .20, .10],
            0.58, 180_000, [.35, .35, .18, .08, .04], [.30, .20, .25, .05, .05, .15], 0.65, 0.05, 1.8),
        PlantedSegments.SteadyMiddleAged => new([.30, .30, .12, .12, .16, 0, 0], [.05, .25, .25, .33, .10, .02], [.05, .35, .40, .10, .10],
            0.50, 220_000, [.20, .30, .25, .15, .10], [.15, .10, .10, .30, .25, .10], 0.40, 0.05, 1.0),
        PlantedSegments.BargainHunters => new([.10, .25, .25, .20, .10, .05, .05], [.08, .35, .30, .22, .05, 0], [.05, .50, .30, .05, .10],
            0.62, 80_000, [.10, .20, .30, .25, .15], [.20, .15, .05, .40, .15, .05], 0.55, 0.05, 0.8),
        PlantedSegments.SeniorOccasional => new([.05, .05, .05, .05, .05, 0, .75], [.25, .40, .20, .12, .03, 0], [.02, .30, .25, .13, .30],
            0.52, 70_000, [.10, .20, .30, .25, .15], [.10, .05, .05, .50, .25, .05], 0.30, 0.30, 0.6),
        PlantedSegments.BusinessBuyers => new([], [], [],
            0, 0, [.30, .30, .25, .10, .05], [.05, .05, .30, .30, .25, .05], 0.20, 0.35, 0.5),
        PlantedSegments.Churning => new([.20, .30, .20, .10, .10, .10, 0], [.04, .25, .28, .33, .09, .01], [.15, .30, .20, .15, .20],
            0.50, 120_000, [.20, .30, .25, .15, .10], [.20, .15, .15, .20, .15, .15], 0.50, 0.05, 0.6),
        _ => throw new ArgumentException($"No demographic profile for segment '{key}'.", nameof(key)),
    };
}
