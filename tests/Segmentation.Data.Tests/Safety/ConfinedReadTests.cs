using System.Diagnostics;
using DuckDB.NET.Data;

namespace Segmentation.Data.Tests.Safety;

/// <summary>
/// Files named by a schema.json that came with the data (or found by their default names) stay inside the data
/// directory; patterns and special files are never read; the engine itself can read nothing else.
/// </summary>
public sealed class ConfinedReadTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);
    private const string Secret = "password=hunter2-planted";
    private const string Transactions = "transaction_id,customer_id,timestamp,amount\nT1,C1,2026-01-05,5\n";

    private static (TempDirectory Root, string Data) Setup()
    {
        var root = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(root.Path, "secret"));
        File.WriteAllText(Path.Combine(root.Path, "secret", "creds.txt"), "transaction_id,customer_id,timestamp,amount\n" + Secret + ",C1,2026-01-05,5\n");
        var data = Path.Combine(root.Path, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "tx1.csv"), Transactions);
        File.WriteAllText(Path.Combine(data, "sales1.csv"), Transactions);
        return (root, data);
    }

    [Theory]
    [InlineData("../secret/creds.txt", "leaves the data directory")]
    [InlineData("sub/../../secret/creds.txt", "leaves the data directory")]
    [InlineData("ROOT/secret/creds.txt", "absolute path")]
    [InlineData("/proc/self/environ", "absolute path")]
    [InlineData("/dev/zero", "absolute path")]
    [InlineData("tx*.csv", "pattern")]
    [InlineData("sales[1].csv", "pattern")]
    [InlineData("tx?.csv", "pattern")]
    [InlineData("{tx1,sales1}.csv", "pattern")]
    public void A_schema_found_with_the_data_names_only_files_inside_it(string file, string why)
    {
        var (root, data) = Setup();
        using var _ = root;
        file = file.Replace("ROOT", root.Path, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(data, "schema.json"), "{\"tables\":{\"transactions\":{\"file\":" + System.Text.Json.JsonSerializer.Serialize(file) + "}}}");
        var e = Assert.Throws<DataFileException>(() => DataWorkspace.Load(data, new IngestOptions(AsOf)));
        Assert.Contains("tables.transactions.file", e.Message);
        Assert.Contains(why, e.Message);
        Assert.DoesNotContain("hunter2", e.ToString());
    }

    [Fact]
    public void A_link_leading_out_of_the_data_directory_is_not_followed()
    {
        var (root, data) = Setup();
        using var _ = root;
        File.CreateSymbolicLink(Path.Combine(data, "transactions.csv"), Path.Combine(root.Path, "secret", "creds.txt"));
        var e = Assert.Throws<DataFileException>(() => DataWorkspace.Load(data, new IngestOptions(AsOf)));
        Assert.Contains("link to a file outside the data directory", e.Message);
        Assert.DoesNotContain("hunter2", e.ToString());
    }

    [Fact]
    public void A_schema_json_linked_from_elsewhere_is_not_picked_up()
    {
        var (root, data) = Setup();
        using var _ = root;
        File.WriteAllText(Path.Combine(data, "transactions.csv"), Transactions);
        File.WriteAllText(Path.Combine(root.Path, "secret", "schema.json"), """{"tables":{"transactions":{"file":"/etc/hostname"}}}""");
        File.CreateSymbolicLink(Path.Combine(data, "schema.json"), Path.Combine(root.Path, "secret", "schema.json"));
        var e = Assert.Throws<DataFileException>(() => DataWorkspace.Load(data, new IngestOptions(AsOf)));
        Assert.Contains("schema.json", e.Message);
        Assert.Contains("outside the data directory", e.Message);
    }

    [Fact]
    public void A_link_inside_the_data_directory_is_read()
    {
        var (root, data) = Setup();
        using var _ = root;
        File.CreateSymbolicLink(Path.Combine(data, "transactions.csv"), Path.Combine(data, "tx1.csv"));
        using var ws = DataWorkspace.Load(data, new IngestOptions(AsOf));
        Assert.Equal(1, ws.Report.For("transactions")!.RowsAccepted);
    }

    [Fact]
    public void Special_files_are_refused_even_from_a_trusted_schema()
    {
        var (root, data) = Setup();
        using var _ = root;
        var mapping = SchemaMapping.Parse("""{"tables":{"transactions":{"file":"/dev/zero"}}}""", "test");
        var e = Assert.Throws<DataFileException>(() => DataWorkspace.Load(data, new IngestOptions(AsOf, mapping)));
        Assert.Contains("device or special file", e.Message);

        // A FIFO in the data directory: refused at once, never opened (opening one would block).
        var fifo = Path.Combine(data, "transactions.csv");
        using (var p = Process.Start("mkfifo", fifo)) p.WaitForExit();
        var watch = Stopwatch.StartNew();
        e = Assert.Throws<DataFileException>(() => DataWorkspace.Load(data, new IngestOptions(AsOf)));
        Assert.Contains("device or special file", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void A_trusted_schema_may_name_a_file_elsewhere()
    {
        var (root, data) = Setup();
        using var _ = root;
        var elsewhere = Path.Combine(root.Path, "elsewhere.csv");
        File.WriteAllText(elsewhere, Transactions);
        var mapping = SchemaMapping.Parse("{\"tables\":{\"transactions\":{\"file\":" + System.Text.Json.JsonSerializer.Serialize(elsewhere) + "}}}", "test");
        using var ws = DataWorkspace.Load(data, new IngestOptions(AsOf, mapping));
        Assert.Equal(1, ws.Report.For("transactions")!.RowsAccepted);
    }

    [Fact]
    public void The_engine_of_a_loaded_directory_reads_no_file_outside_it()
    {
        var (root, data) = Setup();
        using var _ = root;
        File.WriteAllText(Path.Combine(data, "transactions.csv"), Transactions);
        using var ws = DataWorkspace.Load(data, new IngestOptions(AsOf));
        var creds = Path.Combine(root.Path, "secret", "creds.txt").Replace("'", "''", StringComparison.Ordinal);
        Assert.ThrowsAny<DuckDBException>(() => ws.Read($"SELECT * FROM read_csv('{creds}')", r => r.Read()));
        Assert.ThrowsAny<DuckDBException>(() => ws.Execute($"COPY (SELECT 1) TO '{Path.Combine(root.Path, "out.csv")}'"));
        Assert.False(File.Exists(Path.Combine(root.Path, "out.csv")));
        // Inside the directory it still reads.
        var inside = Path.Combine(data, "tx1.csv").Replace("'", "''", StringComparison.Ordinal);
        Assert.True(ws.Read($"SELECT count(*) FROM read_csv('{inside}')", r => r.Read()));
    }

    [Fact]
    public void A_data_directory_whose_name_looks_like_a_pattern_is_read_as_it_is()
    {
        using var root = new TempDirectory();
        var data = Path.Combine(root.Path, "export[2026]{a}");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "transactions.csv"), Transactions + "T2,C2,2026-01-06,7\n");
        // A sibling the pattern would match if it were expanded.
        Directory.CreateDirectory(Path.Combine(root.Path, "export2a"));
        File.WriteAllText(Path.Combine(root.Path, "export2a", "transactions.csv"), Transactions);
        using var ws = DataWorkspace.Load(data, new IngestOptions(AsOf));
        Assert.Equal(2, ws.Report.For("transactions")!.RowsAccepted);
    }
}
