using System.Reflection;
using SkiaSharp;

namespace Segmentation.Reports.Fonts;

/// <summary>
/// Where one font face comes from: a resource embedded in this assembly (the bundled subset) or a
/// font file on disk, with the face index inside a collection (.ttc).
/// </summary>
/// <param name="Path">File path, or for a bundled face the manifest resource name.</param>
/// <param name="FaceIndex">Face number inside a font collection; 0 for a single-face file.
/// Debian's NotoSansCJK-*.ttc: 0 = JP, 1 = KR, 2 = SC, 3 = TC, 4 = HK.</param>
/// <param name="IsBundled">True when <paramref name="Path"/> names an embedded resource.</param>
public sealed record FontSource(string Path, int FaceIndex = 0, bool IsBundled = false)
{
    /// <summary>The bundled Noto Sans CJK SC subset, regular weight.</summary>
    public static FontSource BundledRegular { get; } =
        new("Segmentation.Reports.Fonts.NotoSansSC-Regular-Subset.otf", 0, IsBundled: true);

    /// <summary>The bundled Noto Sans CJK SC subset, bold weight.</summary>
    public static FontSource BundledBold { get; } =
        new("Segmentation.Reports.Fonts.NotoSansSC-Bold-Subset.otf", 0, IsBundled: true);

    /// <summary>Human-readable location, used in messages and in <see cref="FontLibrary.Description"/>.</summary>
    public override string ToString() =>
        IsBundled ? $"bundled:{Path}" : FaceIndex == 0 ? Path : $"{Path}#{FaceIndex}";

    /// <summary>Reads the font bytes, or returns null when the file or resource does not exist.</summary>
    internal byte[]? TryReadBytes()
    {
        if (IsBundled)
        {
            using Stream? stream = typeof(FontSource).Assembly.GetManifestResourceStream(Path);
            if (stream is null) return null;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        return File.Exists(Path) ? File.ReadAllBytes(Path) : null;
    }

    /// <summary>Loads the face, or returns null when it is missing or unreadable.</summary>
    internal SKTypeface? TryLoad(byte[] bytes)
    {
        using SKData data = SKData.CreateCopy(bytes);
        SKTypeface? face = SKTypeface.FromData(data, FaceIndex);
        return face is { GlyphCount: > 0 } ? face : null;
    }
}
