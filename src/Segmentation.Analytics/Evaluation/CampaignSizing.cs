using System.Globalization;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// The groups the next campaign for one segment needs, from the segment's baseline month and a planned relative lift: control
/// and treatment sizes to detect the lift of the conversion rate (pooled two-proportion z-test) and of the spend per customer
/// (Welch's t, the spend's standard deviation taken from the segment), and whether the segment is big enough for them.
/// </summary>
/// <param name="Baseline">The segment's month without the campaign.</param>
/// <param name="RelativeLift">The planned lift as a fraction of the baseline (0.10 = +10 %).</param>
/// <param name="Options">α, power, ratio, sidedness.</param>
/// <param name="Conversion">Sizes for the conversion lift; null when the baseline conversion is 0 or 1 or the lifted rate would reach 1.</param>
/// <param name="Spend">Sizes for the spend lift; null when the mean spend is not positive or its standard deviation is 0 or unknown.</param>
public sealed record CampaignSizing(SegmentBaseline Baseline, double RelativeLift, PowerOptions Options, SampleSizePlan? Conversion, SampleSizePlan? Spend)
{
    /// <summary>The planned lift when nothing else is known: +10 % relative (a lift CRM campaigns commonly plan for; stated in the
    /// report beside the sizes).</summary>
    public const double DefaultRelativeLift = 0.10;

    /// <summary>True when the segment has enough customers for the conversion plan's treatment + control.</summary>
    public bool ConversionFits => Conversion is { } p && p.Total <= Baseline.Customers;

    /// <summary>True when the segment has enough customers for the spend plan's treatment + control.</summary>
    public bool SpendFits => Spend is { } p && p.Total <= Baseline.Customers;

    /// <summary>
    /// When the conversion plan does not fit: the smallest relative lift of conversion that a campaign over the whole segment,
    /// split by the ratio, could detect; null when it fits, when there is no conversion plan, or when no lift below a rate of 1 is
    /// detectable with the segment.
    /// </summary>
    public double? ConversionDetectableLiftWithSegment { get; init; }

    /// <summary>Sizes the campaign for one segment's baseline.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The lift is not finite and &gt; 0, or an option is out of range.</exception>
    public static CampaignSizing Plan(SegmentBaseline baseline, double relativeLift = DefaultRelativeLift, PowerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        options = (options ?? new PowerOptions()).Validate();
        if (!(relativeLift > 0) || !double.IsFinite(relativeLift)) throw new ArgumentOutOfRangeException(nameof(relativeLift), relativeLift, "the planned lift must be finite and > 0.");
        SampleSizePlan? conversion = null;
        double? detectable = null;
        if (baseline.ConversionRate is { } p && p > 0 && p * (1 + relativeLift) < 1)
        {
            conversion = CampaignPower.ProportionSampleSize(p, p * relativeLift, options);
            long n = baseline.Customers;
            double k = options.TreatmentPerControl;
            double nt = n * k / (1 + k), nc = n / (1 + k);
            if (conversion.Total > n && nt > 0 && nc > 0)
                detectable = CampaignPower.ProportionMinimumDetectableEffect(p, nt, nc, options) / p;
        }
        SampleSizePlan? spend = null;
        if (baseline.SpendMean > 0 && baseline.SpendStandardDeviation is > 0 and var sd)
            spend = CampaignPower.MeanSampleSize(baseline.SpendMean * relativeLift, new MeanSpread(sd), options);
        return new CampaignSizing(baseline, relativeLift, options, conversion, spend) { ConversionDetectableLiftWithSegment = detectable };
    }

    /// <summary>Culture-invariant one-line form.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Baseline.Segment}: +{RelativeLift:P0} conversion → {Conversion?.ToString() ?? "n/a"}; spend → {Spend?.ToString() ?? "n/a"}");
}
