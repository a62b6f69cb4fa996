namespace Segmentation.Experiments;

/// <summary>Platt's sigmoid from a score s to a probability, P = 1 / (1 + exp(<see cref="Slope"/>·s + <see cref="Offset"/>)) (ML.NET's <c>PlattCalibrator</c>).</summary>
/// <param name="Slope">Slope of the sigmoid's argument (negative: higher scores, higher probability).</param>
/// <param name="Offset">Offset of the sigmoid's argument.</param>
public sealed record PlattScaling(double Slope, double Offset)
{
    /// <summary>The probability of a (single-precision) score, rounded to single precision as ML.NET does.</summary>
    public float Probability(float score) => float.IsNaN(score) ? score : (float)(1 / (1 + Math.Exp(Slope * score + Offset)));
}
