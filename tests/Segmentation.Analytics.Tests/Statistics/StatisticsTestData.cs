using System.Globalization;
using System.Text.Json;

namespace Segmentation.Analytics.Tests.Statistics;

/// <summary>Paths and loaders for the real data and the committed reference outputs of the Statistics tests.</summary>
internal static class StatisticsTestData
{
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Segmentation.Analytics.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root (Segmentation.Analytics.sln) not found above " + AppContext.BaseDirectory);
    }

    public static string PathOf(string relative) => Path.Combine(RepoRoot, relative);

    public static JsonElement Reference(string name) =>
        JsonDocument.Parse(File.ReadAllText(PathOf("tests/reference/statistics/" + name))).RootElement;

    /// <summary>Rows of a comma-separated file with a header line (values as strings).</summary>
    public static (string[] Header, string[][] Rows) ReadCsv(string relative)
    {
        var lines = File.ReadAllLines(PathOf(relative)).Where(l => l.Length > 0).ToArray();
        return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToArray());
    }

    public static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static double[][] Matrix(JsonElement e) => e.EnumerateArray().Select(Doubles).ToArray();

    /// <summary>The CDNOW calibration summary (2 357 customers; weeks) as published with lifetimes.</summary>
    public static (int[] X, double[] Tx, double[] T) CdnowSummary()
    {
        var (_, rows) = ReadCsv("data/real/cdnow/cdnow_customers_summary.csv");
        return (rows.Select(r => int.Parse(r[1], CultureInfo.InvariantCulture)).ToArray(),
                rows.Select(r => D(r[2])).ToArray(), rows.Select(r => D(r[3])).ToArray());
    }

    /// <summary>CDNOW_sample.txt: (sample customer id, day number, dollar value) per transaction.</summary>
    public static (long[] Ids, int[] Days, double[] Amounts) CdnowTransactions()
    {
        var ids = new List<long>(); var days = new List<int>(); var amounts = new List<double>();
        foreach (var line in File.ReadLines(PathOf("data/real/cdnow/CDNOW_sample.txt")))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5) continue;
            ids.Add(long.Parse(f[1], CultureInfo.InvariantCulture));
            days.Add(DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture).DayNumber);
            amounts.Add(D(f[4]));
        }
        return (ids.ToArray(), days.ToArray(), amounts.ToArray());
    }
}
