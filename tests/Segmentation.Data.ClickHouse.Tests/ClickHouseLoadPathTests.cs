using Segmentation.Data;
using Segmentation.Data.ClickHouse;

namespace Segmentation.Data.ClickHouse.Tests;

/// <summary>The CSV path (DuckDB writes, ClickHouse parses) must store exactly what the RowBinary path (encoded here) stores.</summary>
[Trait("Requires", "ClickHouse")]
public sealed class ClickHouseLoadPathTests
{
    private static readonly DateTime AsOf = new(2026, 12, 31);

    /// <summary>Text that CSV could mangle: separators, quotes, line breaks, padding, the NULL marker, non-ASCII; date-times
    /// whose Unix time is short (1970) or at the UInt32 limit, with fractions of a second; amounts that need rounding to cents.</summary>
    private static void WriteTrickyTransactions(TempDirectory dir) => dir.Write("transactions.csv", string.Join("\n",
        "transaction_id,customer_id,timestamp,amount,cost,quantity,channel,category,region,campaign_id,is_return",
        "\"T,1\",C1,1970-01-01 00:00:05,0.005,1.115,1,web,home,east,\\N,0",
        "\"say \"\"hi\"\"\",\" C1 \",2026-03-01 12:34:56.789,-2.675,,,app,apparel,north,\"two\nlines\",1",
        "中文 编号,C2,2106-02-07 06:28:15,123456789.99,0.01,-3,store,home,east,\"tab\there\",yes",
        "\"\"\"\",C\\2,2001-09-09 01:46:39,1e3,2.5e-1,100000,phone,sports,south,\"K\"\"2\",false",
        "T5,C3,1999-12-31 23:59:59.999999,-0.001,,7,web,beauty,east,\"\",") + "\n");

    private static byte[] Stored(ClickHouseWorkspace ws, string table) =>
        ws.Nodes[0].Bytes($"SELECT * FROM {ws.Settings.Database}.`{table}` ORDER BY __rec FORMAT RowBinary", ClickHouseStage.Query);

    [Fact]
    public void Csv_path_stores_byte_for_byte_what_the_RowBinary_path_stores()
    {
        using var tricky = new TempDirectory();
        WriteTrickyTransactions(tricky);
        using var trickyDuck = DataWorkspace.Load(tricky.Path, new IngestOptions(new DateTime(2106, 2, 7, 23, 0, 0)));
        using var hand = new TempDirectory();
        HandMadeTables.Write(hand);
        using var handDuck = DataWorkspace.Load(hand.Path, new IngestOptions(AsOf));

        Assert.True(trickyDuck.Report.For("transactions")!.RowsAccepted >= 4, string.Join("; ", trickyDuck.Report.For("transactions")!.Rejects.Select(r => r.ToString())));
        // The tricky strings survive validation, so the comparison below exercises them.
        var campaigns = trickyDuck.Table("transactions").Columns["campaign_id"].Cast<object?>().ToArray();
        Assert.Contains("two\nlines", campaigns);
        Assert.Contains("\\N", campaigns);
        Assert.Contains("T,1", trickyDuck.Table("transactions").Columns["transaction_id"].Cast<object?>());

        var binary = ClickHouseCluster.Open();
        var csv = ClickHouseCluster.Open();
        var chunked = ClickHouseCluster.Open();
        try
        {
            foreach (var (duck, tables) in new[] { (trickyDuck, new[] { "transactions" }), (handDuck, new[] { "transactions", "feedback", "campaigns", "campaign_assignments", "customers" }) })
                foreach (var table in tables)
                {
                    bool floating = table == "customers"; // income is Float64: Auto sends it as RowBinary, Csv refuses it
                    var viaBinary = binary.LoadTable(duck, table, "b", path: ClickHouseLoadPath.RowBinary);
                    var viaCsv = csv.LoadTable(duck, table, "b", path: ClickHouseLoadPath.Auto);
                    var viaChunks = floating ? viaCsv : chunked.LoadTable(duck, table, "b", rowsPerInsert: 2, path: ClickHouseLoadPath.Csv);
                    Assert.Equal(floating ? ClickHouseLoadPath.RowBinary : ClickHouseLoadPath.Csv, viaCsv.Path);
                    Assert.Equal(ClickHouseLoadPath.RowBinary, viaBinary.Path);
                    Assert.Equal(duck.Report.For(table)!.RowsAccepted, viaCsv.RowsInCluster);
                    Assert.Equal(viaBinary.RowsInCluster, viaCsv.RowsInCluster);
                    var expected = Stored(binary, table);
                    Assert.Equal(expected, Stored(csv, table));
                    if (!floating) Assert.Equal(expected, Stored(chunked, table));
                    else Assert.Throws<ArgumentException>(() => chunked.LoadTable(duck, table, "b", path: ClickHouseLoadPath.Csv));
                }
        }
        finally
        {
            ClickHouseCluster.Drop(binary);
            ClickHouseCluster.Drop(csv);
            ClickHouseCluster.Drop(chunked);
        }
    }

    [Fact]
    public void A_date_time_before_1970_is_refused_by_both_paths_and_nothing_counts_as_loaded()
    {
        using var dir = new TempDirectory();
        dir.Write("transactions.csv", "transaction_id,customer_id,timestamp,amount\nT1,C1,2026-01-01 10:00:00,5\nT2,C1,1969-12-31 23:59:59,5\n");
        using var duck = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        Assert.Equal(2, duck.Report.For("transactions")!.RowsAccepted);
        var ws = ClickHouseCluster.Open();
        try
        {
            foreach (var path in new[] { ClickHouseLoadPath.Csv, ClickHouseLoadPath.RowBinary })
            {
                var e = Assert.Throws<ArgumentException>(() => ws.LoadTable(duck, "transactions", "b", path: path));
                Assert.Contains("1970", e.Message);
            }
        }
        finally { ClickHouseCluster.Drop(ws); }
    }
}
