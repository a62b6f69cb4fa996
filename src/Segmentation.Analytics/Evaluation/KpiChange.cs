using System.Globalization;
using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Analytics.Evaluation;

/// <summary>The change of one KPI between a current and a reference period, in the KPI's unit (<see cref="KpiDefinitions"/>).</summary>
/// <param name="Key">KPI key.</param>
/// <param name="Current">Value in the current period (null = undefined).</param>
/// <param name="Reference">Value in the reference period.</param>
/// <param name="Test">The significance test of the difference (two-proportion z for rates, Welch t for per-customer means, bootstrap
/// for ratios); null for counts and totals, which are not sample estimates, or when a group is too small.</param>
public sealed record KpiChange(string Key, double? Current, double? Reference, DifferenceEstimate? Test)
{
    /// <summary>Current − reference.</summary>
    public double? AbsoluteChange => Current - Reference;

    /// <summary>(Current − reference) / |reference|; null when the reference is 0 or undefined.</summary>
    public double? RelativeChange => Reference is { } r && r != 0 && Current is { } c ? (c - r) / Math.Abs(r) : null;

    /// <summary>True when the test's p &lt; 0.05.</summary>
    public bool IsSignificant => Test?.IsSignificant ?? false;

    /// <summary>Culture-invariant one-line form.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Key}: {Current:G6} vs {Reference:G6} ({AbsoluteChange:+0.####;-0.####}, {RelativeChange:P1}){(Test is null ? "" : $" p = {Test.PValue:G3}{(IsSignificant ? " *" : "")}")}");
}
