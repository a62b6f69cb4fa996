using System.Text.RegularExpressions;

namespace Segmentation.Data;

/// <summary>
/// Keeps direct identifiers out of the product: headers that name a person's name, phone, e-mail, address or
/// identity number are never read, and free-text values that look like one (or like a Chinese personal name) are rejected.
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

    /// <summary>
    /// The common Chinese surnames a name-like value must start with (the hundred most frequent, less those that
    /// usually begin ordinary words in segment or campaign text: 高 high, 金 gold, 方 side, 白 white, 田, 石, 万, 文).
    /// </summary>
    internal const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁宋谢唐韩冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪任姜范廖邹熊郝孔邵孟秦尹钱严";

    private const string Digit = "[0-9０-９]";

    /// <summary>
    /// Regex (engine-portable POSIX syntax; DuckDB's RE2 and PostgreSQL's ARE read it alike) for values that look like
    /// an e-mail address, a phone number, a Chinese id-card number or a Chinese personal name: separators, spaces and
    /// parentheses in numbers (<c>(010) 6512-3456</c>, <c>110105 19491231 002X</c>), full-width digits and an
    /// <c>ID:</c>/<c>Tel:</c>/<c>身份证</c>-style prefix are allowed.
    /// </summary>
    public const string IdentifierValuePattern =
        "^((([Ii][Dd]|[Nn][Oo]|[Tt][Ee][Ll]|[Pp]hone|[Mm]obile|身份证号?|证件号?|电话|手机号?)[ ]?[:：#.]?[ ]?)?" +
        "([^@＠ ]+[@＠][^@＠ ]+[.][A-Za-z]{2,}" +
        "|[+＋]?[(（]?" + Digit + "[0-9０-９ ()（）.-]{8,}" + Digit +
        "|[1１][3-9３-９]" + Digit + "{9}" +
        "|" + Digit + "{6} ?" + Digit + "{8} ?" + Digit + "{3}[0-9０-９Xx])" +
        "|" + ChineseNamePattern + ")$";

    /// <summary>A common surname (single, or compound such as 欧阳) followed by one or two Han characters.</summary>
    private const string ChineseNamePattern = "([" + Surnames + "]|欧阳|司马|上官|诸葛|东方|皇甫|慕容|令狐|夏侯|尉迟)[一-龥]{1,2}";

    /// <summary>True if a value looks like an e-mail, phone, id-card number or Chinese personal name (see <see cref="IdentifierValuePattern"/>).</summary>
    public static bool LooksLikeIdentifier(string value) => IdentifierValue().IsMatch(value.Trim());

    /// <summary>True for a 2–4 character Chinese value: a common surname (or a compound one such as 欧阳) and one or two characters.</summary>
    public static bool IsChineseName(string value) => ChineseName().IsMatch(value.Trim());

    /// <summary>Full-width digits, letters and signs as their ASCII forms (NFKC), for masking.</summary>
    public static string Canonical(string value) => value.Normalize(System.Text.NormalizationForm.FormKC);

    /// <summary>Header normalised for matching: trimmed, lower case, spaces and dashes as underscores.</summary>
    public static string Normalize(string header) =>
        header.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    [GeneratedRegex(IdentifierValuePattern)]
    private static partial Regex IdentifierValue();

    [GeneratedRegex("^" + ChineseNamePattern + "$")]
    private static partial Regex ChineseName();
}
