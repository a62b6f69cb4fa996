using System.Globalization;
using Microsoft.Data.Analysis;
using Npgsql;
using Segmentation.Data;
using Segmentation.Analytics.Features;
using Segmentation.Data.Postgres;

namespace Segmentation.Analytics.Tests.Features;

public sealed class FeatureTableTests
{
    private static readonly DateTime Snapshot = new(2026, 10, 31);
    private static readonly DateTime IngestAsOf = new(2026, 12, 31); // later than the snapshot, so the snapshot filter is what drops later rows

    /// <summary>Five customers whose features are worked out by hand in the test below.</summary>

    private static object? Cell(DataFrame f, string id, string column)
    {
        for (long i = 0; i < f.Rows.Count; i++)
            if ((string?)f.Columns["customer_id"][i] == id) return f.Columns[column][i];
        throw new KeyNotFoundException(id);
    }

    [Fact]
    public void Hand_made_customers_get_the_features_worked_out_by_hand()
    {
        using var dir = new TempDirectory();
        HandMadeTables.Write(dir);
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(IngestAsOf));
        var f = CustomerFeatureTable.Build(ws, Snapshot);

        Assert.Equal(FeatureCatalog.Names, f.Columns.Select(c => c.Name));
        // C3 signed up after the snapshot and bought after it: not a customer yet.
        Assert.Equal(["C1", "C2", "C4", "C5"], f.Columns["customer_id"].Cast<string>());

        // C1: purchases on 01-10 (two), 03-15, 07-01; one return; 11-15 is after the snapshot.
        Assert.Equal(122L, Cell(f, "C1", "recency_days"));          // 07-01 → 10-31
        Assert.Equal(3L, Cell(f, "C1", "frequency"));
        Assert.Equal(380.0, Cell(f, "C1", "monetary"));             // 430 − 50
        Assert.Equal(294L, Cell(f, "C1", "tenure_days"));           // 01-10 → 10-31
        Assert.Equal(4L, Cell(f, "C1", "orders"));
        Assert.Equal(107.5, Cell(f, "C1", "avg_order_value"));      // 430 / 4
        Assert.Equal(86.0, Cell(f, "C1", "mean_interpurchase_days")); // 172 days / 2 gaps
        Assert.Equal(0.5, Cell(f, "C1", "online_share"));           // web + app of 4
        Assert.Equal(2L, Cell(f, "C1", "category_breadth"));
        Assert.Equal(0.2, Cell(f, "C1", "return_rate"));            // 1 / (4 + 1)
        Assert.Equal(0.75, Cell(f, "C1", "category_loyalty"));      // 3 apparel of 4
        Assert.Equal(0.25, Cell(f, "C1", "campaign_share"));
        Assert.Equal(0.5, Cell(f, "C1", "campaign_response_rate")); // bought in K1, not in K2 (up to 10-31); K3 starts later
        Assert.Equal(4.5, Cell(f, "C1", "csat_mean"));
        Assert.Equal(9.0, Cell(f, "C1", "nps_mean"));
        Assert.Equal(1L, Cell(f, "C1", "complaints"));
        Assert.Equal(3L, Cell(f, "C1", "referrals"));
        Assert.Equal(46L, Cell(f, "C1", "age"));
        Assert.Equal("bachelor", Cell(f, "C1", "education"));
        Assert.Equal(1L, Cell(f, "C1", "city_tier"));
        Assert.Equal(50000.0, Cell(f, "C1", "income"));

        // C2: registered, never bought: counts 0, purchase-based values NULL.
        Assert.Equal(0L, Cell(f, "C2", "frequency"));
        Assert.Equal(0.0, Cell(f, "C2", "monetary"));
        Assert.Equal(0L, Cell(f, "C2", "orders"));
        Assert.Equal(0L, Cell(f, "C2", "category_breadth"));
        Assert.Null(Cell(f, "C2", "recency_days"));
        Assert.Null(Cell(f, "C2", "tenure_days"));
        Assert.Null(Cell(f, "C2", "avg_order_value"));
        Assert.Null(Cell(f, "C2", "online_share"));
        Assert.Null(Cell(f, "C2", "return_rate"));
        Assert.Null(Cell(f, "C2", "campaign_response_rate"));
        Assert.Null(Cell(f, "C2", "csat_mean"));
        Assert.Equal(0L, Cell(f, "C2", "complaints"));
        Assert.Equal(0L, Cell(f, "C2", "referrals"));
        Assert.Equal(36L, Cell(f, "C2", "age"));

        // C4: one purchase 30 days before the snapshot; in the control group only.
        Assert.Equal(30L, Cell(f, "C4", "recency_days"));
        Assert.Equal(30L, Cell(f, "C4", "tenure_days"));
        Assert.Equal(1L, Cell(f, "C4", "frequency"));
        Assert.Null(Cell(f, "C4", "mean_interpurchase_days"));
        Assert.Equal(0.0, Cell(f, "C4", "online_share"));
        Assert.Equal(0.0, Cell(f, "C4", "return_rate"));
        Assert.Equal(1.0, Cell(f, "C4", "category_loyalty"));
        Assert.Null(Cell(f, "C4", "campaign_response_rate"));
        Assert.Null(Cell(f, "C4", "age"));
        Assert.Equal("small", Cell(f, "C4", "company_size"));
        Assert.Equal("retail", Cell(f, "C4", "industry"));

        // C5: only a return.
        Assert.Equal(0L, Cell(f, "C5", "frequency"));
        Assert.Equal(-30.0, Cell(f, "C5", "monetary"));
        Assert.Equal(1.0, Cell(f, "C5", "return_rate"));
        Assert.Null(Cell(f, "C5", "recency_days"));
    }

    [Fact]
    public void Average_per_occasion_divides_net_spend_by_occasions_and_is_zero_without_purchases()
    {
        using var dir = new TempDirectory();
        HandMadeTables.Write(dir);
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(IngestAsOf));
        var f = CustomerFeatureTable.Build(ws, Snapshot, new FeatureTableOptions(MonetaryMeasure.AveragePerOccasion));
        Assert.Equal(380.0 / 3, Cell(f, "C1", "monetary"));
        Assert.Equal(0.0, Cell(f, "C2", "monetary"));
        Assert.Equal(0.0, Cell(f, "C5", "monetary"));
    }

    [Fact]
    public void Without_a_customers_table_the_rows_are_the_customers_with_transactions_and_master_columns_are_null()
    {
        using var dir = new TempDirectory();
        HandMadeTables.Write(dir);
        File.Delete(dir.File("customers.csv"));
        File.Delete(dir.File("feedback.csv"));
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(IngestAsOf));
        var f = CustomerFeatureTable.Build(ws, Snapshot);
        Assert.Equal(FeatureCatalog.Names, f.Columns.Select(c => c.Name));
        Assert.Equal(["C1", "C4", "C5"], f.Columns["customer_id"].Cast<string>());
        Assert.All(new[] { "gender", "education", "age", "income", "csat_mean", "complaints", "referrals" },
            c => Assert.Equal(3, f.Columns[c].NullCount));
        Assert.Equal(0.5, Cell(f, "C1", "campaign_response_rate"));
    }

    [Fact]
    public void Bad_monetary_option_is_rejected_naming_the_parameter()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureTableOptions((MonetaryMeasure)7).Validate());
        Assert.Equal("Monetary", e.ParamName);
    }

    [Fact]
    public void Catalog_defines_every_column_once_with_unit_and_definition()
    {
        Assert.Equal(FeatureCatalog.Names.Count, FeatureCatalog.Names.Distinct().Count());
        Assert.All(FeatureCatalog.All, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Unit));
            Assert.False(string.IsNullOrWhiteSpace(f.Definition));
            Assert.False(string.IsNullOrWhiteSpace(f.NameZh));
        });
        Assert.Equal(["education", "company_size"], FeatureCatalog.NamesOf(FeatureKind.Ordinal));
        Assert.Throws<ArgumentException>(() => FeatureCatalog.Get("no_such_feature"));
    }

    /// <summary>Customers, feedback, campaigns and assignments around <see cref="GeneratedTransactions.Write"/>.</summary>
    internal static void WriteSeededTables(TempDirectory dir, int customers, int seed)
    {
        var rng = new Random(seed);
        GeneratedTransactions.Write(dir.File("transactions.csv"), customers, rows: 8_000, seed: seed);
        string[] genders = ["F", "M", "U"], education = ["primary", "secondary", "bachelor", "master"], regions = ["east", "north", "south"];
        using (var w = new StreamWriter(dir.File("customers.csv")) { NewLine = "\n" })
        {
            w.WriteLine("customer_id,signup_date,birth_year,gender,income,occupation,education,region,city_tier,company_size,industry,lifestyle,price_sensitivity");
            for (int c = 0; c < customers + 40; c++) // 40 prospects without transactions
            {
                string birth = rng.NextDouble() < 0.1 ? "" : (1950 + rng.Next(55)).ToString(CultureInfo.InvariantCulture);
                string income = rng.NextDouble() < 0.1 ? "" : (20000 + rng.Next(80000)).ToString(CultureInfo.InvariantCulture);
                var signup = new DateTime(2024, 1, 1).AddDays(rng.Next(800)); // all before the snapshot
                w.WriteLine($"C{c:D5},{signup:yyyy-MM-dd},{birth},{genders[rng.Next(3)]},{income},office,{education[rng.Next(4)]},{regions[rng.Next(3)]},{1 + rng.Next(5)},,,practical,{1 + rng.Next(5)}");
            }
        }
        using (var w = new StreamWriter(dir.File("feedback.csv")) { NewLine = "\n" })
        {
            w.WriteLine("customer_id,date,csat,nps,complaint,referred_customers");
            for (int i = 0; i < 900; i++)
            {
                var day = new DateTime(2025, 1, 1).AddDays(i % 660);
                string nps = rng.NextDouble() < 0.2 ? "" : rng.Next(11).ToString(CultureInfo.InvariantCulture);
                w.WriteLine($"C{rng.Next(customers):D5},{day:yyyy-MM-dd},{1 + rng.Next(5)},{nps},{(rng.NextDouble() < 0.1 ? 1 : 0)},{rng.Next(3)}");
            }
        }
        dir.Write("campaigns.csv", "campaign_id,name,target_segment,start,end,cost\nK1,One,all,2025-03-01,2025-04-15,1000\nK2,Two,all,2026-09-15,2026-12-31,500\n");
        using (var w = new StreamWriter(dir.File("campaign_assignments.csv")) { NewLine = "\n" })
        {
            w.WriteLine("campaign_id,customer_id,group");
            for (int c = 0; c < customers; c += 2) w.WriteLine($"K1,C{c:D5},{(c % 4 == 0 ? "treatment" : "control")}");
            for (int c = 1; c < customers; c += 3) w.WriteLine($"K2,C{c:D5},treatment");
        }
    }

    [Theory]
    [InlineData("recency_days,frequency,avg_order_value,online_share")]
    [InlineData("csat_mean,complaints")]
    [InlineData("gender,age,campaign_response_rate")]
    [InlineData("customer_id")]
    public void A_column_subset_has_the_whole_tables_rows_and_values(string columns)
    {
        var snapshot = new DateTime(2026, 6, 30);
        using var dir = new TempDirectory();
        WriteSeededTables(dir, customers: 300, seed: 11);
        using var duck = DataWorkspace.Load(dir.Path, new IngestOptions(new DateTime(2026, 10, 31)));
        var whole = CustomerFeatureTable.Build(duck, snapshot);
        var names = columns.Split(',');
        var subset = CustomerFeatureTable.Build(duck, snapshot, new FeatureTableOptions { Columns = names });
        var expected = new DataFrame(FeatureCatalog.Names.Where(n => n == "customer_id" || names.Contains(n)).Select(n => whole[n]));
        Frames.AssertIdentical(expected, subset);
    }

    [Fact]
    public void An_unknown_column_in_the_subset_is_rejected_naming_the_option()
    {
        var e = Assert.Throws<ArgumentException>(() => new FeatureTableOptions { Columns = ["recency_days", "recency"] }.Validate());
        Assert.Equal("Columns", e.ParamName);
        Assert.Contains("'recency'", e.Message);
    }

    [Trait("Requires", "PostgreSQL")]
    [Fact]
    public void Duckdb_and_postgres_build_identical_feature_tables()
    {
        var snapshot = new DateTime(2026, 6, 30);
        var asOf = new DateTime(2026, 10, 31);
        using var dir = new TempDirectory();
        WriteSeededTables(dir, customers: 300, seed: 11);
        using var duck = DataWorkspace.Load(dir.Path, new IngestOptions(asOf));
        var fromDuck = CustomerFeatureTable.Build(duck, snapshot);

        using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        admin.Open();
        var schema = PostgresServer.CreateSchema(admin);
        try
        {
            foreach (var table in new[] { "transactions", "customers", "feedback", "campaigns", "campaign_assignments" })
                PostgresServer.LoadCsv(admin, schema, table, dir.File(table + ".csv"));
            using var pg = PostgresWorkspace.Load(PostgresServer.ConnectionString, new IngestOptions(asOf), schema);
            var fromPg = CustomerFeatureTable.Build(pg, snapshot);

            Frames.AssertIdentical(fromDuck, fromPg);
            Assert.Equal(340, fromDuck.Rows.Count);
            var slim = new FeatureTableOptions { Columns = ["recency_days", "frequency", "csat_mean"] };
            Frames.AssertIdentical(CustomerFeatureTable.Build(duck, snapshot, slim), CustomerFeatureTable.Build(pg, snapshot, slim));
            // The fixture exercises every source: non-null values in each optional family.
            foreach (var c in new[] { "campaign_response_rate", "csat_mean", "nps_mean", "age", "mean_interpurchase_days" })
                Assert.True(fromDuck.Columns[c].NullCount < fromDuck.Rows.Count, c);
        }
        finally
        {
            PostgresServer.DropSchema(admin, schema);
        }
    }
}
