namespace Segmentation.Synthetic;

/// <summary>
/// What was planted in a synthetic dataset (<c>ground_truth.json</c>): the options, every customer's planted segment,
/// the segment definitions, the campaigns' planted effects, the churn months and the management start month.
/// </summary>
/// <param name="Generator">Name and version of the generator; changes when the same options would give different data.</param>
/// <param name="Options">The options the data was generated with (seed included).</param>
/// <param name="FirstMonth">First month of the horizon (yyyy-MM).</param>
/// <param name="LastMonth">Last month of the horizon (yyyy-MM).</param>
/// <param name="ManagementStartMonth">Month (yyyy-MM) from which segment-based management runs; satisfaction uplifts start here.</param>
/// <param name="Segments">The planted segments with their intended and realised figures.</param>
/// <param name="Campaigns">The planted campaign effects.</param>
/// <param name="CustomerSegments">Customer id → planted segment key, for every customer (ordinal id order).</param>
/// <param name="ChurnMonths">Customer id → churn month (yyyy-MM) for churning customers: they make no purchase (and no return,
/// no survey response) on or after a day drawn uniformly in that month, so none after it.</param>
public sealed record GroundTruth(
    string Generator,
    SyntheticOptions Options,
    string FirstMonth,
    string LastMonth,
    string ManagementStartMonth,
    IReadOnlyList<GroundTruthSegment> Segments,
    IReadOnlyList<GroundTruthCampaign> Campaigns,
    IReadOnlyDictionary<string, string> CustomerSegments,
    IReadOnlyDictionary<string, string> ChurnMonths)
{
    /// <summary>
    /// Defective rows injected into the CSV files (see <see cref="SyntheticOptions.DefectRate"/>): table → reject rule →
    /// rows. Empty for clean data and for the in-memory dataset.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> InjectedDefects { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, int>>();
}
