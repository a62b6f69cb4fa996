using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;

namespace Segmentation.Data.Tests;

/// <summary>The Arrow hand-over of query results gives exactly the DataFrame the row reader gives.</summary>
public sealed class ArrowDataFrameReaderTests
{
    private static readonly DateTime Snapshot = new(2026, 10, 31);

    private static DataFrame AssertArrowMatchesRows(DataWorkspace ws, string sql)
    {
        var arrow = ws.QueryArrow(sql);
        Assert.NotNull(arrow);
        Frames.AssertSame(ws.QueryRows(sql), arrow);
        Frames.AssertSame(arrow, ws.Query(sql));
        return arrow;
    }

    private static DataWorkspace Empty() => DataWorkspace.Create(new IngestOptions(Snapshot));

    [Fact]
    public void The_sample_feature_table_and_customer_aggregates_come_back_identical()
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(Snapshot));
        var options = FeatureTableOptions.Default;
        // The feature table's rows come in engine order (Build sorts them afterwards): ordered here so two runs compare.
        var features = AssertArrowMatchesRows(ws, $"SELECT * FROM ({CustomerFeatureTable.Render(ws.Dialect, Snapshot, options, FeatureSources.Detect(ws))}) f ORDER BY customer_id");
        Assert.True(features.Rows.Count > 1000);
        Assert.Contains(features.Columns, c => c.NullCount > 0);
        var aggregates = AssertArrowMatchesRows(ws, CustomerAggregateQuery.Render(ws.Dialect, Snapshot));
        Assert.True(aggregates.Rows.Count > 2048);
        AssertArrowMatchesRows(ws, "SELECT * EXCLUDE (__rec) FROM transactions ORDER BY __rec");
        AssertArrowMatchesRows(ws, "SELECT * EXCLUDE (__rec) FROM customers ORDER BY __rec");
    }

    [Fact]
    public void Every_column_type_the_reader_maps_converts_the_same_way()
    {
        using var ws = Empty();
        var frame = AssertArrowMatchesRows(ws, """
            SELECT i::BIGINT AS big, i::INTEGER AS int, i::SMALLINT AS small, (i % 100)::TINYINT AS tiny,
              i::UBIGINT AS ubig, i::UINTEGER AS uint, i::USMALLINT AS usmall, (i % 200)::UTINYINT AS utiny,
              i / 7.0 AS dbl, (i / 7.0)::FLOAT AS flt, (i * 1.37 - 5000)::DECIMAL(18, 2) AS money, (i / 3)::DECIMAL(38, 6) AS wide,
              ((i % 9973) * 1.0001 - 77)::DECIMAL(9, 4) AS narrow, (i * 1234567890123)::HUGEINT AS huge, (i * 1234567890123)::UHUGEINT AS uhuge,
              sum(i::BIGINT) OVER (ORDER BY i) AS running_sum,
              i % 3 = 0 AS flag, DATE '1969-12-25' + (i % 500)::INTEGER AS day,
              TIMESTAMP '1969-12-31 23:59:59.999999' + INTERVAL (i * 7919) SECOND + INTERVAL (i % 1000) MICROSECOND AS ts,
              'c' || i AS text
            FROM range(5000) t(i) ORDER BY i
            """);
        Assert.Equal(5000, frame.Rows.Count);
        Assert.IsType<Int64DataFrameColumn>(frame["tiny"]);
        Assert.IsType<DoubleDataFrameColumn>(frame["huge"]);
        Assert.IsType<PrimitiveDataFrameColumn<DateTime>>(frame["day"]);
        Assert.IsType<BooleanDataFrameColumn>(frame["flag"]);
        Assert.IsType<StringDataFrameColumn>(frame["text"]);
    }

    [Fact]
    public void Nulls_are_nulls_in_every_type_and_around_batch_boundaries()
    {
        using var ws = Empty();
        var frame = AssertArrowMatchesRows(ws, """
            SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE i END::BIGINT AS big,
              CASE WHEN i % 5 = 1 THEN NULL ELSE i END::INTEGER AS int,
              CASE WHEN i % 2 = 0 THEN NULL ELSE i / 3.0 END AS dbl,
              CASE WHEN i % 7 = 0 THEN NULL ELSE i * 0.01 END::DECIMAL(18, 2) AS money,
              CASE WHEN i % 11 = 0 THEN NULL ELSE i::HUGEINT END AS huge,
              CASE WHEN i % 4 = 0 THEN NULL ELSE i % 3 = 0 END AS flag,
              CASE WHEN i % 6 = 0 THEN NULL ELSE DATE '2026-01-01' + (i % 300)::INTEGER END AS day,
              CASE WHEN i % 9 = 0 THEN NULL ELSE TIMESTAMP '2026-01-01' + INTERVAL (i) MINUTE END AS ts,
              CASE WHEN i % 8 = 0 THEN NULL WHEN i % 8 = 1 THEN '' ELSE 'x' || i END AS text,
              NULL AS nothing, NULL::DOUBLE AS no_double, NULL::VARCHAR AS no_text
            FROM range(6151) t(i) ORDER BY i
            """);
        Assert.Equal(6151, frame.Rows.Count);
        Assert.Equal(6151, frame["nothing"].NullCount);
        Assert.Null(frame["big"][0]);
        Assert.Equal(1L, frame["big"][1]);
        // A NULL slot holds the default value, as in the reader's columns (arithmetic over raw buffers sees the same numbers).
        Assert.Equal(0L, ((Int64DataFrameColumn)frame["big"]).GetReadOnlyDataBuffers().First().Span[0]);
    }

    [Fact]
    public void Text_keeps_every_character()
    {
        using var ws = Empty();
        var frame = AssertArrowMatchesRows(ws, """
            SELECT * FROM (VALUES ('Müller'), ('北京市朝阳区'), ('😀 emoji'), (''), ('tab	and ''quote'''), (NULL), ('Ωμέγα'), ('a' || chr(0) || 'b')) v(s)
            """);
        Assert.Equal("北京市朝阳区", frame["s"][1]);
        Assert.Equal("😀 emoji", frame["s"][2]);
    }

    [Fact]
    public void Repeated_codes_long_texts_and_ids_after_codes_come_back_identical()
    {
        using var ws = Empty();
        var frame = AssertArrowMatchesRows(ws, """
            SELECT ['北部', 'south', 'Ost', NULL, ''][(i % 5) + 1] AS region,
              CASE WHEN i < 10000 THEN 'code' || (i % 7) ELSE 'id' || i END AS mixed,
              repeat('长文本 long text ', 20 + (i % 3)) AS long_text
            FROM range(30000) t(i) ORDER BY i
            """);
        Assert.Equal("北部", frame["region"][0]);
        Assert.Null(frame["region"][3]);
        Assert.Equal("id29999", frame["mixed"][29999]);
    }

    [Fact]
    public void An_empty_result_keeps_its_columns_and_types()
    {
        using var ws = Empty();
        var frame = AssertArrowMatchesRows(ws, "SELECT 1::BIGINT AS a, 'x' AS b, 1.5 AS c, TIMESTAMP '2026-01-01' AS d, true AS e, 1 AS __hidden WHERE false");
        Assert.Equal(0, frame.Rows.Count);
        Assert.Equal(["a", "b", "c", "d", "e"], frame.Columns.Select(c => c.Name));
    }

    [Fact]
    public void A_result_of_many_batches_keeps_its_row_order()
    {
        using var ws = Empty();
        var frame = AssertArrowMatchesRows(ws, "SELECT (i * 7919) % 100003 AS k, 'id' || lpad(i::VARCHAR, 6, '0') AS customer_id FROM range(100000) t(i) ORDER BY customer_id DESC");
        Assert.Equal(100000, frame.Rows.Count);
        Assert.Equal("id099999", frame["customer_id"][0]);
        Assert.Equal("id000000", frame["customer_id"][99999]);
    }

    [Fact]
    public void The_columns_are_ordinary_growable_columns()
    {
        using var ws = Empty();
        var frame = ws.QueryArrow("SELECT i AS a, i / 2.0 AS b, 'x' AS c, TIMESTAMP '2026-01-01' AS d, true AS e FROM range(3) t(i)")!;
        frame.Append([4L, 2.0, "y", new DateTime(2026, 2, 1), false], inPlace: true);
        frame["a"][0] = 10L;
        Assert.Equal(4, frame.Rows.Count);
        Assert.Equal(10L, frame["a"][0]);
        Assert.Equal(4L, frame["a"][3]);
    }

    [Theory]
    [InlineData("SELECT TIMESTAMPTZ '2026-01-01 10:00:00+02' AS t")]
    [InlineData("SELECT TIMESTAMP_NS '2026-01-01 00:00:00.123456789' AS t")]
    [InlineData("SELECT 'a'::ENUM('a', 'b') AS e")]
    [InlineData("SELECT 12345678901234567.5::DECIMAL(38, 1) AS big")]
    [InlineData("SELECT DATE '2026-01-01' AS d, (i * 1.5)::DECIMAL(38, 30) AS tiny FROM range(3) t(i)")]
    public void What_the_arrow_path_cannot_reproduce_goes_through_the_reader(string sql)
    {
        using var ws = Empty();
        Assert.Null(ws.QueryArrow(sql));
        Frames.AssertSame(ws.QueryRows(sql), ws.Query(sql));
    }

    [Fact]
    public void An_infinite_timestamp_fails_as_the_reader_fails()
    {
        using var ws = Empty();
        const string sql = "SELECT 'infinity'::TIMESTAMP AS t";
        Assert.Null(ws.QueryArrow(sql));
        Assert.Equal(Assert.ThrowsAny<Exception>(() => ws.QueryRows(sql)).GetType(), Assert.ThrowsAny<Exception>(() => ws.Query(sql)).GetType());
    }
}
