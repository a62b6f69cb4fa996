using Segmentation.Data;

namespace Segmentation.Testing;

/// <summary>Shared, lazily built real-data fixtures (read-only after creation).</summary>
public static class RealData
{
    private static readonly Lazy<string> cdnowMasterDirectory = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "segtest-cdnow-master-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        CdnowFormat.ToTransactionsCsv(RepoPaths.Data("real", "cdnow", "CDNOW_master.txt"), Path.Combine(dir, "transactions.csv"));
        return dir;
    });

    /// <summary>A data directory holding CDNOW_master.txt as a canonical transactions.csv.</summary>
    public static string CdnowMasterDirectory => cdnowMasterDirectory.Value;

    /// <summary>The last day of the CDNOW data.</summary>
    public static DateTime CdnowEnd { get; } = new(1998, 6, 30);
}
