using Segmentation.Data;
using Segmentation.Data.ClickHouse;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Features;

namespace Segmentation.Data.ClickHouse.Tests;

/// <summary>A Parquet file validated in place (its clean table is a view) loads into the cluster by either path.</summary>
[Trait("Requires", "ClickHouse")]
public sealed class InPlaceLoadTests
{
    [Theory]
    [InlineData(ClickHouseLoadPath.Csv)]
    [InlineData(ClickHouseLoadPath.RowBinary)]
    public void A_parquet_file_validated_in_place_loads_every_accepted_row_once(ClickHouseLoadPath path)
    {
        using var dir = new TempDirectory();
        var csv = dir.File("source.csv");
        GeneratedTransactions.Write(csv, customers: 300, rows: 6_000, seed: 5);
        var asOf = new DateTime(2026, 10, 31);
        var parquetDir = Directory.CreateDirectory(Path.Combine(dir.Path, "parquet")).FullName;
        using (var scratch = DataWorkspace.Create(new IngestOptions(asOf)))
            scratch.Execute($"COPY (SELECT * REPLACE (CAST(\"timestamp\" AS TIMESTAMP) AS \"timestamp\", TRY_CAST(amount AS DOUBLE) AS amount, TRY_CAST(cost AS DOUBLE) AS cost, CAST(quantity AS BIGINT) AS quantity, CAST(is_return AS BOOLEAN) AS is_return) FROM read_csv('{csv}', header = true, all_varchar = true)) TO '{Path.Combine(parquetDir, "transactions.parquet")}' (FORMAT parquet)");
        using var duck = DataWorkspace.Load(parquetDir, new IngestOptions(asOf));
        Assert.True(duck.IsInPlace("transactions"), "typed Parquet is validated in place");
        var ws = ClickHouseCluster.Open();
        try
        {
            var load = ws.LoadTable(duck, "transactions", "b1", rowsPerInsert: 1_000, path: path);
            long accepted = duck.Report.For("transactions")!.RowsAccepted;
            Assert.True(duck.Report.For("transactions")!.Rejects.Count > 0, "the file has planted bad rows");
            Assert.Equal(accepted, load.RowsInCluster);
            Assert.Equal(accepted, ws.Count("transactions"));
            Frames.AssertIdentical(
                duck.Query(CustomerAggregateQuery.Render(DuckDbDialect.Instance, asOf)),
                ws.Query(CustomerAggregateQuery.Render(ClickHouseDialect.Instance, asOf)));
        }
        finally { ClickHouseCluster.Drop(ws); }
    }
}
