using Npgsql;
using Segmentation.Data;
using Segmentation.Analytics.Evaluation;
using Segmentation.Data.Postgres;

namespace Segmentation.Analytics.Tests.Evaluation;

[Collection(SyntheticSampleCollection.Name)]
public sealed class KpiEngineEquivalenceTests(SyntheticSample sample)
{
    [Trait("Requires", "PostgreSQL")]
    [Fact]
    public void Duckdb_and_postgres_give_identical_kpi_tables()
    {
        using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        admin.Open();
        var schema = PostgresServer.CreateSchema(admin);
        try
        {
            foreach (var table in new[] { "transactions", "customers", "feedback", "campaigns", "campaign_assignments", "market" })
                PostgresServer.LoadCsv(admin, schema, table, sample.Directory.File(table + ".csv"));
            using var pg = PostgresWorkspace.Load(PostgresServer.ConnectionString, new IngestOptions(SyntheticSample.AsOf), schema);
            foreach (var options in new[] { new KpiOptions(new DateOnly(2026, 10, 1), ReportingCycle.Monthly, 13), new KpiOptions(new DateOnly(2026, 9, 1), ReportingCycle.Quarterly, 4) })
            {
                var fromDuck = KpiCalculator.Compute(sample.Workspace, sample.Assignment, options);
                var fromPg = KpiCalculator.Compute(pg, sample.Assignment, options);
                Assert.Equal(fromDuck.Rows.Count, fromPg.Rows.Count);
                for (int i = 0; i < fromDuck.Rows.Count; i++)
                    Assert.True(fromDuck.Rows[i] == fromPg.Rows[i], $"row {i}:\n duckdb   {fromDuck.Rows[i].Counts} {fromDuck.Rows[i].MarketSize}\n postgres {fromPg.Rows[i].Counts} {fromPg.Rows[i].MarketSize}");
                Assert.Contains(fromDuck.Rows, r => r.MarketShare is > 0);
            }
        }
        finally
        {
            PostgresServer.DropSchema(admin, schema);
        }
    }
}
