using Segmentation.Data;

namespace Segmentation.Testing;

/// <summary>Shared, lazily built real-data fixtures (read-only after creation).</summary>
public static class RealData
{
    private static readonly Lazy<string> cdnowMasterDirectory = new(() => CdnowDirectory("master", """{ "tables": { "transactions": { "zero_amounts": "reject" } } }""" + "\n"));
    private static readonly Lazy<string> cdnowRawDirectory = new(() => CdnowDirectory("raw", null));

    private static string CdnowDirectory(string name, string? schema)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"segtest-cdnow-{name}-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        CdnowFormat.ToTransactionsCsv(RepoPaths.Data("real", "cdnow", "CDNOW_master.txt"), Path.Combine(dir, "transactions.csv"));
        if (schema is not null) File.WriteAllText(Path.Combine(dir, "schema.json"), schema);
        return dir;
    }

    /// <summary>
    /// A data directory holding CDNOW_master.txt as a canonical transactions.csv, with a schema.json that rejects the
    /// 80 zero-value rows: the definition of the published references (BG/NBD, tests/reference/rfm) drops them.
    /// </summary>
    public static string CdnowMasterDirectory => cdnowMasterDirectory.Value;

    /// <summary>The same transactions.csv without a schema: read with the default rules (zero amounts kept and flagged).</summary>
    public static string CdnowRawDirectory => cdnowRawDirectory.Value;

    /// <summary>The last day of the CDNOW data.</summary>
    public static DateTime CdnowEnd { get; } = new(1998, 6, 30);
}
