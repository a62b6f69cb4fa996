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
        // Names are the segments' most distinctive measured traits (|z| against the population), strongest first. The planted
        // "steady middle-aged" customers stand out by their offline buying, not their age (middle-aged is the population's own
        // age); the seniors' long purchase gaps are their occasional buying.
        Says("young_online_high", ["年轻", "线上", "高频|高消费"], ["young", "online", "frequent|high spending"]);
        Says("steady_middle_aged", ["线下"], ["offline"]);
        Says("bargain_hunters", ["价格敏感"], ["bargain"]);
        Says("senior_occasional", ["银发", "低频|购买间隔长"], ["senior", "infrequent|long purchase gaps"]);
        Says("business_buyers", ["企业"], ["business"]);
        Says("churning", ["流失|沉睡"], ["dormant|lapsing"]);
        Assert.All(names.Values, n => Assert.DoesNotMatch(@"\(\d+\)|（\d+）", n.Zh + n.En));
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
    public void Clashing_names_are_told_apart_by_the_next_most_distinctive_trait_never_a_number()
    {
        // Segments 0 and 1 are both young online high spenders (the three strongest traits); segment 1 is also loyal, a weaker
        // trait. Segment 2 is the rest. Segment 0 (larger) keeps the short name; segment 1 takes its next trait.
        var frame = new DataFrame(
            new DoubleDataFrameColumn("age", [25.0, 25, 25, 25, 50, 50, 50, 50, 50, 50]),
            new DoubleDataFrameColumn("online_share", [0.9, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]),
            new DoubleDataFrameColumn("monetary", [2000.0, 2000, 2000, 2000, 100, 100, 100, 100, 100, 100]),
            new DoubleDataFrameColumn("category_loyalty", [0.5, 0.5, 0.5, 0.62, 0.2, 0.8, 0.2, 0.8, 0.2, 0.8]));
        var profiles = new SegmentProfiler().Profile(frame, [0, 0, 0, 1, 2, 2, 2, 2, 2, 2]);
        var names = new SegmentNamer(NamingVocabulary.Default with { Thresholds = new NamingThresholds(MinimumSegmentSize: 1) }).Name(profiles);
        Assert.Equal(3, names.Select(n => n.Zh).Distinct().Count());
        Assert.Equal(3, names.Select(n => n.En).Distinct().Count());
        // The three traits are equally strong (|z| = 1.22); loyalty (z = 0.46) is below the naming threshold of 0.5.
        Assert.Equal(["年轻", "线上", "高消费"], names[0].Zh.Split('·').Order(StringComparer.Ordinal));
        Assert.Equal(names[0].Zh + "·品类忠诚", names[1].Zh);
        Assert.Equal(names[0].En + ", loyal", names[1].En);
        Assert.Equal(["中年", "低消费", "线下"], names[2].Zh.Split('·').Order(StringComparer.Ordinal));
        Assert.All(names, n => Assert.DoesNotMatch(@"\(\d+\)|（\d+）", n.Zh + n.En));
    }

    [Fact]
    public void Short_tenure_names_new_not_occasional_small_or_dissolving_segments_are_unstable_and_unknown_columns_use_their_label()
    {
        var frame = new DataFrame(
            new DoubleDataFrameColumn("tenure_days", [30.0, 40, 35, 400, 420, 380, 410, 390, 400, 405, 395, 415]),
            new DoubleDataFrameColumn("frequency", [1.0, 1, 2, 8, 9, 7, 8, 9, 8, 7, 9, 8]),
            new DoubleDataFrameColumn("spending", [10.0, 12, 11, 50, 55, 45, 52, 48, 90, 95, 92, 91]));
        var labels = new[] { 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2 };
        var profiles = new SegmentProfiler().Profile(frame, labels);
        var vocabulary = NamingVocabulary.Default with { Thresholds = new NamingThresholds(MinimumSegmentSize: 4), Labels = [new FeatureLabel("spending", "消费评分", "spending score")] };
        var stability = new Segmentation.Analytics.Validation.StabilitySummary(20,
            [new(0, 3, 0.9, 0, 20, false, Segmentation.Analytics.Validation.ClusterStabilityLevel.HighlyStable),
             new(1, 5, 0.5, 15, 20, true, Segmentation.Analytics.Validation.ClusterStabilityLevel.Dissolved),
             new(2, 4, 0.9, 10, 20, false, Segmentation.Analytics.Validation.ClusterStabilityLevel.Stable)], 0.8, 0.5);
        var names = new SegmentNamer(vocabulary).Name(profiles, stability: stability);
        // Segment 0: tenure z far below 0 — new customers; their low frequency is not called occasional.
        Assert.StartsWith("不稳定：新客", names[0].Zh);              // 3 customers < 4: unstable by size
        Assert.Contains("New", names[0].En);
        Assert.DoesNotContain("infrequent", names[0].En);
        Assert.DoesNotContain("低频", names[0].Zh);
        Assert.True(names[0].Unstable);
        Assert.StartsWith("Unstable: ", names[1].En);             // dissolved in 15 of 20 runs
        Assert.True(names[1].Unstable);
        Assert.False(names[2].Unstable);                           // exactly half (10 of 20) is not more than half
        Assert.Contains("高消费评分", names[2].Zh);
        Assert.Contains("high spending score", names[2].En, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("消费评分 92（整体", names[2].DescriptionZh);
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
