namespace Segmentation.Synthetic;

/// <summary>One row of campaigns.csv.</summary>
/// <param name="CampaignId">Campaign id.</param>
/// <param name="Name">Bilingual name, "中文 / English".</param>
/// <param name="TargetSegment">Key of the planted segment aimed at.</param>
/// <param name="Start">First day of the window.</param>
/// <param name="End">Last day of the window (inclusive).</param>
/// <param name="Cost">Cost (currency units).</param>
public sealed record SyntheticCampaign(string CampaignId, string Name, string TargetSegment, DateOnly Start, DateOnly End, double Cost);
