using System.Text.RegularExpressions;
using Segmentation.Reports.Monthly;

namespace Segmentation.Reports.Tests.Monthly;

public sealed class ReportStringsTests
{
    [Fact]
    public void Every_id_has_a_text_in_both_languages_with_the_same_placeholders()
    {
        Assert.NotEmpty(ReportStrings.Ids);
        foreach (var id in ReportStrings.Ids)
        {
            string zh = ReportStrings.For(ReportLanguage.Zh)[id], en = ReportStrings.For(ReportLanguage.En)[id];
            Assert.False(string.IsNullOrWhiteSpace(zh), id);
            Assert.False(string.IsNullOrWhiteSpace(en), id);
            static string[] Placeholders(string text) => [.. Regex.Matches(text, @"\{(\d+)").Select(m => m.Groups[1].Value).Distinct().Order()];
            Assert.Equal(Placeholders(zh), Placeholders(en));
        }
    }

    [Theory]
    [InlineData(ReportLanguage.Zh, "客户细分管理效果评估 · 2026-10", "第 3 页 / 共 9 页")]
    [InlineData(ReportLanguage.En, "Segmentation effect evaluation · 2026-10", "Page 3 of 9")]
    public void Texts_are_read_by_id_and_formatted_with_their_placeholders(ReportLanguage language, string header, string page)
    {
        var text = ReportStrings.For(language);
        Assert.Equal(language, text.Language);
        Assert.Equal(header, text.Format("header", "2026-10"));
        Assert.Equal(page, text.Format("page", 3, 9));
        Assert.True(ReportStrings.Contains("methodology"));
    }

    [Fact]
    public void An_unknown_id_or_language_fails_naming_it()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => ReportStrings.For(ReportLanguage.En)["no_such_text"]);
        Assert.Contains("no_such_text", e.Message);
        Assert.False(ReportStrings.Contains("no_such_text"));
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => ReportStrings.For((ReportLanguage)7));
        Assert.Equal("language", bad.ParamName);
    }

    [Fact]
    public void No_report_text_is_written_in_the_code()
    {
        // Chinese in the report's code (outside comments) would be a sentence that bypassed the table.
        var folder = Path.Combine(MonthlyReportFixture.Root, "src", "Segmentation.Reports", "Monthly");
        var offenders = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(folder, f), Line: i + 1, Code: line.Split("//")[0])))
            .Where(x => Regex.IsMatch(x.Code, @"[\u3000-\u303F\u4E00-\u9FFF\uFF00-\uFFEF]"))
            .Select(x => $"{x.File}:{x.Line}")
            .ToArray();
        Assert.Empty(offenders);
    }
}
