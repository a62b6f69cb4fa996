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
    /// <summary>CJK families the platform's font manager may know (Linux fontconfig, Windows, macOS).</summary>
    private static readonly string[] CjkFamilies = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC"];

    /// <summary>Latin families the platform's font manager may know.</summary>
    private static readonly string[] LatinFamilies = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI"];

    // Debian's paths: the NoDependencies Skia build has no fontconfig, so its font manager finds nothing there.
    private const string NotoDir = "/usr/share/fonts/opentype/noto/";
    private const string DejaVuDir = "/usr/share/fonts/truetype/dejavu/";
    private const string LiberationDir = "/usr/share/fonts/truetype/liberation/";

    /// <summary>System CJK faces, regular: the font manager's families, then known Debian files.</summary>
    public static IReadOnlyList<FontSource> SystemCjkRegular { get; } =
        [.. CjkFamilies.Select(f => FontSource.Family(f)), new(NotoDir + "NotoSansCJK-Regular.ttc", 2), new(NotoDir + "NotoSansCJKsc-Regular.otf")];

    /// <summary>System CJK faces, bold.</summary>
    public static IReadOnlyList<FontSource> SystemCjkBold { get; } =
        [.. CjkFamilies.Select(f => FontSource.Family(f, bold: true)), new(NotoDir + "NotoSansCJK-Bold.ttc", 2), new(NotoDir + "NotoSansCJKsc-Bold.otf")];

    /// <summary>System Latin faces, regular.</summary>
    public static IReadOnlyList<FontSource> SystemLatinRegular { get; } =
        [.. LatinFamilies.Select(f => FontSource.Family(f)), new(DejaVuDir + "DejaVuSans.ttf"), new(LiberationDir + "LiberationSans-Regular.ttf")];

    /// <summary>System Latin faces, bold.</summary>
    public static IReadOnlyList<FontSource> SystemLatinBold { get; } =
        [.. LatinFamilies.Select(f => FontSource.Family(f, bold: true)), new(DejaVuDir + "DejaVuSans-Bold.ttf"), new(LiberationDir + "LiberationSans-Bold.ttf")];

    /// <summary>The bundled CJK subset first (the same report on every machine), then the system faces.</summary>
    public static FontSearchOptions Default { get; } = new(
        [FontSource.BundledRegular, .. SystemCjkRegular],
        [FontSource.BundledBold, .. SystemCjkBold],
        SystemLatinRegular,
        SystemLatinBold);

    /// <summary>System fonts only (the bundle is skipped): useful to compare, or to test the fallbacks.</summary>
    public static FontSearchOptions SystemOnly { get; } =
        new(SystemCjkRegular, SystemCjkBold, SystemLatinRegular, SystemLatinBold);
}
