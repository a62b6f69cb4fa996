using System.Globalization;
using System.Text.Json;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Randomness;
using Segmentation.Reports.Monthly;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Tests.Monthly;

/// <summary>Issue 20, point 2: a group under the minimum size cannot be read back from any table, not even by subtraction.</summary>
public sealed class SuppressionTests(MonthlyReportFixture sample, TransactionsOnlyFixture retail)
    : IClassFixture<MonthlyReportFixture>, IClassFixture<TransactionsOnlyFixture>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [Fact]
    public void One_small_count_in_a_line_is_hidden_with_the_smallest_other()
    {
        Assert.Equal([false, true, false, true], SmallGroupSuppression.Line([100, 5, 80, 40], 10));
        Assert.Equal([false, true, true, false], SmallGroupSuppression.Line([100, 5, 3, 40], 10)); // two small: safe already
        Assert.Equal([false, false, false], SmallGroupSuppression.Line([100, 0, 40], 10));        // zeros print
        Assert.Equal([true, true], SmallGroupSuppression.Line([4, 0], 10));                       // nothing positive to pair: all
    }

    [Fact]
    public void Random_matrices_leave_no_row_or_column_with_a_single_hidden_count()
    {
        var random = new StreamRandom(20261);
        for (int trial = 0; trial < 300; trial++)
        {
            int rows = 2 + (int)(random.NextDouble() * 6), columns = 2 + (int)(random.NextDouble() * 6);
            long[][] counts = [.. Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, columns)
                .Select(_ => random.NextDouble() < 0.3 ? 0L : (long)Math.Floor(Math.Exp(random.NextDouble() * 6))).ToArray())];
            var hidden = SmallGroupSuppression.Matrix([.. counts.Select(r => (IReadOnlyList<long>)r)], 10);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++)
                    if (counts[i][j] is > 0 and < 10) Assert.True(hidden[i][j]);
            // Safe, or (a line whose only positive count is small: nothing to pair it with) hidden whole.
            for (int i = 0; i < rows; i++) Assert.True(SmallGroupSuppression.IsSafe(counts[i], hidden[i]) || hidden[i].All(h => h), $"trial {trial} row {i}");
            for (int j = 0; j < columns; j++)
                Assert.True(SmallGroupSuppression.IsSafe([.. counts.Select(r => r[j])], [.. hidden.Select(r => r[j])]) || hidden.All(r => r[j]), $"trial {trial} column {j}");
        }
    }

    /// <summary>A cell as a number, or null when it is hidden ("&lt;10", "–").</summary>
    private static double? Number(string cell)
    {
        string c = cell.Replace(",", "").Replace("%", "").Replace("*", "").Trim();
        return double.TryParse(c, NumberStyles.Float, Inv, out double v) ? v : null;
    }

    /// <summary>Tries to solve a hidden count from a column whose total row is printed: total − Σ shown, when exactly one is hidden.</summary>
    private static void AssertNoSingleUnknown(ReportTable table, int column, int totalRow, string what)
    {
        var body = table.Rows.Where((_, i) => i != totalRow).Select(r => r.Cells[column]).ToArray();
        var unknown = body.Where(c => Number(c) is null).ToArray();
        Assert.True(unknown.Length != 1 || Number(table.Rows[totalRow].Cells[column]) is null, $"{what}: one hidden value = total − the rest");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    [InlineData(600)]
    public void No_hidden_group_of_the_sample_can_be_recovered_from_the_totals(int minimum)
    {
        // With a minimum of 600 the segments of 579 and 247 customers (and the empty prospects) are under it.
        foreach (var run in new[] { sample.Run, retail.Run })
        {
            var m = MonthlyReportModel.Create(run, new MonthlyReportOptions(ReportLanguage.En, new ReportFormat(minimum)));
            var hidden = run.Result.Segments.Where(s => run.Result.Kpis.Row(s.Key, run.Result.Kpis.Periods.Count - 1).Customers is > 0 and var n && n < minimum).ToArray();
            var overview = m.Overview.Table;
            int last = overview.Rows.Count - 1;
            // Additive columns only (counts, shares, amounts; a mean or a rate of the total is no sum of the rows).
            for (int column = 2; column < overview.Header.Count - 1; column++) AssertNoSingleUnknown(overview, column, last, $"overview '{overview.Header[column]}'");
            var kpis = m.Kpis.Table;
            foreach (var id in new[] { "revenue_before", "revenue_after" })
                AssertNoSingleUnknown(kpis, m.Kpis.Columns.ToList().IndexOf(id), kpis.Rows.Count - 1, $"KPIs '{id}'");
            if (m.Playbook.Budget is { } budget)
            {
                // The budget is printed in the heading: its amounts and shares are a column with a known total.
                var amounts = budget.Table.Rows.Select(r => r.Cells[5]).ToArray();
                Assert.True(amounts.Count(a => Number(a) is null) != 1, "budget: one hidden amount = budget − the rest");
                Assert.True(budget.Table.Rows.Count(r => Number(r.Cells[4]) is null) != 1, "budget: one hidden share = 100 % − the rest");
            }
            if (m.Churn.Table is { } churn)
                for (int column = 1; column < 3; column++) AssertNoSingleUnknown(churn, column, churn.Rows.Count - 1, $"churn '{churn.Header[column]}'");
            if (m.Migration.Table is { } migration)
            {
                // Row and column sums are known (row shares give the rows, segment sizes the columns).
                // A hidden zero gives nothing away; a line hidden whole (its shares blank) has no known total.
                var truth = run.Result.Migration!.Counts;
                var cells = migration.Rows.Select(r => r.Cells.Skip(1).Select(c => (Value: Number(c), Text: c)).ToArray()).ToArray();
                for (int i = 0; i < cells.Length; i++)
                    Assert.True(cells[i].Where((c, j) => c.Value is null && truth[i][j] > 0).Count() != 1 || cells[i].All(c => c.Value is null),
                        "migration row with one hidden count");
                for (int j = 0; j < cells[0].Length; j++)
                    Assert.True(cells.Where((r, i) => r[j].Value is null && truth[i][j] > 0).Count() != 1 || cells.All(r => r[j].Value is null),
                        "migration column with one hidden count");
                foreach (var (row, i) in m.Migration.Heatmap!.RowShares.Select((r, i) => (r, i)))
                    for (int j = 0; j < row.Count; j++)
                        if (cells[i][j].Value is null) Assert.True(double.IsNaN(row[j]), "a share printed beside a hidden count");
            }
            // No printed word is a hidden segment's exact size (descriptions included).
            var words = PdfReadBack.Read(new MonthlyReport(m).Compose().GeneratePdf()).Pages.SelectMany(p => p.Words).ToHashSet();
            foreach (var s in hidden)
            {
                long n = run.Result.Kpis.Row(s.Key, run.Result.Kpis.Periods.Count - 1).Customers;
                if (n >= 10) Assert.DoesNotContain(n.ToString("N0", Inv), words);
            }
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    [InlineData(600)]
    public void No_hidden_count_can_be_recovered_from_the_evaluation_json(int minimum)
    {
        foreach (var run in new[] { sample.Run, retail.Run })
        {
            // What `seg evaluate --json` writes, read back as a stranger would.
            using var json = JsonDocument.Parse(Segmentation.Analytics.Serialization.ModelJson.Serialize(EvaluationExport.Create(run, new ReportFormat(minimum))));
            var root = json.RootElement;
            long? Value(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetInt64();
            var kpis = root.GetProperty("kpis").EnumerateArray().ToArray();
            int last = run.Result.Kpis.Periods.Count - 1;
            foreach (var (name, truth) in new (string, Func<KpiRow, long>)[]
                     { ("customers", x => x.Customers), ("activeCustomers", x => x.ActiveCustomers), ("newCustomers", x => x.NewCustomers), ("churnedCustomers", x => x.ChurnedCustomers) })
            {
                var segments = kpis.Where(k => k.GetProperty("segment").GetString() != KpiRow.AllCustomers).ToArray();
                var real = segments.Select(k => truth(run.Result.Kpis.Row(k.GetProperty("segment").GetString()!, last))).ToArray();
                var printed = segments.Select(k => Value(k, name)).ToArray();
                Assert.All(printed, v => Assert.False(v is > 0 && v < minimum, $"{name}: a count under {minimum} is printed"));
                Assert.True(Enumerable.Range(0, real.Length).Count(i => printed[i] is null && real[i] > 0) != 1, $"{name}: total − the rest gives one hidden count");
            }
            var budget = root.GetProperty("budgetAllocation").EnumerateArray().ToArray();
            Assert.True(budget.Count(b => b.GetProperty("amount").ValueKind == JsonValueKind.Null) != 1, "budget − the rest gives one hidden amount");
            if (run.Result.ChurnRisk is { } risk)
            {
                var churn = root.GetProperty("churnRisk").EnumerateArray().Where(x => x.GetProperty("segment").GetString() != KpiRow.AllCustomers).ToArray();
                var real = risk.Segments.Where(x => x.Segment != KpiRow.AllCustomers).Select(x => x.AtRiskCustomers).ToArray();
                Assert.True(Enumerable.Range(0, real.Length).Count(i => Value(churn[i], "atRiskCustomers") is null && real[i] > 0) != 1, "at-risk total − the rest");
            }
            if (run.Result.Migration is { } m)
            {
                var counts = root.GetProperty("segmentMigration").GetProperty("counts").EnumerateArray()
                    .Select(r => r.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Null ? (long?)null : c.GetInt64()).ToArray()).ToArray();
                for (int i = 0; i < counts.Length; i++)
                    Assert.True(counts[i].Where((c, j) => c is null && m.Counts[i][j] > 0).Count() != 1 || counts[i].All(c => c is null), "migration row");
                for (int j = 0; j < counts[0].Length; j++)
                    Assert.True(counts.Where((r, i) => r[j] is null && m.Counts[i][j] > 0).Count() != 1 || counts.All(r => r[j] is null), "migration column");
            }
        }
    }
}
