using Segmentation.Data;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Tests.Sql;

/// <summary>Dates as real exports write them: US month-first, day-first, ambiguous, with UTC offsets.</summary>
public sealed class DateReadingTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);

    private static (TableIngest Ingest, DateTime?[] Times) Read(string rows, SchemaMapping? mapping = null)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("transactions.csv", "transaction_id,customer_id,timestamp,amount\n" + rows);
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf, mapping));
        var ingest = ws.Ingest("transactions", path);
        return (ingest, ws.Table("transactions")["timestamp"].Cast<DateTime?>().ToArray());
    }

    [Fact]
    public void A_us_export_is_read_month_first_with_hours_and_minutes()
    {
        var (ingest, times) = Read("T1,C1,12/1/2010 8:26,1\nT2,C1,1/13/2011 17:05,2\nT3,C2,6/9/2011 9:00,3\n");
        Assert.Empty(ingest.Rejects);
        Assert.Equal([new DateTime(2010, 12, 1, 8, 26, 0), new DateTime(2011, 1, 13, 17, 5, 0), new DateTime(2011, 6, 9, 9, 0, 0)], times);
    }

    [Fact]
    public void A_day_first_export_is_read_day_first()
    {
        var (ingest, times) = Read("T1,C1,25/12/2025,1\nT2,C1,03/01/2026,2\n");
        Assert.Empty(ingest.Rejects);
        Assert.Equal([new DateTime(2025, 12, 25), new DateTime(2026, 1, 3)], times);
    }

    [Fact]
    public void Dates_that_read_both_day_first_and_month_first_stop_the_ingest_naming_the_column()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("orders.csv", "id,cust,Order Date,value\nT1,C1,2026-01-04,1\nT2,C1,03/01/2026 10:00,2\nT3,C2,04/02/2026 11:00,3\n");
        var mapping = SchemaMapping.Default.With("transactions", new TableMapping
        {
            Columns = new Dictionary<string, ColumnSource> { ["transaction_id"] = "id", ["customer_id"] = "cust", ["timestamp"] = "Order Date", ["amount"] = "value" },
        });
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf, mapping));
        var e = Assert.Throws<DataFileException>(() => ws.Ingest("transactions", path));
        Assert.Equal("timestamp", e.Column);
        Assert.Equal(3, e.Row);
        Assert.Contains("orders.csv", e.Message);
        Assert.Contains("'Order Date' read both day-first and month-first", e.Message);
        Assert.Contains("\"formats\"", e.Message);
    }

    [Fact]
    public void Declared_formats_settle_an_ambiguous_column()
    {
        var mapping = SchemaMapping.Parse("""{ "tables": { "transactions": { "formats": { "timestamp": ["%d/%m/%Y %H:%M"] } } } }""", "schema.json");
        var (ingest, times) = Read("T1,C1,03/01/2026 10:00,1\nT2,C1,04/02/2026 11:00,2\n", mapping);
        Assert.Empty(ingest.Rejects);
        Assert.Equal([new DateTime(2026, 1, 3, 10, 0, 0), new DateTime(2026, 2, 4, 11, 0, 0)], times);
    }

    [Theory]
    [InlineData(null, 10)]
    [InlineData("Asia/Shanghai", 10)]
    [InlineData("UTC", 2)]
    [InlineData("Europe/London", 2)]
    [InlineData("-05:00", -3)]
    public void Utc_offsets_are_converted_to_the_declared_time_zone(string? zone, int hour)
    {
        var mapping = zone is null ? null : SchemaMapping.Parse($$"""{ "tables": { "transactions": { "timezone": "{{zone}}" } } }""", "schema.json");
        // The second value is the same instant written in UTC; the third has no offset and is taken as written.
        var (ingest, times) = Read("T1,C1,2026-01-05T10:00:00+08:00,1\nT2,C1,2026-01-05 02:00:00Z,2\nT3,C1,2026-01-05 12:00:00,3\nT4,C1,2026-01-06T10:00:00+08:00,4\n", mapping);
        Assert.Empty(ingest.Rejects);
        var expected = new DateTime(2026, 1, 5).AddHours(hour);
        Assert.Equal(expected, times[0]);
        Assert.Equal(expected, times[1]);
        Assert.Equal(new DateTime(2026, 1, 5, 12, 0, 0), times[2]);
        Assert.Equal(3, Assert.Single(ingest.Warnings, w => w.Code == IngestWarningCodes.TimeZone).Rows);
    }

    [Fact]
    public void Dates_without_a_time_are_never_taken_for_offsets()
    {
        var (ingest, times) = Read("T1,C1,2026-01-05,1\nT2,C1,2026-03-04,2\nT3,C1,2026-01-05 10:00:00-05,3\n");
        Assert.Equal([new DateTime(2026, 1, 5), new DateTime(2026, 3, 4), new DateTime(2026, 1, 5, 10, 0, 0)], times);
        Assert.Equal(1, Assert.Single(ingest.Warnings).Rows);
    }

    [Fact]
    public void An_unknown_time_zone_is_an_error_naming_the_key()
    {
        var e = Assert.Throws<InvalidDataException>(() => SchemaMapping.Parse("""{ "tables": { "transactions": { "timezone": "Mars/Olympus" } } }""", "schema.json"));
        Assert.Contains("schema.json: tables.transactions.timezone", e.Message);
    }
}
