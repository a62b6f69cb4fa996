using System.Globalization;
using SkiaSharp;
using Segmentation.Reports.Composition;

namespace Segmentation.Reports.Tests.Composition;

/// <summary>A report-like document exercising every component, used by the tests and for looking at the output.</summary>
internal static class DemoDocument
{
    public static readonly DateTime AsOf = new(2024, 1, 31, 0, 0, 0, DateTimeKind.Utc);

    public const string ChineseParagraph =
        "本报告评估了客户细分管理的效果。我们按照最近一次购买时间、购买频率和消费金额（RFM）对客户进行分组，" +
        "并比较了各组在本月的留存、转化与收入表现。高价值客户的月度留存率继续提高；流失风险组的客户户数下降，" +
        "但风险仍需关注：其中约三成客户已超过九十天未购买。建议：对潜力客户加大触达频率，对流失风险客户开展挽回活动。";

    public const string EnglishParagraph =
        "This report evaluates the effect of customer segmentation on retention and revenue. Customers are grouped " +
        "by recency, frequency and monetary value, and each segment is compared with the previous month. " +
        "High-value customers kept improving their monthly retention, while the at-risk segment shrank; " +
        "nevertheless about thirty percent of it has not purchased for more than ninety days.";

    public static ScottPlot.Plot SegmentChart()
    {
        var plot = new ScottPlot.Plot();
        plot.Add.Bars(new double[] { 1240, 860, 1530, 410 });
        plot.Axes.Bottom.SetTicks([0, 1, 2, 3], ["高价值", "潜力客户", "新客", "流失风险"]);
        plot.Title("各细分客户数（月）");
        plot.YLabel("客户数");
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    public static byte[] SmallPng()
    {
        using var bitmap = new SKBitmap(120, 40);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x1F, 0x4E, 0x79));
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(20, 20, 14, paint);
        }
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    public static ReportDocument Create(int tableRows = 60) => ReportDocument.Create(doc =>
    {
        doc.Metadata("客户细分管理效果评估报告", "Segmentation.Analytics", "2024 年 1 月", creationDate: AsOf);
        doc.Page(page =>
        {
            page.Size(PageSizes.A4);
            page.Margin(40);
            page.Header().Row(row =>
            {
                row.RelativeItem().Text("客户细分月报 · Customer Segmentation Monthly");
                row.RelativeItem().Text("2024 年 1 月").AlignRight();
            });
            page.Content().Column(col =>
            {
                col.Spacing(8);
                col.Item().Heading("客户细分管理效果评估报告", level: 1).FontSize(20);
                col.Item().Heading("1. 概览 Overview", level: 2);
                col.Item().Row(row =>
                {
                    row.Spacing(8);
                    row.RelativeItem().KpiCard("活跃客户", "12,480", "▲ 3.2% 环比", deltaGood: true);
                    row.RelativeItem().KpiCard("月度收入（元）", "1,284,300", "▲ 5.1%", deltaGood: true);
                    row.RelativeItem().KpiCard("流失风险户数", "410", "▼ 12 户", deltaGood: true);
                    row.RelativeItem().KpiCard("平均客单价", "¥102.9", "▼ 1.4%", deltaGood: false);
                });
                col.Item().Paragraph(ChineseParagraph);
                col.Item().Paragraph(EnglishParagraph);
                col.Item().Text(t =>
                {
                    t.Span("要点：");
                    t.Span("高价值客户留存率 87.5%").Bold().FontColor(new SKColor(0x1A, 0x7F, 0x37));
                    t.Span("，较上月提高 2.1 个百分点；");
                    t.Span("流失风险组").Bold();
                    t.Span(" 仍有约三成客户超过 90 天未购买。");
                });
                col.Item().Heading("2. 细分规模 Segment sizes", level: 2);
                col.Item().Chart(SegmentChart(), height: 220);
                col.Item().Row(row =>
                {
                    row.ConstantItem(130).Image(SmallPng(), 40);
                    row.RelativeItem().PaddingLeftText("图：示意图片（PNG），高 40 pt。");
                });
                col.Item().Heading("3. 客户明细 Customer detail", level: 2);
                col.Item().Table(table =>
                {
                    table.Columns(c => { c.Constant(60); c.Relative(3); c.Relative(2); c.Relative(2); });
                    table.Header(h =>
                    {
                        h.Cell().Text("客户编号");
                        h.Cell().Text("细分 Segment");
                        h.Cell().Text("订单数").AlignRight();
                        h.Cell().Text("收入 Revenue").AlignRight();
                    });
                    string[] segments = ["高价值", "潜力客户", "新客", "流失风险 at risk"];
                    for (int i = 1; i <= tableRows; i++)
                    {
                        table.Cell().Text($"C{i:0000}");
                        table.Cell().Text(segments[i % 4]);
                        table.Cell().Text((i * 7 % 23 + 1).ToString(CultureInfo.InvariantCulture)).AlignRight();
                        table.Cell().Text((i * 137.5).ToString("N1", CultureInfo.InvariantCulture)).AlignRight();
                    }
                    table.ZebraStripes();
                });
                col.Item().PageBreak();
                col.Item().Heading("4. 结论 Conclusions", level: 2);
                col.Item().Paragraph("月、户、风：这些字在完整字体中映射到部首码位，子集字体中则不会。");
            });
            page.Footer().PageNumber("第 {0} 页 / 共 {1} 页").AlignCenter();
        });
    });

    private static void PaddingLeftText(this Container container, string text) =>
        container.Padding(8, 12, 0, 0).Text(text).FontColor(SKColors.Gray);
}
