using System.Globalization;

namespace Segmentation.Reports.Monthly;

/// <summary>
/// How numbers are printed in the report (invariant culture, so the same numbers give the same text), and small-group
/// suppression: counts under the minimum group size print as "&lt;10" and the rates computed on them as "–".
/// </summary>
/// <param name="MinimumGroupSize">Smallest group whose numbers are printed (default 10 customers).</param>
public sealed record ReportFormat(int MinimumGroupSize = 10)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>What prints for a value that is missing (not finite, no data) or suppressed (a group under the minimum size).</summary>
    public const string Dash = "–";

    /// <summary>True if a group of <paramref name="customers"/> must be suppressed.</summary>
    public bool Suppress(long customers) => customers < MinimumGroupSize;

    /// <summary>A count, or "&lt;10" for a small group; 0 prints as 0 (no customer to protect, and "&lt;10" would hide nothing a total does not give).</summary>
    public string Count(long value) => value != 0 && Suppress(value) ? "<" + MinimumGroupSize.ToString(Inv) : value.ToString("N0", Inv);

    /// <summary>A whole number with thousands separators, never suppressed (rows read, customers matched, sample sizes).</summary>
    public static string Whole(long value) => value.ToString("N0", Inv);

    /// <summary>Money, whole units with thousands separators.</summary>
    public static string Money(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("N0", Inv) : Dash;

    /// <summary>Large money amounts for KPI cards: 万 (10⁴) / 亿 (10⁸) in Chinese, K (10³) / M (10⁶) in English (3 significant
    /// digits); the unit names come from <see cref="ReportStrings"/> (<c>money_unit_small</c>, <c>money_unit_large</c>).</summary>
    public static string Compact(double? value, ReportLanguage language)
    {
        if (value is not { } v || !double.IsFinite(v)) return Dash;
        double a = Math.Abs(v);
        // Chinese groups digits by four (万, 亿), English by three (K, M).
        (double small, double large) = language == ReportLanguage.Zh ? (1e4, 1e8) : (1e3, 1e6);
        var text = ReportStrings.For(language);
        return a >= large ? (v / large).ToString("0.##", Inv) + text["money_unit_large"]
            : a >= small ? (v / small).ToString("0.#", Inv) + text["money_unit_small"]
            : v.ToString("N0", Inv);
    }

    /// <summary>A share 0..1 as a percentage with one decimal.</summary>
    public static string Percent(double? value) => value is { } v && double.IsFinite(v) ? (v * 100).ToString("F1", Inv) + "%" : Dash;

    /// <summary>A change in percentage points with a sign.</summary>
    public static string Points(double? value) => value is { } v && double.IsFinite(v) ? (v >= 0 ? "+" : "") + (v * 100).ToString("F1", Inv) + " pt" : Dash;

    /// <summary>A relative change with a sign.</summary>
    public static string Relative(double? value) => value is { } v && double.IsFinite(v) ? (v >= 0 ? "+" : "") + (v * 100).ToString("F1", Inv) + "%" : Dash;

    /// <summary>A number with the given decimals.</summary>
    public static string Number(double? value, int decimals = 2) => value is { } v && double.IsFinite(v) ? v.ToString("F" + decimals.ToString(Inv), Inv) : Dash;

    /// <summary>The sign of a currency: <c>GBP</c> → £, <c>CNY</c>/<c>RMB</c>/<c>JPY</c> → ¥, <c>USD</c> → $, <c>EUR</c> → €; another ISO code prints as
    /// itself; anything else (already a symbol) as given; null stays null.</summary>
    public static string? CurrencySymbol(string? currency) => currency?.Trim().ToUpperInvariant() switch
    {
        null or "" => null,
        "GBP" => "£",
        "CNY" or "RMB" or "JPY" => "¥",
        "USD" => "$",
        "EUR" => "€",
        var code when code.Length == 3 && code.All(char.IsAsciiLetterUpper) => code + " ",
        _ => currency.Trim(),
    };

    /// <summary>A p-value.</summary>
    public static string P(double? value) => value is { } v && double.IsFinite(v) ? (v < 0.001 ? "<0.001" : v.ToString("F3", Inv)) : Dash;
}
