using CsCheck;
using DuckDB.NET.Data;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Data.Tests.Safety;

/// <summary>
/// The one CSV writer (core <see cref="CsvWriter"/>) and the writers built on it: RFC 4180 quoting, OWASP formula
/// neutralising of text cells, plain numbers left as numbers. Round trips are checked with DuckDB's CSV reader, an
/// independent parser.
/// </summary>
public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("-", "'-")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\r=x", "\"'\r=x\"")]
    [InlineData("-59.6", "-59.6")]
    [InlineData("+5", "+5")]
    [InlineData("-1e-5", "-1e-5")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void Text_cells_are_quoted_and_formulas_neutralised(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Text(value));

    [Fact]
    public void Numeric_cells_stay_plain_numbers()
    {
        Assert.Equal("-59.6", CsvWriter.Cell(-59.6));
        Assert.Equal("-3", CsvWriter.Cell(-3L));
        Assert.Equal("", CsvWriter.Cell(double.NaN));
        Assert.Equal("2026-01-05", CsvWriter.Cell(new DateTime(2026, 1, 5)));
    }

    /// <summary>Any text survives a write and a read by DuckDB's CSV parser, less the apostrophe of neutralised cells.</summary>
    [Fact]
    public void Any_text_round_trips_through_an_independent_csv_parser()
    {
        var cell = Gen.OneOf(Gen.String[Gen.Char["=+-@\t\r\n,\"' abc01.é张"], 0, 12], Gen.String);
        using var dir = new TempDirectory();
        int n = 0;
        Gen.Select(cell.Array[1, 4], cell.Array[1, 4]).Sample((a, b) =>
        {
            var path = dir.File($"t{Interlocked.Increment(ref n)}.csv");
            var clean = (string[] row) => row.Select(s => s.Replace("\0", "", StringComparison.Ordinal)).ToArray();
            string[] header = ["c0", "c1", "c2", "c3"];
            var rows = new[] { Pad(clean(a)), Pad(clean(b)) };
            CsvWriter.WriteFile(path, header, rows.Select(r => r.Cast<object?>()));
            using var db = new DuckDBConnection("DataSource=:memory:");
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT * FROM read_csv('{path}', header = true, all_varchar = true, auto_detect = false, columns = {{'c0':'VARCHAR','c1':'VARCHAR','c2':'VARCHAR','c3':'VARCHAR'}}, quote = '\"', escape = '\"', delim = ',', strict_mode = true)";
            using var r = cmd.ExecuteReader();
            int i = 0;
            while (r.Read())
            {
                for (int c = 0; c < 4; c++)
                {
                    string expected = rows[i][c];
                    string got = r.IsDBNull(c) ? "" : r.GetString(c);
                    if (CsvWriter.IsFormulaLike(expected)) expected = "'" + expected;
                    Assert.Equal(expected, got);
                }
                i++;
            }
            Assert.Equal(2, i);
        }, iter: 300, threads: 1);

        static string[] Pad(string[] row) => [.. row, .. Enumerable.Repeat("x", 4 - row.Length)];
    }

    [Fact]
    public void DataFrame_csv_neutralises_text_and_keeps_negative_amounts_numeric()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("customer_id", ["=cmd|' /C calc'!A0", "C2"]),
            new DoubleDataFrameColumn("monetary", [-59.6, 12.5]));
        using var dir = new TempDirectory();
        var path = dir.File("rfm.csv");
        DataFrameCsv.Write(frame, path);
        Assert.Equal("customer_id,monetary\n'=cmd|' /C calc'!A0,-59.6\nC2,12.5\n", File.ReadAllText(path));
    }

    [Fact]
    public void Rejects_csv_neutralises_formulas_in_every_text_cell()
    {
        var ingest = new TableIngest("transactions", "@file.csv", "utf-8", 1, 0,
            [new Reject("@file.csv", 2, "amount", "type", "=reason", "=HYPERLINK(\"x\")")], [], []);
        var report = new IngestReport([ingest], new DateTime(2026, 10, 31));
        using var dir = new TempDirectory();
        var path = dir.File("rejects.csv");
        report.WriteRejects(path);
        Assert.Equal("file,row,column,rule,reason,value,scope\n'@file.csv,2,amount,type,'=reason,\"'=HYPERLINK(\"\"x\"\")\",row\n", File.ReadAllText(path));
    }
}
