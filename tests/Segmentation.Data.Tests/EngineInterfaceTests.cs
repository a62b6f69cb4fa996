using System.Diagnostics;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Tests;

/// <summary>What the core relies on from every engine (<see cref="ISqlEngine"/>), checked on the embedded DuckDB.</summary>
public sealed class EngineInterfaceTests
{
    private static DataWorkspace Empty() => DataWorkspace.Create(new IngestOptions(new DateTime(2026, 10, 31)));

    [Fact]
    public void Text_table_round_trips_its_cells_and_describe_lists_its_columns_in_order()
    {
        using var ws = Empty();
        ISqlEngine engine = ws;
        string[] ids = ["C1", "C'2", "", "客户3"];
        engine.CreateTextTable("t_text", ["customer_id", "segment"], ids.Length, (i, c) => c == 0 ? ids[i] : "s" + i);
        Assert.Equal(["customer_id", "segment"], engine.Describe("t_text"));
        var back = engine.Read("SELECT customer_id, segment FROM t_text ORDER BY segment", r =>
        {
            var rows = new List<(string, string)>();
            while (r.Read()) rows.Add((r.GetString(0), r.GetString(1)));
            return rows;
        });
        Assert.Equal(ids.Select((id, i) => (id, "s" + i)), back);
        Assert.Empty(engine.Describe("no_such_table"));
    }

    [Fact]
    public void Has_table_answers_for_the_validated_tables_only()
    {
        using var ws = Empty();
        Assert.False(ws.HasTable("transactions"));
        using var dir = new TempDirectory();
        dir.Write("transactions.csv", "transaction_id,customer_id,timestamp,amount\nT1,C1,2026-01-05,10.5\n");
        ws.Ingest("transactions", dir.File("transactions.csv"));
        Assert.True(ws.HasTable("transactions"));
        Assert.False(ws.HasTable("customers"));
    }

    [Fact]
    public void Cancel_from_another_thread_stops_a_running_query()
    {
        using var ws = Empty();
        ISqlEngine engine = ws;
        var clock = Stopwatch.StartNew();
        using var canceller = new Timer(_ => engine.Cancel(), null, 300, Timeout.Infinite);
        // Minutes of work without the cancel: a cross join of 10^5 × 10^5 rows, summed.
        Assert.ThrowsAny<Exception>(() => engine.Read("SELECT sum(a.range * b.range) FROM range(100000) a, range(100000) b", r => r.Read()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the query ran {clock.Elapsed} after the cancel");
        // The engine stays usable.
        Assert.Equal(1L, engine.Read("SELECT 1::BIGINT", r => { r.Read(); return r.GetInt64(0); }));
    }
}
