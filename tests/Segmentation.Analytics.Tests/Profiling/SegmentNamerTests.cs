using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Profiling;
using Segmentation.Analytics.Tests.Models;

namespace Segmentation.Analytics.Tests.Profiling;

public sealed class SegmentNamerTests
{
    /// <summary>The name of the cluster whose majority is each planted segment (k-means, k = 6, seed 20261, on recency, frequency, log AOV, online share).</summary>
    private static Dictionary<string, Models.SegmentDefinitionView> NamesByPlanted()
    {
        var (model, labels) = SampleSegmentation.Fit;
        var ids = SampleSegmentation.Ids;
        var result = new Dictionary<string, Models.SegmentDefinitionView>();
        for (int s = 0; s < model.SegmentCount; s++)
        {
            var majority = ids.Where((_, i) => labels[i] == s).GroupBy(id => SampleSegmentation.Planted[id]).OrderByDescending(g => g.Count()).First().Key;
            Assert.False(result.ContainsKey(majority), $"two clusters have a majority of {majority}");
            result[majority] = new(model.Segments[s].NameZh, model.Segments[s].NameEn, model.Segments[s].DescriptionZh, model.Segments[s].DescriptionEn);
        }
        return result;
    }

    [Fact]
    public void Sample_segment_names_say_what_was_planted_in_both_languages()
    {
        var names = NamesByPlanted();
        Assert.Equal(6, names.Count);
        void Says(string planted, string[] zh, string[] en)
        {
            var n = names[planted];
            foreach (var word in zh) Assert.True(Regex.IsMatch(n.Zh, word), $"{planted}: '{n.Zh}' lacks {word}");
            foreach (var word in en) Assert.True(Regex.IsMatch(n.En, word, RegexOptions.IgnoreCase), $"{planted}: '{n.En}' lacks {word}");
        }
        Says("young_online_high", ["年轻", "线上", "高消费"], ["young", "online", "high"]);
        Says("steady_middle_aged", ["中年"], ["middle-aged"]);
        Says("bargain_hunters", ["价格敏感"], ["bargain"]);
        Says("senior_occasional", ["银发|老年", "低频"], ["senior", "occasional|infrequent"]);
        Says("business_buyers", ["企业"], ["business"]);
        Says("churning", ["流失|沉睡"], ["dormant|lapsing"]);
        Assert.Equal(6, names.Values.Select(n => n.Zh).Distinct().Count());
        Assert.Equal(6, names.Values.Select(n => n.En).Distinct().Count());
    }

    [Fact]
    public void Sample_descriptions_quote_the_segments_numbers()
    {
        var young = NamesByPlanted()["young_online_high"];
        // Planted: ages 20–32, online share 0.88.
        var age = int.Parse(Regex.Match(young.DescriptionZh, @"平均年龄 (\d+) 岁").Groups[1].Value);
        Assert.InRange(age, 20, 32);
        var online = int.Parse(Regex.Match(young.DescriptionZh, @"线上占比 (\d+)%").Groups[1].Value);
        Assert.InRange(online, 84, 92);
        Assert.Matches(@"mean age \d+", young.DescriptionEn);
        Assert.Matches(@"\d+% of orders online", young.DescriptionEn);
        Assert.EndsWith("。", young.DescriptionZh);
        Assert.EndsWith(".", young.DescriptionEn);
    }

    [Fact]
    public void Clashing_names_are_told_apart_by_the_trait_that_differs()
    {
        // Segments 0 and 1 are both young online high spenders; only segment 0 is loyal. Segment 2 is the rest.
        var frame = new DataFrame(
            new DoubleDataFrameColumn("age", [25.0, 25, 50, 50, 50, 50]),
            new DoubleDataFrameColumn("online_share", [0.9, 0.9, 0.1, 0.1, 0.1, 0.1]),
            new DoubleDataFrameColumn("monetary", [2000.0, 2000, 100, 100, 100, 100]),
            new DoubleDataFrameColumn("avg_order_value", [300.0, 300, 100, 100, 100, 100]),
            new DoubleDataFrameColumn("frequency", [10.0, 10, 10, 10, 10, 10]),
            new DoubleDataFrameColumn("category_loyalty", [0.9, 0.5, 0.5, 0.5, 0.5, 0.5]));
        var profiles = new SegmentProfiler().Profile(frame, [0, 1, 2, 2, 2, 2]);
        var names = new SegmentNamer().Name(profiles);
        Assert.Equal(3, names.Select(n => n.Zh).Distinct().Count());
        Assert.Equal(3, names.Select(n => n.En).Distinct().Count());
        Assert.Contains("忠诚", names[0].Zh);
        Assert.StartsWith("Loyal", names[0].En);
        Assert.DoesNotContain("忠诚", names[1].Zh);
        Assert.All(names.Take(2), n => Assert.Contains("年轻线上高消费", n.Zh));
    }

    [Fact]
    public void Overrides_replace_names_and_must_stay_unique()
    {
        var (model, _) = SampleSegmentation.Fit;
        var renamed = model.WithOverrides([new NameOverride(0, "核心客户", "Core customers", "分析师命名")]);
        Assert.Equal("核心客户", renamed.Segments[0].NameZh);
        Assert.Equal("core_customers", renamed.Segments[0].Key);
        Assert.Equal("分析师命名", renamed.Segments[0].DescriptionEn);
        Assert.Equal(model.Segments[1], renamed.Segments[1]);
        Assert.Single(renamed.Overrides);
        var e = Assert.Throws<ArgumentException>(() => model.WithOverrides([new NameOverride(0, model.Segments[1].NameZh, "X")]));
        Assert.Contains("unique", e.Message);
        Assert.Throws<ArgumentException>(() => model.WithOverrides([new NameOverride(9, "甲", "A")]));
    }
}
