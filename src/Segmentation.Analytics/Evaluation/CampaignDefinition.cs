namespace Segmentation.Analytics.Evaluation;

/// <summary>A campaign as the campaigns table gives it.</summary>
/// <param name="CampaignId">Campaign id.</param>
/// <param name="Name">Display name.</param>
/// <param name="TargetSegment">Segment key aimed at.</param>
/// <param name="Start">First day of the window.</param>
/// <param name="End">Last day of the window (inclusive).</param>
/// <param name="Cost">Cost (currency units).</param>
public sealed record CampaignDefinition(string CampaignId, string Name, string TargetSegment, DateOnly Start, DateOnly End, double Cost)
{
    /// <summary>Days in the window.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>The pre-period of a difference-in-differences: the same number of days right before <see cref="Start"/>.</summary>
    public DateOnly PreStart => Start.AddDays(-Days);
}
