using Segmentation.Analytics.Features;
using static Segmentation.Analytics.Tests.Statistics.StatisticsTestData;

namespace Segmentation.Analytics.Tests.Statistics;

/// <summary>data/real/marketing_campaign/marketing.csv (2 216 customers) as feature matrices.</summary>
internal static class MarketingData
{
    private static readonly Lazy<(string[] Header, string[][] Rows)> Csv = new(() => ReadCsv("data/real/marketing_campaign/marketing.csv"));

    public static FeatureMatrix Features(IReadOnlyList<string> columns, int rows = int.MaxValue)
    {
        var (header, all) = Csv.Value;
        var index = columns.Select(c => Array.IndexOf(header, c)).ToArray();
        var take = all.Take(rows).ToArray();
        var values = new double[take.Length * columns.Count];
        for (int i = 0; i < take.Length; i++)
            for (int j = 0; j < columns.Count; j++) values[i * columns.Count + j] = D(take[i][index[j]]);
        return new FeatureMatrix(values, take.Length, columns.Count, columns.ToArray());
    }

    /// <summary>Education as 0..4 in the order 2n Cycle, Basic, Graduation, Master, PhD (the reference's encoding).</summary>
    public static int[] Education(string[] classes)
    {
        var (header, all) = Csv.Value;
        int e = Array.IndexOf(header, "education");
        return all.Select(r => Array.IndexOf(classes, r[e])).ToArray();
    }
}
