using Segmentation.Data.ClickHouse;

namespace Segmentation.Data.ClickHouse.Tests;

public sealed class RowBinaryCodecTests
{
    // Bytes written out by hand from the format description (ClickHouse docs, "RowBinary"), not by our writer.
    [Fact]
    public void Hand_written_rowbinary_bytes_decode_to_typed_columns()
    {
        byte[] bytes =
        [
            // row 1: Nullable(String) 'ab', Date 1, DateTime 86401, Decimal(18,2) -12345, Float64 0.5, UInt8 1, UInt64 300, Nullable(Int64) NULL
            0, 2, (byte)'a', (byte)'b', 1, 0, 0x81, 0x51, 0x01, 0x00, 0xC7, 0xCF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0, 0, 0, 0, 0, 0, 0xE0, 0x3F, 1, 0x2C, 0x01, 0, 0, 0, 0, 0, 0, 1,
            // row 2: NULL, Date 20454 (2026-01-01), DateTime 0, Decimal 5, Float64 -2, UInt8 0, UInt64 0, Int64 -1
            1, 0xE6, 0x4F, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        ];
        var frame = RowBinaryReader.Read(new MemoryStream(bytes),
        [
            ("s", "Nullable(String)"), ("d", "Date"), ("t", "DateTime"), ("m", "Decimal(18, 2)"), ("x", "Float64"), ("b", "UInt8"),
            ("n", "UInt64"), ("o", "Nullable(Int64)"),
        ]);
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal("ab", frame.Columns["s"][0]);
        Assert.Null(frame.Columns["s"][1]);
        Assert.Equal(new DateTime(1970, 1, 2), frame.Columns["d"][0]);
        Assert.Equal(new DateTime(2026, 1, 1), frame.Columns["d"][1]);
        Assert.Equal(new DateTime(1970, 1, 2, 0, 0, 1), frame.Columns["t"][0]);
        Assert.Equal(-123.45, frame.Columns["m"][0]);
        Assert.Equal(0.05, frame.Columns["m"][1]);
        Assert.Equal(0.5, frame.Columns["x"][0]);
        Assert.Equal(-2.0, frame.Columns["x"][1]);
        Assert.Equal(true, frame.Columns["b"][0]);
        Assert.Equal(false, frame.Columns["b"][1]);
        Assert.Equal(300L, frame.Columns["n"][0]);
        Assert.Null(frame.Columns["o"][0]);
        Assert.Equal(-1L, frame.Columns["o"][1]);
        Assert.Equal(typeof(bool), frame.Columns["b"].DataType);
        Assert.Equal(typeof(long), frame.Columns["n"].DataType);
    }

    [Fact]
    public void A_stream_cut_inside_a_row_is_an_error_naming_the_row_and_column()
    {
        byte[] bytes = [1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0];
        var e = Assert.Throws<InvalidDataException>(() => RowBinaryReader.Read(new MemoryStream(bytes), [("id", "Int64")]));
        Assert.Contains("row 2", e.Message);
        Assert.Contains("'id'", e.Message);
    }

    [Fact]
    public void Names_and_types_header_is_read_when_no_columns_are_given()
    {
        // 1 column, name "k", type "Int16", then two rows: 7 and -2.
        byte[] bytes = [1, 1, (byte)'k', 5, (byte)'I', (byte)'n', (byte)'t', (byte)'1', (byte)'6', 7, 0, 0xFE, 0xFF];
        var frame = RowBinaryReader.Read(new MemoryStream(bytes), null);
        Assert.Equal(["k"], frame.Columns.Select(c => c.Name));
        Assert.Equal([7L, -2L], new[] { (long)frame.Columns["k"][0], (long)frame.Columns["k"][1] });
    }

    [Fact]
    public void Writer_output_reads_back_identically_including_long_strings_and_nulls()
    {
        var types = new[] { "Nullable(String)", "Int64", "Nullable(Decimal(18, 2))", "DateTime", "Nullable(UInt8)", "Float64" }.Select(ClickHouseColumnType.Parse).ToArray();
        var rng = new Random(5);
        var rows = Enumerable.Range(0, 2000).Select(i => new object?[]
        {
            i % 7 == 0 ? null : new string('x', rng.Next(0, 300)) + "中文",
            (long)rng.Next() * (i % 2 == 0 ? -1 : 1),
            i % 5 == 0 ? null : Math.Round((decimal)(rng.NextDouble() * 1000 - 500), 2),
            new DateTime(2020, 1, 1).AddSeconds(rng.Next(0, 200_000_000)),
            i % 3 == 0 ? null : rng.Next(2) == 1,
            rng.NextDouble(),
        }).ToArray();
        var buffer = new MemoryStream();
        var writer = new RowBinaryWriter(buffer);
        foreach (var row in rows)
            for (int c = 0; c < types.Length; c++) writer.Write(row[c], types[c]);
        buffer.Position = 0;
        var frame = RowBinaryReader.Read(buffer, types.Select((t, c) => ($"c{c}", t.Name)).ToArray());
        Assert.Equal(rows.Length, frame.Rows.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rows[i][0], frame.Columns["c0"][i]);
            Assert.Equal(rows[i][1], frame.Columns["c1"][i]);
            Assert.Equal(rows[i][2] is decimal m ? (double?)(double)m : null, (double?)frame.Columns["c2"][i]);
            Assert.Equal(rows[i][3], frame.Columns["c3"][i]);
            Assert.Equal(rows[i][4], frame.Columns["c4"][i]);
            Assert.Equal(rows[i][5], frame.Columns["c5"][i]);
        }
    }
}
