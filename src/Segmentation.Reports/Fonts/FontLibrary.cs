using System.Text;
using SkiaSharp;

namespace Segmentation.Reports.Fonts;

/// <summary>
/// The faces a document draws with: one CJK face (regular and bold) and one Latin face, chosen once
/// by <see cref="Resolve"/>, plus the per-character fallback between them.
/// </summary>
/// <remarks>
/// Fallback rule, per code point: if the CJK face covers all printable ASCII it is used for
/// everything (one font per document, consistent metrics); otherwise ASCII goes to the Latin face and
/// the rest to the CJK face when it has the glyph, else to the Latin face. A CJK code point with no
/// CJK face raises <see cref="CjkFontNotFoundException"/> naming every place searched: an English
/// document never needs a CJK font, a Chinese one never silently prints empty boxes.
/// Bold: the bold face when one was found, else the regular face with <c>SKFont.Embolden</c>.
/// The library is thread-safe for reading; faces live as long as the process (they are shared with
/// ScottPlot's global font cache).
/// </remarks>
public sealed class FontLibrary
{
    private static readonly Lazy<FontLibrary> DefaultLibrary = new(() => Resolve(FontSearchOptions.Default));
    private static readonly Lock RegistrationLock = new();
    private static readonly HashSet<string> RegisteredChartFamilies = [];

    private readonly Dictionary<int, bool> cjkCoverage = [];
    private readonly Dictionary<int, bool> latinCoverage = [];
    private readonly Lock coverageLock = new();
    private readonly ScottPlotFontResolver chartResolver;

    private FontLibrary(Face latin, Face latinBold, Face? cjk, Face? cjkBold, IReadOnlyList<string> searched)
    {
        Latin = latin.Typeface;
        LatinBold = latinBold.Typeface;
        Cjk = cjk?.Typeface;
        CjkBold = cjkBold?.Typeface;
        Searched = searched;
        CjkCoversLatin = Cjk is not null && Cjk.ContainsGlyphs(PrintableAscii);
        HasBoldFace = CjkCoversLatin ? CjkBold is not null : !latinBold.IsSubstitute;
        Face chartRegular = CjkCoversLatin ? cjk! : latin;
        Face chartBold = CjkCoversLatin ? cjkBold ?? cjk! : latinBold;
        string family = "Segmentation.Reports " + chartRegular.Source;
        chartResolver = new ScottPlotFontResolver(family, chartRegular.Bytes, chartRegular.Source.FaceIndex,
                                                  chartBold.Bytes, chartBold.Source.FaceIndex);
        Description = $"CJK: {cjk?.Source.ToString() ?? "none"}; CJK bold: {cjkBold?.Source.ToString() ?? "emboldened"}; " +
                      $"Latin: {(CjkCoversLatin ? "CJK face" : latin.Source.ToString())}";
    }

    private const string PrintableAscii =
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    /// <summary>The library resolved with <see cref="FontSearchOptions.Default"/> (bundled subset first), created on first use.</summary>
    public static FontLibrary Default => DefaultLibrary.Value;

    /// <summary>The regular Latin face (the CJK face when it covers ASCII).</summary>
    public SKTypeface Latin { get; }

    /// <summary>The bold Latin face, or <see cref="Latin"/> when no bold face was found.</summary>
    public SKTypeface LatinBold { get; }

    /// <summary>The regular CJK face, or null when none was found.</summary>
    public SKTypeface? Cjk { get; }

    /// <summary>The bold CJK face, or null (bold CJK text is then emboldened).</summary>
    public SKTypeface? CjkBold { get; }

    /// <summary>True when the CJK face has every printable ASCII glyph and is used for all text.</summary>
    public bool CjkCoversLatin { get; }

    /// <summary>True when bold text uses a real bold face rather than synthetic emboldening.</summary>
    public bool HasBoldFace { get; }

    /// <summary>Every source tried, in order, with what happened ("found"/"missing"/"unreadable").</summary>
    public IReadOnlyList<string> Searched { get; }

    /// <summary>One line saying which face was picked for each role.</summary>
    public string Description { get; }

    /// <summary>The family name under which the chart face is registered with ScottPlot.</summary>
    public string ChartFontName => chartResolver.FamilyName;

    /// <summary>
    /// Picks the faces: for each role, the first source in <paramref name="options"/> that exists and
    /// loads. Missing CJK faces are not an error here (see the class remarks); a missing Latin face falls
    /// back to Skia's default typeface and, if that has no glyphs either, throws
    /// <see cref="InvalidOperationException"/> listing the search.
    /// </summary>
    /// <param name="options">Where to look.</param>
    public static FontLibrary Resolve(FontSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var searched = new List<string>();
        Face? cjk = FindFirst(options.CjkRegular, searched);
        Face? cjkBold = cjk is null ? null : FindFirst(options.CjkBold, searched);
        bool cjkCoversLatin = cjk is not null && cjk.Typeface.ContainsGlyphs(PrintableAscii);

        Face? latin = cjkCoversLatin ? cjk : FindFirst(options.LatinRegular, searched);
        Face? latinBold = cjkCoversLatin ? cjkBold : FindFirst(options.LatinBold, searched);
        latin ??= SkiaDefault(searched);
        latinBold ??= latin with { IsSubstitute = true };
        return new FontLibrary(latin, latinBold, cjk, cjkBold, searched);
    }

    /// <summary>
    /// Sets the title, axis-label, tick-label, legend and text-plottable fonts of <paramref name="plot"/> to this
    /// library's chart face (registered with ScottPlot on first use), so Chinese labels render.
    /// </summary>
    /// <param name="plot">The plot to restyle; its data is untouched.</param>
    public void ApplyTo(ScottPlot.Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        RegisterWithScottPlot();
        string name = ChartFontName;
        plot.Axes.Title.Label.FontName = name;
        foreach (ScottPlot.IAxis axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = name;
            axis.TickLabelStyle.FontName = name;
        }
        plot.Legend.FontName = name;
        // Text drawn in the data area (heat-map cell values) too, or it falls back to ScottPlot's default serif face.
        foreach (var text in plot.GetPlottables().OfType<ScottPlot.Plottables.Text>()) text.LabelFontName = name;
    }

    /// <summary>Adds this library's chart face to <c>ScottPlot.Fonts.FontResolvers</c> once per process.</summary>
    public void RegisterWithScottPlot()
    {
        lock (RegistrationLock)
        {
            if (RegisteredChartFamilies.Add(chartResolver.FamilyName))
                ScottPlot.Fonts.FontResolvers.Insert(0, chartResolver);
        }
    }

    /// <summary>
    /// The face that draws <paramref name="codePoint"/>, and whether it must be emboldened to look
    /// bold (no bold face found).
    /// </summary>
    /// <exception cref="CjkFontNotFoundException">A CJK code point and no CJK face.</exception>
    public (SKTypeface Typeface, bool FakeBold) FaceFor(int codePoint, bool bold)
    {
        bool useCjk;
        if (CjkCoversLatin) useCjk = true;
        else if (codePoint < 0x80) useCjk = false;
        else if (Cjk is not null && Covers(cjkCoverage, Cjk, codePoint)) useCjk = true;
        else if (Covers(latinCoverage, Latin, codePoint)) useCjk = false;
        else if (Cjk is null && IsCjk(codePoint)) throw new CjkFontNotFoundException(codePoint, Searched);
        else useCjk = Cjk is not null;

        if (useCjk)
            return bold ? (CjkBold ?? Cjk!, CjkBold is null) : (Cjk!, false);
        return bold ? (LatinBold, ReferenceEquals(LatinBold, Latin)) : (Latin, false);
    }

    /// <summary>
    /// True for code points of the CJK scripts and their punctuation and full-width forms (the
    /// characters a line may break around, and that need a CJK face).
    /// </summary>
    public static bool IsCjk(int codePoint) => codePoint switch
    {
        >= 0x2E80 and <= 0x2FDF => true,   // radicals
        >= 0x3000 and <= 0x30FF => true,   // CJK punctuation, kana
        >= 0x3100 and <= 0x31FF => true,   // bopomofo, strokes, kana ext.
        >= 0x3400 and <= 0x4DBF => true,   // extension A
        >= 0x4E00 and <= 0x9FFF => true,   // unified ideographs
        >= 0xAC00 and <= 0xD7AF => true,   // hangul
        >= 0xF900 and <= 0xFAFF => true,   // compatibility ideographs
        >= 0xFE30 and <= 0xFE4F => true,   // compatibility forms
        >= 0xFF00 and <= 0xFFEF => true,   // full-width forms
        >= 0x20000 and <= 0x3FFFF => true, // extensions B+
        _ => false,
    };

    private bool Covers(Dictionary<int, bool> cache, SKTypeface face, int codePoint)
    {
        lock (coverageLock)
        {
            if (!cache.TryGetValue(codePoint, out bool covered))
                cache[codePoint] = covered = face.ContainsGlyph(codePoint);
            return covered;
        }
    }

    private static Face? FindFirst(IReadOnlyList<FontSource> sources, List<string> searched)
    {
        foreach (FontSource source in sources)
        {
            if (source.TryRead() is not var (bytes, index)) { searched.Add($"{source} (missing)"); continue; }
            SKTypeface? face = FontSource.TryLoad(bytes, index);
            if (face is null) { searched.Add($"{source} (unreadable)"); continue; }
            searched.Add($"{source} (found)");
            return new Face(source with { FaceIndex = index }, bytes, face, IsSubstitute: false);
        }
        return null;
    }

    private static Face SkiaDefault(List<string> searched)
    {
        SKTypeface face = SKTypeface.Default;
        if (face.GlyphCount == 0 || !face.ContainsGlyphs("AZaz09"))
            throw new InvalidOperationException(
                $"No usable Latin font: searched {string.Join(", ", searched)} and Skia's default typeface has no glyphs.");
        searched.Add($"Skia default typeface '{face.FamilyName}' (used)");
        // The default typeface has no file we can hand to ScottPlot: serialise it through its stream.
        using SKStreamAsset? stream = face.OpenStream(out int index);
        byte[] bytes = stream is null ? [] : ReadAll(stream);
        return new Face(new FontSource(face.FamilyName, index), bytes, face, IsSubstitute: false);
    }

    private static byte[] ReadAll(SKStreamAsset stream)
    {
        var bytes = new byte[stream.Length];
        stream.Read(bytes, bytes.Length);
        return bytes;
    }

    private sealed record Face(FontSource Source, byte[] Bytes, SKTypeface Typeface, bool IsSubstitute);
}
