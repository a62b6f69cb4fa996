using System.Globalization;

namespace Segmentation.Analytics.Evaluation;

/// <summary>The group sizes a campaign test needs: the exact solution of power(n) = target and the whole customers it means.</summary>
/// <param name="TreatmentExact">n_treatment solving the power equation (continuous, before rounding).</param>
/// <param name="ControlExact">n_control solving it (n_treatment = k · n_control).</param>
/// <param name="Treatment">⌈TreatmentExact⌉ customers.</param>
/// <param name="Control">⌈ControlExact⌉ customers.</param>
/// <param name="AchievedPower">The power at the rounded sizes (≥ the target).</param>
public sealed record SampleSizePlan(double TreatmentExact, double ControlExact, long Treatment, long Control, double AchievedPower)
{
    /// <summary>Treatment + control customers.</summary>
    public long Total => Treatment + Control;

    /// <summary>Culture-invariant one-line form.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"treatment {Treatment}, control {Control}, total {Total} (exact {TreatmentExact:F3} + {ControlExact:F3}); power {AchievedPower:F4}");
}
