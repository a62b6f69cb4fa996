using System.Globalization;

namespace Segmentation.Analytics.Statistics;

/// <summary>One row of the actual-vs-predicted holdout table: customers grouped by calibration frequency.</summary>
/// <param name="Frequency">Calibration frequency x of the bucket (the last bucket holds x ≥ Frequency).</param>
/// <param name="AndAbove">True for the open-ended last bucket.</param>
/// <param name="Customers">Customers in the bucket.</param>
/// <param name="ActualMean">Mean observed repeat purchase occasions in the holdout period.</param>
/// <param name="PredictedMean">Mean of the model's E[Y(holdout length) | x, t_x, T].</param>
public sealed record FrequencyBucketComparison(int Frequency, bool AndAbove, int Customers, double ActualMean, double PredictedMean)
{
    /// <summary>Culture-invariant one-line form.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"x {(AndAbove ? "≥" : "=")} {Frequency}: {Customers} customers, actual {ActualMean:F3}, predicted {PredictedMean:F3}");
}
