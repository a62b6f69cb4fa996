namespace Segmentation.Analytics.Statistics;

/// <summary>Options of <see cref="FactorAnalysis"/>.</summary>
/// <param name="Factors">Number of factors (1 … columns); null = Kaiser criterion (eigenvalues &gt; 1 of the correlation matrix, &gt; mean eigenvalue of a covariance matrix; at least 1).</param>
/// <param name="Rotation">Rotation of the loadings.</param>
/// <param name="Method">Extraction method.</param>
/// <param name="Standardize">True: factor the correlation matrix (variables standardised with the sample SD, n − 1); false: the covariance matrix of the centred variables.</param>
/// <param name="KaiserNormalization">Varimax on loadings rows normalised by √communality (Kaiser 1958; R's default).</param>
/// <param name="MaxIterations">Varimax iterations (≥ 1).</param>
/// <param name="Tolerance">Varimax stops when the criterion grows by less than this relative amount (&gt; 0).</param>
public sealed record FactorAnalysisOptions(int? Factors = null, FactorRotation Rotation = FactorRotation.Varimax,
                                           FactorExtraction Method = FactorExtraction.PrincipalComponents, bool Standardize = true,
                                           bool KaiserNormalization = true, int MaxIterations = 1000, double Tolerance = 1e-12)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Factors is int k) ArgumentOutOfRangeException.ThrowIfLessThan(k, 1, nameof(Factors));
        if (!Enum.IsDefined(Rotation)) throw new ArgumentOutOfRangeException(nameof(Rotation), Rotation, "unknown rotation.");
        if (!Enum.IsDefined(Method)) throw new ArgumentOutOfRangeException(nameof(Method), Method, "unknown extraction method.");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1, nameof(MaxIterations));
        if (!(Tolerance > 0) || !double.IsFinite(Tolerance))
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "must be a positive finite number.");
    }
}
