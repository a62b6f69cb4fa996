using System.Text.RegularExpressions;

namespace Segmentation.Data;

/// <summary>
/// Keeps direct identifiers out of the product: headers that name a person's name, phone, e-mail, address or
/// identity number are never read, and free-text values that look like one are rejected.
/// </summary>
internal static partial class PersonalDataGuard
{
    private static readonly string[] IdentifierWords =
    [
        "name", "first_name", "last_name", "full_name", "surname", "phone", "mobile", "tel", "telephone", "cell",
        "email", "e_mail", "mail", "address", "street", "addr", "id_card", "idcard", "id_number", "passport", "ssn",
        "姓名", "名字", "电话", "手机", "手机号", "邮箱", "电子邮件", "地址", "住址", "身份证", "身份证号",
    ];

    /// <summary>True if a header names a direct identifier (case-insensitive; spaces/dashes as underscores).</summary>
    public static bool IsIdentifierHeader(string header)
    {
        var h = Normalize(header);
        if (IdentifierWords.Contains(h)) return true;
        return h.EndsWith("_name", StringComparison.Ordinal) && !h.Contains("campaign") && !h.Contains("product") && !h.Contains("category")
            || h.Contains("phone") || h.Contains("email") || h.Contains("身份证") || h.Contains("手机");
    }

    /// <summary>Regex (engine-portable POSIX syntax) for values that look like an e-mail address, a phone number or a Chinese id-card number.</summary>
    public const string IdentifierValuePattern =
        @"^([^@ ]+@[^@ ]+\.[A-Za-z]{2,}|\+?[0-9][0-9 ()-]{8,}[0-9]|1[3-9][0-9]{9}|[0-9]{17}[0-9Xx])$";

    /// <summary>True if a value looks like an e-mail, phone or id-card number.</summary>
    public static bool LooksLikeIdentifier(string value) => IdentifierValue().IsMatch(value.Trim());

    /// <summary>Header normalised for matching: trimmed, lower case, spaces and dashes as underscores.</summary>
    public static string Normalize(string header) =>
        header.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    [GeneratedRegex(IdentifierValuePattern)]
    private static partial Regex IdentifierValue();
}
