namespace Segmentation.Analytics.Validation;

/// <summary>Settings of <see cref="SegmentationValidator"/>.</summary>
/// <param name="Bootstraps">B of the bootstrap stability assessment (0 skips it).</param>
/// <param name="Seed">Seed of the bootstrap draws, the silhouette sample and the LDA folds.</param>
/// <param name="ExactSilhouetteMaxRows">Up to this many rows the mean silhouette is exact; above, it is estimated with a confidence interval.</param>
/// <param name="SilhouetteSampleSize">Rows sampled for the silhouette estimate on large data.</param>
/// <param name="LdaFolds">Folds of the cross-validated discriminant analysis.</param>
/// <param name="LdaRidge">Covariance shrinkage of the discriminant analysis (a small value keeps one-hot or collinear columns usable).</param>
/// <param name="SignificanceLevel">α below which a feature's ANOVA and Kruskal-Wallis p-values both count as significant.</param>
public sealed record ValidationOptions(
    int Bootstraps = 20,
    int Seed = 0,
    int ExactSilhouetteMaxRows = 20_000,
    int SilhouetteSampleSize = 2_000,
    int LdaFolds = 5,
    double LdaRidge = 1e-6,
    double SignificanceLevel = 0.05)
{
    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Bootstraps, nameof(Bootstraps));
        ArgumentOutOfRangeException.ThrowIfNegative(ExactSilhouetteMaxRows, nameof(ExactSilhouetteMaxRows));
        ArgumentOutOfRangeException.ThrowIfLessThan(SilhouetteSampleSize, 2, nameof(SilhouetteSampleSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(LdaFolds, 2, nameof(LdaFolds));
        if (!(LdaRidge >= 0 && LdaRidge < 1)) throw new ArgumentOutOfRangeException(nameof(LdaRidge), LdaRidge, "LdaRidge must lie in [0, 1).");
        if (!(SignificanceLevel > 0 && SignificanceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(SignificanceLevel), SignificanceLevel, "SignificanceLevel must lie in (0, 1).");
    }
}
