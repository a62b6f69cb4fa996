using System.Globalization;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Whether a past randomised campaign was big enough to detect the conversion lift it was planned for: the power its actual
/// group sizes had for that lift over its control's conversion, and the smallest lift they could detect.
/// </summary>
/// <param name="PlannedRelativeLift">The lift it was planned for, relative to the control's conversion (0.10 = +10 %).</param>
/// <param name="BaselineRate">The control group's conversion, the rate the lift is relative to.</param>
/// <param name="AchievedPower">Power of the pooled two-proportion z-test at the campaign's sizes for the planned lift.</param>
/// <param name="DetectableRelativeLift">The smallest relative lift the sizes detect with the target power; null when none below a
/// rate of 1 is.</param>
/// <param name="Options">α and the target power (the ratio is the campaign's own).</param>
public sealed record CampaignPowerCheck(double PlannedRelativeLift, double BaselineRate, double AchievedPower, double? DetectableRelativeLift, PowerOptions Options)
{
    /// <summary>True when the campaign had less than the target power (80 % by default) for its planned lift.</summary>
    public bool TooSmall => AchievedPower < Options.Power;

    /// <summary>
    /// The check of one measured campaign; null when it is not randomised (a difference-in-differences is not sized this way) or its
    /// control's conversion is 0 or leaves no room for the lift below 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The lift is not finite and &gt; 0, or an option is out of range.</exception>
    public static CampaignPowerCheck? Of(CampaignUplift campaign, double plannedRelativeLift = CampaignSizing.DefaultRelativeLift, PowerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        options = (options ?? new PowerOptions()).Validate();
        if (!(plannedRelativeLift > 0) || !double.IsFinite(plannedRelativeLift))
            throw new ArgumentOutOfRangeException(nameof(plannedRelativeLift), plannedRelativeLift, "the planned lift must be finite and > 0.");
        if (campaign.Evidence != EvidenceStrength.Randomised || campaign.TreatedCustomers < 1 || campaign.ControlCustomers < 1) return null;
        double p = campaign.ControlConversion;
        if (!(p > 0) || !(p * (1 + plannedRelativeLift) < 1)) return null;
        double power = CampaignPower.ProportionPower(p, p * plannedRelativeLift, campaign.TreatedCustomers, campaign.ControlCustomers, options.Alpha, options.OneSided);
        double? mde = CampaignPower.ProportionMinimumDetectableEffect(p, campaign.TreatedCustomers, campaign.ControlCustomers, options) / p;
        return new CampaignPowerCheck(plannedRelativeLift, p, power, mde, options);
    }

    /// <summary>Culture-invariant one-line form.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"power {AchievedPower:P1} for +{PlannedRelativeLift:P0} over {BaselineRate:P2}; detectable lift {DetectableRelativeLift:P1}{(TooSmall ? " — too small" : "")}");
}
