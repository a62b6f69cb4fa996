namespace Segmentation.Analytics.Features;

/// <summary>Options of <see cref="OneHotEncoder"/>.</summary>
/// <param name="Unknown">Handling of categories not seen when fitting (default: all zeros).</param>
/// <param name="Missing">Handling of missing values (default: their own indicator column).</param>
public sealed record OneHotEncoderOptions(UnknownCategoryHandling Unknown = UnknownCategoryHandling.AllZeros, MissingCategoryHandling Missing = MissingCategoryHandling.Indicator)
{
    /// <summary>Checks the enum values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not defined.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Unknown)) throw new ArgumentOutOfRangeException(nameof(Unknown), Unknown, "Unknown must be AllZeros, OtherColumn or Error.");
        if (!Enum.IsDefined(Missing)) throw new ArgumentOutOfRangeException(nameof(Missing), Missing, "Missing must be Indicator or Error.");
    }
}
