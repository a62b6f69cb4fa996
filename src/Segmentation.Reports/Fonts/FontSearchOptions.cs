namespace Segmentation.Reports.Fonts;

/// <summary>
/// Where <see cref="FontLibrary.Resolve"/> looks for faces, in order: the first source that exists
/// and loads wins. The defaults find the bundled subset first, so reports look the same on every
/// machine; the system candidates are fallbacks when the bundle is switched off.
/// </summary>
/// <param name="CjkRegular">Candidates for the regular CJK face, in order of preference.</param>
/// <param name="CjkBold">Candidates for the bold CJK face; none found → the regular face is emboldened.</param>
/// <param name="LatinRegular">Candidates for the regular Latin face, used only when the CJK face
/// does not cover ASCII or no CJK face is found.</param>
/// <param name="LatinBold">Candidates for the bold Latin face.</param>
public sealed record FontSearchOptions(
    IReadOnlyList<FontSource> CjkRegular,
    IReadOnlyList<FontSource> CjkBold,
    IReadOnlyList<FontSource> LatinRegular,
    IReadOnlyList<FontSource> LatinBold)
{
    private const string NotoDir = "/usr/share/fonts/opentype/noto/";
    private const string DejaVuDir = "/usr/share/fonts/truetype/dejavu/";
    private const string LiberationDir = "/usr/share/fonts/truetype/liberation/";

    /// <summary>System Noto Sans CJK SC (face 2 of Debian's .ttc).</summary>
    public static IReadOnlyList<FontSource> SystemCjkRegular { get; } =
        [new(NotoDir + "NotoSansCJK-Regular.ttc", 2), new("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf")];

    /// <summary>System Noto Sans CJK SC Bold (face 2 of Debian's .ttc).</summary>
    public static IReadOnlyList<FontSource> SystemCjkBold { get; } =
        [new(NotoDir + "NotoSansCJK-Bold.ttc", 2), new("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Bold.otf")];

    /// <summary>System Latin sans faces: DejaVu Sans, Liberation Sans.</summary>
    public static IReadOnlyList<FontSource> SystemLatinRegular { get; } =
        [new(DejaVuDir + "DejaVuSans.ttf"), new(LiberationDir + "LiberationSans-Regular.ttf")];

    /// <summary>System Latin sans bold faces: DejaVu Sans Bold, Liberation Sans Bold.</summary>
    public static IReadOnlyList<FontSource> SystemLatinBold { get; } =
        [new(DejaVuDir + "DejaVuSans-Bold.ttf"), new(LiberationDir + "LiberationSans-Bold.ttf")];

    /// <summary>Bundled subset first, then the system fonts.</summary>
    public static FontSearchOptions Default { get; } = new(
        [FontSource.BundledRegular, .. SystemCjkRegular],
        [FontSource.BundledBold, .. SystemCjkBold],
        SystemLatinRegular,
        SystemLatinBold);

    /// <summary>System fonts only (the bundle is skipped): useful to compare, or to test the fallbacks.</summary>
    public static FontSearchOptions SystemOnly { get; } =
        new(SystemCjkRegular, SystemCjkBold, SystemLatinRegular, SystemLatinBold);
}
