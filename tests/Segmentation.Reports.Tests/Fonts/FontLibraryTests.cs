using Segmentation.Reports.Fonts;
using System.Text.Json;
using SkiaSharp;

namespace Segmentation.Reports.Tests.Fonts;

public class FontLibraryTests
{
    private static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Segmentation.Analytics.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return Path.Combine([dir!.FullName, .. parts]);
    }

    [Fact]
    public void Default_library_uses_the_bundled_subset_for_all_text()
    {
        FontLibrary fonts = FontLibrary.Default;
        Assert.StartsWith("bundled:", fonts.Searched[0]);
        Assert.EndsWith("(found)", fonts.Searched[0]);
        Assert.True(fonts.CjkCoversLatin);
        Assert.True(fonts.HasBoldFace);
        Assert.Equal("Noto Sans CJK SC", fonts.Cjk!.FamilyName);
        Assert.Same(fonts.Cjk, fonts.FaceFor('A', bold: false).Typeface);
        Assert.Equal((fonts.CjkBold!, false), fonts.FaceFor('客', bold: true));
    }

    [Fact]
    public void Bundled_subset_matches_the_fonttools_cmap_has_all_gb2312_hanzi_and_no_radicals()
    {
        // Reference: tests/reference/fonts/subset_cmap.py read the subsets' cmaps with fontTools.
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(RepoFile("tests", "reference", "fonts", "subset_cmap.json")));
        JsonElement root = reference.RootElement;
        string listed = File.ReadAllText(RepoFile("src", "Segmentation.Reports", "Fonts", "subset-chars.txt"));
        string hanzi = root.GetProperty("gb2312_hanzi_text").GetString()!;
        Assert.Equal(6763, hanzi.Length);
        FontLibrary fonts = FontLibrary.Default;
        foreach ((SKTypeface face, string weight) in new[] { (fonts.Cjk!, "Regular"), (fonts.CjkBold!, "Bold") })
        {
            int withGlyph = listed.EnumerateRunes().Count(r => face.ContainsGlyph(r.Value));
            Assert.Equal(root.GetProperty(weight).GetProperty("listed_with_glyph").GetInt32(), withGlyph);
            Assert.True(face.ContainsGlyphs(hanzi), $"{weight}: a GB2312 hanzi is missing");
            for (int c = 0x2E80; c <= 0x2FDF; c++) Assert.False(face.ContainsGlyph(c), $"radical U+{c:X4} in the subset");
            for (int c = 0x31C0; c <= 0x31EF; c++) Assert.False(face.ContainsGlyph(c), $"stroke U+{c:X4} in the subset");
        }
    }

    [Fact]
    public void System_fonts_are_used_when_the_bundle_is_skipped()
    {
        const string systemNoto = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
        FontLibrary fonts = FontLibrary.Resolve(FontSearchOptions.SystemOnly);
        if (File.Exists(systemNoto))
        {
            Assert.Equal("Noto Sans CJK SC", fonts.Cjk!.FamilyName); // face 2 of the collection, not JP (face 0)
            // Through the platform's font manager (fontconfig) when it knows the family, else the known Debian file.
            Assert.Contains(fonts.Searched, s => s is "family:Noto Sans CJK SC (found)" || s == systemNoto + "#2 (found)");
        }
        else
        {
            Assert.Null(fonts.Cjk);
            Assert.Contains(systemNoto + "#2 (missing)", fonts.Searched);
        }
    }

    [Fact]
    public void Latin_only_library_falls_back_per_character_and_rejects_cjk()
    {
        FontLibrary fonts = FontLibrary.Resolve(new FontSearchOptions([], [], FontSearchOptions.SystemLatinRegular, FontSearchOptions.SystemLatinBold));
        Assert.Null(fonts.Cjk);
        Assert.Same(fonts.Latin, fonts.FaceFor('é', bold: false).Typeface);
        var error = Assert.Throws<CjkFontNotFoundException>(() => fonts.FaceFor('户', bold: false));
        Assert.Matches(@"(family:DejaVu Sans|DejaVuSans\.ttf) \(found\)", error.Message);
    }

    [Fact]
    public void Chart_font_is_registered_with_scottplot()
    {
        FontLibrary fonts = FontLibrary.Default;
        var plot = new ScottPlot.Plot();
        fonts.ApplyTo(plot);
        Assert.Equal(fonts.ChartFontName, plot.Axes.Bottom.TickLabelStyle.FontName);
        SKTypeface face = ScottPlot.Fonts.GetTypeface(fonts.ChartFontName, bold: false, italic: false);
        Assert.Equal("Noto Sans CJK SC", face.FamilyName);
        Assert.True(face.ContainsGlyphs("客户月户风"));
    }
}
