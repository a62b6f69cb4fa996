using System.Globalization;
using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// The measured effect of one campaign: treatment − control (randomised) or a difference-in-differences against comparable
/// untargeted customers (quasi-experimental), with 95 % intervals and p-values, and the money it made.
/// </summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="Evidence">Randomised, or quasi-experimental (weaker).</param>
/// <param name="TreatedCustomers">Customers in the treatment group.</param>
/// <param name="ControlCustomers">Customers in the control group, or in the comparison group of a difference-in-differences.</param>
/// <param name="TreatedConversion">Share of treated customers with ≥ 1 purchase in the window.</param>
/// <param name="ControlConversion">The same for the control (comparison) group.</param>
/// <param name="Conversion">Uplift of the conversion rate (share points as a fraction; two-proportion z-test, or Welch on the
/// per-customer change for a difference-in-differences).</param>
/// <param name="RevenuePerCustomer">Uplift of purchase amount per customer in the window (currency; Welch).</param>
/// <param name="RepeatRate">Uplift of the share of customers with ≥ 2 purchase occasions in the window.</param>
/// <param name="ProfitPerCustomer">Uplift of margin (amount − cost) per customer (currency; Welch).</param>
/// <param name="IncrementalRevenue">RevenuePerCustomer × treated customers (currency).</param>
/// <param name="IncrementalProfit">ProfitPerCustomer × treated customers (currency).</param>
/// <param name="Roi">(IncrementalProfit − cost) / cost; null when the cost is 0.</param>
public sealed record CampaignUplift(
    CampaignDefinition Campaign,
    EvidenceStrength Evidence,
    int TreatedCustomers,
    int ControlCustomers,
    double TreatedConversion,
    double ControlConversion,
    DifferenceEstimate Conversion,
    DifferenceEstimate RevenuePerCustomer,
    DifferenceEstimate RepeatRate,
    DifferenceEstimate ProfitPerCustomer,
    double IncrementalRevenue,
    double IncrementalProfit,
    double? Roi)
{
    /// <summary>The segment (of the assignment the campaign was measured with) holding most of the treated customers, or null when
    /// none of them is assigned. A campaign's <see cref="CampaignDefinition.TargetSegment"/> is a label typed by whoever planned it
    /// (often a key of an older model); this is where the campaign actually landed.</summary>
    public string? TreatedSegment { get; init; }

    /// <summary>Share of the treated customers in <see cref="TreatedSegment"/> (0 when none).</summary>
    public double TreatedSegmentShare { get; init; }

    /// <summary>Relative lift of conversion (uplift / control conversion).</summary>
    public double? ConversionLift => Conversion.RelativeChange;

    /// <summary>Culture-invariant one-line form.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Campaign.CampaignId} ({Evidence}): conversion {TreatedConversion:P1} vs {ControlConversion:P1}, uplift {Conversion}; incremental profit {IncrementalProfit:F0}, ROI {Roi:P0}");
}
