using System.Reflection;
using SkiaSharp;

namespace Segmentation.Reports.Fonts;

/// <summary>
/// Where one font face comes from: a resource embedded in this assembly (the bundled subset), a family the
/// platform's font manager knows (<see cref="SKFontManager.Default"/>: fontconfig, DirectWrite, CoreText), or a
/// font file on disk, with the face index inside a collection (.ttc).
/// </summary>
/// <param name="Path">File path; for a bundled face the manifest resource name; for a family the family name.</param>
/// <param name="FaceIndex">Face number inside a font collection; 0 for a single-face file.
/// Debian's NotoSansCJK-*.ttc: 0 = JP, 1 = KR, 2 = SC, 3 = TC, 4 = HK.</param>
/// <param name="IsBundled">True when <paramref name="Path"/> names an embedded resource.</param>
/// <param name="Bold">For a family: ask the font manager for the bold weight.</param>
public sealed record FontSource(string Path, int FaceIndex = 0, bool IsBundled = false, bool Bold = false)
{
    /// <summary>True when <see cref="Path"/> is a family name resolved by the platform's font manager.</summary>
    public bool IsFamily { get; init; }

    /// <summary>A face the platform's font manager resolves by family name (any OS).</summary>
    public static FontSource Family(string familyName, bool bold = false) => new(familyName, 0, false, bold) { IsFamily = true };

    /// <summary>The bundled Noto Sans CJK SC subset, regular weight.</summary>
    public static FontSource BundledRegular { get; } =
        new("Segmentation.Reports.Fonts.NotoSansSC-Regular-Subset.otf", 0, IsBundled: true);

    /// <summary>The bundled Noto Sans CJK SC subset, bold weight.</summary>
    public static FontSource BundledBold { get; } =
        new("Segmentation.Reports.Fonts.NotoSansSC-Bold-Subset.otf", 0, IsBundled: true);

    /// <summary>Human-readable location, used in messages and in <see cref="FontLibrary.Description"/>.</summary>
    public override string ToString() =>
        IsBundled ? $"bundled:{Path}" : IsFamily ? $"family:{Path}{(Bold ? " bold" : "")}" : FaceIndex == 0 ? Path : $"{Path}#{FaceIndex}";

    /// <summary>
    /// Reads the font bytes and the face index inside them, or returns null when the file, resource or family does
    /// not exist. A family resolves to the file the font manager matched (a collection's face index included).
    /// </summary>
    internal (byte[] Bytes, int FaceIndex)? TryRead()
    {
        if (IsBundled)
        {
            using Stream? stream = typeof(FontSource).Assembly.GetManifestResourceStream(Path);
            if (stream is null) return null;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return (buffer.ToArray(), FaceIndex);
        }
        if (IsFamily)
        {
            // The font manager answers with its closest match: accept it only when the family is the one asked for.
            using SKTypeface? match = SKFontManager.Default.MatchFamily(Path, Bold ? SKFontStyle.Bold : SKFontStyle.Normal);
            if (match is null || !string.Equals(match.FamilyName, Path, StringComparison.OrdinalIgnoreCase)) return null;
            using SKStreamAsset? stream = match.OpenStream(out int index);
            if (stream is null || stream.Length <= 0) return null;
            var bytes = new byte[stream.Length];
            return stream.Read(bytes, bytes.Length) == bytes.Length ? (bytes, index) : null;
        }
        return File.Exists(Path) ? (File.ReadAllBytes(Path), FaceIndex) : null;
    }

    /// <summary>Loads the face, or returns null when it is missing or unreadable.</summary>
    internal static SKTypeface? TryLoad(byte[] bytes, int faceIndex)
    {
        using SKData data = SKData.CreateCopy(bytes);
        SKTypeface? face = SKTypeface.FromData(data, faceIndex);
        return face is { GlyphCount: > 0 } ? face : null;
    }
}
