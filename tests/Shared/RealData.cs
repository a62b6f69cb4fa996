using Segmentation.Data;

namespace Segmentation.Testing;

/// <summary>Shared, lazily built real-data fixtures (read-only after creation).</summary>
public static class RealData
{
    private static readonly Lazy<string> cdnowMasterDirectory = new(() => CdnowDirectory("master", """{ "tables": { "transactions": { "zero_amounts": "reject" } } }""" + "\n"));
    private static readonly Lazy<string> cdnowRawDirectory = new(() => CdnowDirectory("raw", null));
    private static readonly Lazy<string> cdnowSampleDirectory = new(() => CdnowDirectory("sample", null, "CDNOW_sample.txt"));

    private static string CdnowDirectory(string name, string? schema, string source = "CDNOW_master.txt")
    {
        var dir = Path.Combine(Path.GetTempPath(), $"segtest-cdnow-{name}-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        CdnowFormat.ToTransactionsCsv(RepoPaths.Data("real", "cdnow", source), Path.Combine(dir, "transactions.csv"));
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

    /// <summary>
    /// CDNOW_sample.txt (the 1/10 sample of 2,357 customers of Fader, Hardie &amp; Lee 2005; its sample ids) as a canonical
    /// transactions.csv read with the default rules: the data of the published BG/NBD and Gamma-Gamma estimates.
    /// </summary>
    public static string CdnowSampleDirectory => cdnowSampleDirectory.Value;

    /// <summary>The last day of the CDNOW data.</summary>
    public static DateTime CdnowEnd { get; } = new(1998, 6, 30);
}
