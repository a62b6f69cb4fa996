using System.Globalization;
using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Experiments;

/// <summary>
/// The effect of one treatment arm against the control on one outcome: group sizes and means, the difference
/// Δ = ȳ_arm − ȳ_control with its interval and p-value (two-proportion z-test for binary outcomes, Welch's t-test for
/// continuous ones), relative lift Δ/|ȳ_control|, incremental outcome per 1 000 customers 1 000·Δ, and ROI when economics are given.
/// </summary>
/// <param name="Arm">Treatment arm label.</param>
/// <param name="Outcome">Outcome column.</param>
/// <param name="Kind">Binary or continuous.</param>
/// <param name="CountArm">Customers in the arm.</param>
/// <param name="CountControl">Customers in the control.</param>
/// <param name="MeanArm">ȳ_arm (a rate for binary outcomes).</param>
/// <param name="MeanControl">ȳ_control.</param>
/// <param name="Difference">Δ with interval and p-value; untested (NaN p) when a group is too small (n &lt; 1 binary, &lt; 2 continuous).</param>
/// <param name="Return">ROI of contacting one customer, for the value outcome when economics are given; else null.</param>
public sealed record ArmEffect(string Arm, string Outcome, OutcomeKind Kind, long CountArm, long CountControl, double MeanArm, double MeanControl,
    DifferenceEstimate Difference, ReturnOnInvestment? Return)
{
    /// <summary>Δ / |ȳ_control|; null when the control mean is 0.</summary>
    public double? RelativeLift => Difference.RelativeChange;

    /// <summary>1 000·Δ: extra outcome (visits, conversions, dollars) per 1 000 customers treated.</summary>
    public double IncrementalPer1000 => 1000 * Difference.Estimate;

    /// <summary>1 000 × the lower bound of Δ.</summary>
    public double IncrementalPer1000Lower => 1000 * Difference.Lower;

    /// <summary>1 000 × the upper bound of Δ.</summary>
    public double IncrementalPer1000Upper => 1000 * Difference.Upper;

    /// <summary>Culture-invariant one-line form.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        string roi = Return is { } r ? string.Create(inv, $", ROI {r.Roi:P1} [{r.RoiLower:P1}, {r.RoiUpper:P1}]") : "";
        return string.Create(inv, $"{Arm} vs control, {Outcome}: {MeanArm:G5} vs {MeanControl:G5} (n {CountArm}/{CountControl}), Δ = {Difference}, lift {RelativeLift:P1}, per 1000: {IncrementalPer1000:G5}") + roi;
    }

    /// <summary>Compares the customers of <paramref name="arm"/> with those of arm 0 (control) on <paramref name="y"/>, among rows where <paramref name="include"/> is true (all when null).</summary>
    internal static ArmEffect Compute(string armLabel, int arm, ExperimentOutcome outcome, ReadOnlySpan<int> arms, ReadOnlySpan<double> y,
        Func<int, bool>? include, double confidence, EconomicsOptions? economics)
    {
        var a = new List<double>();
        var c = new List<double>();
        for (int i = 0; i < arms.Length; i++)
        {
            if (include is not null && !include(i)) continue;
            if (arms[i] == arm) a.Add(y[i]);
            else if (arms[i] == 0) c.Add(y[i]);
        }
        double ma = a.Count > 0 ? a.Average() : double.NaN, mc = c.Count > 0 ? c.Average() : double.NaN;
        DifferenceEstimate diff;
        if (outcome.Kind == OutcomeKind.Binary)
        {
            long xa = a.LongCount(v => v == 1), xc = c.LongCount(v => v == 1);
            diff = a.Count >= 1 && c.Count >= 1
                ? TwoProportionTest.Compute(xa, a.Count, xc, c.Count, confidence).Difference
                : DifferenceEstimate.Untested(ma - mc, mc, confidence);
        }
        else
        {
            diff = a.Count >= 2 && c.Count >= 2
                ? WelchTest.Compute(a.ToArray(), c.ToArray(), confidence).Difference
                : DifferenceEstimate.Untested(ma - mc, mc, confidence);
        }
        var ret = economics is not null && double.IsFinite(diff.Estimate) ? ReturnOnInvestment.Compute(diff.Estimate, diff.Lower, diff.Upper, economics) : null;
        return new ArmEffect(armLabel, outcome.Column, outcome.Kind, a.Count, c.Count, ma, mc, diff, ret);
    }
}
