using System.Globalization;

namespace Segmentation.Synthetic;

/// <summary>Formats of the pseudonymous ids of synthetic data (no names, phones or emails are ever generated).</summary>
public static class SyntheticIds
{
    /// <summary>Customer id: C followed by the 1-based number in 7 digits (C0000001).</summary>
    public static string Customer(int number) => "C" + number.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>Transaction id: T followed by the 1-based number in 9 digits (T000000001).</summary>
    public static string Transaction(long number) => "T" + number.ToString("D9", CultureInfo.InvariantCulture);
}
