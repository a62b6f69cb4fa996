using DuckDB.NET.Data;
using Segmentation.Experiments;

namespace Segmentation.Experiments.Tests;

/// <summary>The Hillstrom e-mail experiment read once per test class, and an independent DuckDB connection for reference sums.</summary>
public sealed class HillstromExperiment
{
    public static string File => RepoPaths.Data("real", "hillstrom", "hillstrom.csv");

    public ExperimentData Data { get; } = ExperimentFile.Read(File, ExperimentSchema.Hillstrom);

    /// <summary>Runs <paramref name="sql"/> (with <c>{file}</c> replaced by a read_csv of the file) in a fresh DuckDB and returns the rows.</summary>
    public static List<object[]> Sql(string sql)
    {
        using var c = new DuckDBConnection("DataSource=:memory:");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql.Replace("{file}", $"read_csv_auto('{File}', header = true)");
        using var r = cmd.ExecuteReader();
        var rows = new List<object[]>();
        while (r.Read())
        {
            var row = new object[r.FieldCount];
            r.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>|a − b| ≤ tol·max(|a|, |b|), with exact equality for zeros.</summary>
    public static void AssertRelative(double expected, double actual, double tolerance, string what)
    {
        double scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale, $"{what}: expected {expected:R}, got {actual:R} (relative tolerance {tolerance})");
    }
}
