using Segmentation.Analytics.Evaluation;
using Segmentation.Data;
using Segmentation.Testing;

namespace Segmentation.Analytics.Tests.Evaluation;

/// <summary>Data without a sales channel (Online Retail read with its schema.json) gets no online/offline name or channel advice.</summary>
public sealed class NoChannelDataTests
{
    [Fact]
    public void Online_retail_monthly_run_has_no_online_or_offline_name_and_no_channel_playbook_text()
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("real", "online_retail"), new IngestOptions(new DateTime(2011, 12, 31)));
        var run = MonthlyEvaluation.Run(ws, ws.Report, new MonthlyRunOptions(new DateOnly(2011, 11, 1)));
        // The default model asks for online_share; the data has no channel column, so it is dropped, not read as 0 % online.
        Assert.Contains(run.Model.DroppedFeatures!, d => d.Feature == "online_share" && d.Known == 0);
        Assert.DoesNotContain("online_share", run.Model.NumericFeatures);
        string[] channelWords = ["online", "offline", "线上", "线下", "门店", "小程序"];
        foreach (var s in run.Result.Segments)
            foreach (var word in channelWords)
                Assert.DoesNotContain(word, s.NameZh + " " + s.NameEn, StringComparison.OrdinalIgnoreCase);
        foreach (var s in run.Model.Segments)
            foreach (var word in channelWords)
                Assert.DoesNotContain(word, s.DescriptionZh + " " + s.DescriptionEn, StringComparison.OrdinalIgnoreCase);
        var strategies = run.Result.Recommendations.Where(r => r.Strategy is not null).Select(r => r.Strategy!).ToArray();
        Assert.NotEmpty(strategies);
        Assert.All(strategies, s =>
        {
            Assert.Equal(SegmentStrategy.NoChannelDataZh, s.ChannelZh);
            Assert.Equal(SegmentStrategy.NoChannelDataEn, s.ChannelEn);
        });
        // On data with channels (the sample's playbook test elsewhere) the channel line stays: the default playbook has one.
        Assert.All(StrategyPlaybook.Default.Strategies, s => Assert.NotEqual(SegmentStrategy.NoChannelDataEn, s.ChannelEn));
    }
}
