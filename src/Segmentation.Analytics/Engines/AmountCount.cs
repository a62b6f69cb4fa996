namespace Segmentation.Analytics.Engines;

/// <summary>A number of rows and the sum of their amounts (in the currency of the data).</summary>
/// <param name="Rows">Rows.</param>
/// <param name="Amount">Sum of their amounts.</param>
public sealed record AmountCount(long Rows, double Amount)
{
    /// <summary>No rows.</summary>
    public static AmountCount Zero { get; } = new(0, 0);

    /// <summary>The rows and amounts of both.</summary>
    public static AmountCount operator +(AmountCount a, AmountCount b) => new(a.Rows + b.Rows, a.Amount + b.Amount);

    /// <summary>The rows and amounts of <paramref name="a"/> without those of <paramref name="b"/>.</summary>
    public static AmountCount operator -(AmountCount a, AmountCount b) => new(a.Rows - b.Rows, a.Amount - b.Amount);

    /// <summary>Same rows, and amounts equal to the cent (sums of doubles differ in the last bits by summation order).</summary>
    public bool Matches(AmountCount other) => other is not null && Rows == other.Rows && Math.Abs(Amount - other.Amount) < 0.005;
}
