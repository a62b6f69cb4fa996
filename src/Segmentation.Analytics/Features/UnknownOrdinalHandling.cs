namespace Segmentation.Analytics.Features;

/// <summary>What <see cref="OrdinalEncoderModel"/> does with a value outside the declared or learned order.</summary>
public enum UnknownOrdinalHandling
{
    /// <summary>An <see cref="ArgumentException"/> naming the column, the value and the row.</summary>
    Error,

    /// <summary>The code is NaN (null in a DataFrame), to be imputed later.</summary>
    NaN,
}
