namespace Segmentation.Analytics.Statistics;

/// <summary>Options of <see cref="LinearDiscriminant"/>.</summary>
/// <param name="Priors">Class prior probabilities in ascending label order (positive, summing to 1); null = class frequencies of the training data.</param>
/// <param name="Ridge">Shrinkage λ in [0, 1) of the pooled covariance towards a scaled identity: (1 − λ)Σ + λ (tr Σ / p) I. 0 = plain LDA; use a small value when features are collinear.</param>
/// <param name="Folds">Folds of <see cref="LinearDiscriminant.CrossValidate(Segmentation.Analytics.Features.FeatureMatrix, ReadOnlySpan{int})"/> (≥ 2).</param>
/// <param name="Seed">Seed of the stratified fold assignment.</param>
public sealed record LdaOptions(double[]? Priors = null, double Ridge = 0.0, int Folds = 5, int Seed = 0)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!(Ridge >= 0 && Ridge < 1)) throw new ArgumentOutOfRangeException(nameof(Ridge), Ridge, "must be in [0, 1).");
        ArgumentOutOfRangeException.ThrowIfLessThan(Folds, 2, nameof(Folds));
        if (Priors is not null)
        {
            if (Priors.Length < 2 || Priors.Any(p => !(p > 0) || !double.IsFinite(p)))
                throw new ArgumentException("Priors must hold at least 2 positive finite probabilities.", nameof(Priors));
            if (Math.Abs(Priors.Sum() - 1) > 1e-9)
                throw new ArgumentException($"Priors sum to {Priors.Sum()}; they must sum to 1.", nameof(Priors));
        }
    }
}
