using System.Text;
using System.Text.RegularExpressions;

namespace Segmentation.Data;

/// <summary>
/// Masks values that look like personal data so a reject or a message can point at them without showing them:
/// e-mail <c>alice@example.com</c> → <c>a***@***.com</c>; phone <c>13812345678</c> → <c>138****5678</c> (the first three and
/// last four digits, separators dropped); id-card number <c>11010519491231002X</c> → <c>1101**********002X</c>; Chinese
/// name <c>张三</c> → <c>张*</c>. Anything else is returned as it is.
/// </summary>
public static partial class PersonalDataMask
{
    /// <summary>The masked form of <paramref name="value"/> (see the type's summary); values that are no personal data are returned unchanged.</summary>
    public static string Mask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = PersonalDataGuard.Canonical(value.Trim());
        var at = v.LastIndexOf('@');
        if (at > 0 && EmailLike().IsMatch(v))
        {
            var dot = v.LastIndexOf('.');
            return v[0] + "***@***" + (dot > at ? v[dot..] : "");
        }
        if (PersonalDataGuard.IsChineseName(v)) return v[0] + new string('*', v.Length - 1);
        var digits = new StringBuilder();
        foreach (var c in v) if (char.IsAsciiDigit(c) || c is 'X' or 'x') digits.Append(c);
        if (digits.Length == 18 && PersonalDataGuard.LooksLikeIdentifier(value))
            return digits.ToString(0, 4) + new string('*', 10) + digits.ToString(14, 4);
        if (digits.Length >= 7 && PersonalDataGuard.LooksLikeIdentifier(value))
            return digits.ToString(0, 3) + new string('*', digits.Length - 7) + digits.ToString(digits.Length - 4, 4);
        if (PersonalDataGuard.LooksLikeIdentifier(value)) return new string('*', Math.Min(v.Length, 12));
        return value;
    }

    /// <summary>Masks every e-mail address, id-card number and phone number found inside a longer text.</summary>
    public static string MaskWithin(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Embedded().Replace(text, m => Mask(m.Value));
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")]
    private static partial Regex EmailLike();

    // E-mail addresses; 18-character id numbers (optionally grouped 6-8-4); mainland mobiles (optionally grouped 3-4-4);
    // numbers with an area code in parentheses. Plain counts, dates and amounts do not match.
    [GeneratedRegex(@"[^@\s,;:'""()<>]+@[^@\s,;:'""()<>]+\.[A-Za-z]{2,}|(?<![0-9])[0-9]{6}[ -]?[0-9]{8}[ -]?[0-9]{3}[0-9Xx](?![0-9])|(?<![0-9])\+?(86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])|\([0-9]{2,4}\)[ -]?[0-9]{3,4}[ -]?[0-9]{4}")]
    private static partial Regex Embedded();
}
