namespace Segmentation.Analytics.Features;

/// <summary>What a fitted <see cref="OneHotEncoderModel"/> knows about one input column.</summary>
/// <param name="Name">The input column.</param>
/// <param name="Numeric">True when the column held numbers: categories are numbers in invariant round-trip form, sorted numerically.</param>
/// <param name="Categories">The learned categories, sorted (numbers numerically, text by code point, as scikit-learn).</param>
/// <param name="HasMissingIndicator">True when a <c>Name=&lt;missing&gt;</c> column follows the categories.</param>
/// <param name="HasOtherIndicator">True when a <c>Name=&lt;other&gt;</c> column comes last.</param>
public sealed record OneHotEncoderColumn(string Name, bool Numeric, EquatableArray<string> Categories, bool HasMissingIndicator, bool HasOtherIndicator)
{
    /// <summary>Label of the missing-value indicator.</summary>
    public const string MissingLabel = "<missing>";

    /// <summary>Label of the unknown-category indicator.</summary>
    public const string OtherLabel = "<other>";

    /// <summary>Output column names: <c>Name=category</c>, then the missing and other indicators.</summary>
    public IEnumerable<string> OutputNames()
    {
        foreach (var c in Categories) yield return $"{Name}={c}";
        if (HasMissingIndicator) yield return $"{Name}={MissingLabel}";
        if (HasOtherIndicator) yield return $"{Name}={OtherLabel}";
    }

    /// <summary>Number of output columns.</summary>
    public int Width => Categories.Length + (HasMissingIndicator ? 1 : 0) + (HasOtherIndicator ? 1 : 0);
}
