namespace Segmentation.Benchmarks;

/// <summary>Seeded synthetic inputs written by DuckDB SQL (the same N always gives the same rows), shared by benchmarks.</summary>
public static class BenchData
{
    /// <summary>
    /// A SELECT of <paramref name="n"/> transactions of <paramref name="customers"/> customers over 2024-11..2026-10 in the
    /// canonical columns: 2.5 % returns (negative amounts), four channels, six categories; with <paramref name="campaigns"/>
    /// every tenth purchase carries campaign K1.
    /// </summary>
    public static string TransactionsSelect(long n, long customers, bool campaigns) => $"""
        SELECT 'T' || lpad(CAST(i AS VARCHAR), 10, '0') AS transaction_id,
               'C' || lpad(CAST(hash(i) % {customers} AS VARCHAR), 8, '0') AS customer_id,
               TIMESTAMP '2024-11-01' + to_seconds(CAST(hash(i * 7 + 1) % 63072000 AS BIGINT)) AS "timestamp",
               CASE WHEN hash(i * 3) % 40 = 0 THEN -1 ELSE 1 END * round(5 + (hash(i * 13) % 30000) / 100.0, 2) AS amount,
               round((5 + (hash(i * 13) % 30000) / 100.0) * 0.6, 2) AS cost,
               CAST(1 + hash(i * 17) % 3 AS BIGINT) AS quantity,
               ['web', 'app', 'store', 'phone'][1 + CAST(hash(i * 19) % 4 AS INTEGER)] AS channel,
               ['apparel', 'beauty', 'electronics', 'grocery', 'home', 'sports'][1 + CAST(hash(i * 23) % 6 AS INTEGER)] AS category,
               'east' AS region,
               {(campaigns ? "CASE WHEN hash(i * 29) % 10 = 0 THEN 'K1' END" : "CAST(NULL AS VARCHAR)")} AS campaign_id,
               hash(i * 3) % 40 = 0 AS is_return
        FROM range({n}) t(i)
        """;
}
