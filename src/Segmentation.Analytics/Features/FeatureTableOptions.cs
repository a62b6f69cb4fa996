namespace Segmentation.Analytics.Features;

/// <summary>Options of <see cref="CustomerFeatureTable"/>.</summary>
/// <param name="Monetary">What the <c>monetary</c> column measures (default: net spend).</param>
/// <param name="Sources">
/// Which optional tables to use; <c>null</c> (default) detects the tables the engine has loaded. Columns whose source
/// is not used are still present (stable schema) and are NULL.
/// </param>
public sealed record FeatureTableOptions(MonetaryMeasure Monetary = MonetaryMeasure.NetSpend, FeatureSources? Sources = null)
{
    /// <summary>The defaults: net spend, detect the loaded tables.</summary>
    public static FeatureTableOptions Default { get; } = new();

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Monetary"/> is not a defined value.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Monetary))
            throw new ArgumentOutOfRangeException(nameof(Monetary), Monetary, "Monetary must be NetSpend or AveragePerOccasion.");
    }
}
