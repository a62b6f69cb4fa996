using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Experiments;

/// <summary>Options of <see cref="SegmentEffects"/>.</summary>
/// <param name="By">How customers are grouped; null = the schema's segment column.</param>
/// <param name="Correction">Multiplicity correction over each outcome's family of segment × arm tests (default Holm).</param>
/// <param name="Alpha">Level at which an adjusted p-value counts as significant.</param>
/// <param name="SmallArmSize">A segment is flagged small when an arm or the control has fewer customers than this in it (default 500).</param>
/// <param name="Confidence">Confidence level of the (unadjusted) intervals.</param>
/// <param name="Economics">Cost and margin, for ROI per segment; null = none.</param>
public sealed record SegmentEffectsOptions(
    ExperimentSegmentation? By = null,
    MultiplicityCorrection Correction = MultiplicityCorrection.Holm,
    double Alpha = 0.05,
    int SmallArmSize = 500,
    double Confidence = 0.95,
    EconomicsOptions? Economics = null)
{
    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Names the bad value.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Correction)) throw new ArgumentOutOfRangeException(nameof(Correction), Correction, "Unknown correction.");
        if (!(Alpha > 0 && Alpha < 1)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must be in (0, 1).");
        ArgumentOutOfRangeException.ThrowIfNegative(SmallArmSize);
        if (!(Confidence > 0 && Confidence < 1)) throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "Confidence must be in (0, 1).");
        Economics?.Validate();
    }
}
