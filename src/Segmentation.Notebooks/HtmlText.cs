using System.Globalization;

namespace Segmentation.Notebooks;

/// <summary>HTML escaping and culture-invariant number formatting shared by the displays.</summary>
public static class HtmlText
{
    /// <summary>HTML-encodes the five markup characters (&amp; &lt; &gt; " '); everything else, Chinese and symbols such as ± and ·, stays readable.</summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
                   .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);
    }

    /// <summary>
    /// A number for display, invariant culture: integers without decimals, other values with up to 4 significant decimals
    /// (G6 for very large or very small magnitudes), NaN and infinities spelled out.
    /// </summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "∞";
        if (double.IsNegativeInfinity(value)) return "−∞";
        double a = Math.Abs(value);
        if (a == Math.Floor(a) && a < 1e15) return value.ToString("0", CultureInfo.InvariantCulture);
        if (a >= 1e9 || a < 1e-3) return value.ToString("G6", CultureInfo.InvariantCulture);
        return value.ToString(a >= 100 ? "0.##" : "0.####", CultureInfo.InvariantCulture);
    }

    /// <summary>A count with thousands separators (invariant: 12,345).</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal (0.1234 → 12.3%).</summary>
    public static string Percent(double fraction) => double.IsFinite(fraction)
        ? (100 * fraction).ToString("0.0", CultureInfo.InvariantCulture) + "%"
        : Number(fraction);

    /// <summary>A value with a fixed number of decimals, invariant.</summary>
    public static string Fixed(double value, int decimals) => double.IsFinite(value)
        ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : Number(value);
}
