using System.IO.Compression;
using System.Text;
using Segmentation.Data;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Tests.Text;

/// <summary>
/// Real exports are messier than the canonical files: each test reads one fixture with a known defect of form and checks
/// that every row lands where it should and that physical lines and records both reconcile.
/// </summary>
public sealed class RealFileReadingTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);
    private const string Header = "transaction_id,customer_id,timestamp,amount";

    private static (TableIngest Ingest, Microsoft.Data.Analysis.DataFrame Rows) Read(string path, SchemaMapping? mapping = null, string table = "transactions")
    {
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf, mapping));
        var ingest = ws.Ingest(table, path);
        return (ingest, ws.Table(table));
    }

    private static string Rows(int from, int count, string newline = "\n") =>
        string.Concat(Enumerable.Range(from, count).Select(i => $"T{i},C{i % 7},2026-01-05 10:00:00,{i}.50{newline}"));

    [Fact]
    public void A_header_ending_in_LF_over_rows_ending_in_CRLF_reads_every_row()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("transactions.csv", Header + "\n" + Rows(1, 5, "\r\n") + "T6,C1,2026-01-06,6\rT7,C1,2026-01-07,7");
        var (ingest, rows) = Read(path);
        Assert.Equal(7, ingest.RowsRead);
        Assert.Equal(7, ingest.RowsAccepted);
        Assert.Empty(ingest.Rejects);
        Assert.Equal("LF+CRLF+CR", ingest.Lines!.LineEndings);
        Assert.Equal(new TextLines(8, 1, 0, 7, 0, "LF+CRLF+CR"), ingest.Lines);
        Assert.True(ingest.Reconciles);
        Assert.Equal(["T1", "T2", "T3", "T4", "T5", "T6", "T7"], rows["transaction_id"].Cast<string>());
        Assert.Equal(7.0, rows["amount"].Cast<double?>().Last());
    }

    [Fact]
    public void Trailing_rows_of_delimiters_and_blank_lines_are_counted_as_blank_not_rejected()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("transactions.csv", Header + "\n" + Rows(1, 3) + "\n,,,\n   \n" + Rows(4, 1) + ",,,\n,,,\n\"\",,,\n");
        var (ingest, _) = Read(path);
        Assert.Equal(4, ingest.RowsRead);
        Assert.Equal(4, ingest.RowsAccepted);
        Assert.Empty(ingest.Rejects);
        Assert.Equal(6, ingest.Lines!.Blank);
        Assert.Equal(11, ingest.Lines.Physical);
        Assert.True(ingest.Reconciles);
    }

    public static TheoryData<string, string> Boms => new()
    {
        { "utf-8", "utf-8" },
        { "utf-16le", "utf-16le" },
        { "utf-16be", "utf-16be" },
    };

    [Theory]
    [MemberData(nameof(Boms))]
    public void A_byte_order_mark_decides_the_encoding_and_is_not_part_of_the_first_header(string encodingName, string reported)
    {
        Encoding encoding = encodingName switch
        {
            "utf-8" => new UTF8Encoding(true),
            "utf-16le" => new UnicodeEncoding(false, true),
            _ => new UnicodeEncoding(true, true),
        };
        using var dir = new TempDirectory();
        var path = dir.File("transactions.csv");
        File.WriteAllText(path, Header + "\r\n" + "T1,客户1,2026-01-05,12.5\r\nT2,C2,2026-01-06,3\r\n", encoding);
        var (ingest, rows) = Read(path);
        Assert.Equal(reported, ingest.Encoding);
        Assert.Equal(2, ingest.RowsAccepted);
        Assert.Equal(["客户1", "C2"], rows["customer_id"].Cast<string>());
        Assert.True(ingest.Reconciles);
    }

    [Fact]
    public void A_gzip_file_is_sniffed_after_decompression()
    {
        using var dir = new TempDirectory();
        var path = dir.File("transactions.csv.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Optimal))
        using (var w = new StreamWriter(gz, new UTF8Encoding(false)))
            w.Write("transaction_id;customer_id;timestamp;amount\r\nT1;C1;2026-01-05;12.5\r\nT2;C2;2026-01-06;\"3.25\"\r\n");
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        var ingest = ws.Report.For("transactions")!;
        Assert.Equal(2, ingest.RowsAccepted);
        Assert.True(ingest.Reconciles);
        Assert.Equal([12.5, 3.25], ws.Table("transactions")["amount"].Cast<double?>().Select(a => a!.Value));
    }

    [Fact]
    public void A_quoted_header_holding_the_delimiter_is_one_column()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("sales.csv", "\"Invoice, No\",\"Customer\",\"Date\",\"Amount, GBP\"\n\"A1\",\"C1\",\"2026-01-05\",12.5\n");
        var mapping = SchemaMapping.Default.With("transactions", new TableMapping
        {
            Columns = new Dictionary<string, ColumnSource> { ["transaction_id"] = "Invoice, No", ["customer_id"] = "Customer", ["timestamp"] = "Date", ["amount"] = "Amount, GBP" },
        });
        var (ingest, rows) = Read(path, mapping);
        Assert.Equal(1, ingest.RowsAccepted);
        Assert.Equal("A1", rows["transaction_id"][0]);
        Assert.Equal(12.5, rows["amount"][0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_runaway_quote_is_rejected_on_its_line_and_the_2000_rows_after_it_are_read(bool quotedRows)
    {
        using var dir = new TempDirectory();
        string good = quotedRows
            ? string.Concat(Enumerable.Range(3, 2000).Select(i => $"\"T{i}\",\"C{i % 7}\",\"2026-01-05 10:00:00\",{i}\n"))
            : Rows(3, 2000);
        var path = dir.Write("transactions.csv", Header + "\nT1,C1,2026-01-05,1\nT2,\"C2,2026-01-05,2\n" + good);
        var (ingest, rows) = Read(path);
        Assert.Equal(2002, ingest.RowsRead);
        Assert.Equal(2001, ingest.RowsAccepted);
        var reject = Assert.Single(ingest.Rejects);
        Assert.Equal((3L, RejectRules.Malformed), (reject.Row, reject.Rule));
        Assert.Contains("runaway quote", reject.Reason);
        Assert.Null(reject.Value);
        Assert.Equal(new TextLines(2003, 1, 0, 2001, 1, "LF"), ingest.Lines);
        Assert.True(ingest.Reconciles);
        Assert.Equal("T2002", rows["transaction_id"][2000]);
    }

    [Fact]
    public void A_quoted_field_over_two_lines_is_one_record_reported_at_its_first_line()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("customers.csv", "customer_id,industry,gender\nC1,\"retail\nand online\",F\nC2,food,X\n");
        var (ingest, rows) = Read(path, table: "customers");
        Assert.Equal(2, ingest.RowsRead);
        Assert.Equal("retail\nand online", rows["industry"][0]);
        Assert.Equal(new TextLines(4, 1, 0, 3, 0, "LF"), ingest.Lines);
        Assert.True(ingest.Reconciles);
    }

    [Fact]
    public void Malformed_lines_are_reported_with_their_line_number_and_never_their_text()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("transactions.csv", Header + "\nT1,C1,2026-01-05,1\nT2,bob@example.com,2026-01-05,2,extra\nT3,C3,2026-01-05,3\n");
        var (ingest, _) = Read(path);
        var reject = Assert.Single(ingest.Rejects);
        Assert.Equal(3, reject.Row);
        Assert.Contains("5 fields where the header has 4", reject.Reason);
        Assert.DoesNotContain("bob", reject.Reason);
        Assert.Null(reject.Value);
        Assert.True(ingest.Reconciles);
    }
}
