namespace Segmentation.Experiments;

/// <summary>Options of <see cref="ExperimentAnalysis"/>.</summary>
/// <param name="Confidence">Confidence level of the intervals, in (0, 1).</param>
/// <param name="Economics">Cost per contact and margin, for ROI on the value outcome; null = no ROI.</param>
public sealed record ExperimentAnalysisOptions(double Confidence = 0.95, EconomicsOptions? Economics = null)
{
    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Names the bad value.</exception>
    public void Validate()
    {
        if (!(Confidence > 0 && Confidence < 1)) throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "Confidence must be in (0, 1).");
        Economics?.Validate();
    }
}
