using System.Text;

namespace Segmentation.Data.Tests.Safety;

/// <summary>Schemas and files that only an attacker (or an accident) produces: clear messages naming the key or the file, never a trace or a dump.</summary>
public sealed class HostileSchemaTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);

    [Theory]
    [InlineData("""{"tables":null}""", "\"tables\" is null")]
    [InlineData("""{"tables":{"transactions":null}}""", "tables.transactions is null")]
    [InlineData("""{"tables":{"transactions":{"columns":null}}}""", "tables.transactions.columns is null")]
    [InlineData("""{"tables":{"transactions":{"columns":{"amount":null}}}}""", "tables.transactions.columns.amount is null")]
    [InlineData("""{"tables":{"transactions":{"categories":{"channel":null}}}}""", "tables.transactions.categories.channel")]
    [InlineData("""{"tables":{"transactions":{"formats":null}}}""", "tables.transactions.formats is null")]
    [InlineData("""{"tables":{"transactions":{"values":{"channel":{"x":null}}}}}""", "tables.transactions.values.channel")]
    public void Null_where_an_object_belongs_is_named(string json, string key)
    {
        var e = Assert.Throws<InvalidDataException>(() => SchemaMapping.Parse(json, "schema.json"));
        Assert.Contains(key, e.Message);
        Assert.StartsWith("schema.json: ", e.Message);
    }

    [Fact]
    public void A_huge_schema_is_refused_by_its_size_before_it_is_parsed()
    {
        using var dir = new TempDirectory();
        var sb = new StringBuilder("""{"tables":{"transactions":{"categories":{"channel":[""");
        for (int i = 0; i < 200_000; i++) sb.Append(i == 0 ? "" : ",").Append("\"category-").Append(i).Append('"');
        sb.Append("]}}}}");
        var path = dir.Write("schema.json", sb.ToString());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<InvalidDataException>(() => SchemaMapping.Load(path));
        Assert.Contains("at most", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed}");
    }

    [Fact]
    public void Too_many_declared_categories_are_refused()
    {
        var sb = new StringBuilder("""{"tables":{"transactions":{"categories":{"channel":[""");
        for (int i = 0; i < SchemaMapping.MaxCategories + 1; i++) sb.Append(i == 0 ? "" : ",").Append('"').Append(i).Append('"');
        sb.Append("]}}}}");
        var e = Assert.Throws<InvalidDataException>(() => SchemaMapping.Parse(sb.ToString(), "schema.json"));
        Assert.Contains("categories", e.Message);
    }

    [Fact]
    public void Binary_input_gives_a_short_message_not_a_dump()
    {
        using var dir = new TempDirectory();
        var bytes = new byte[20_000];
        var random = new Segmentation.Analytics.Randomness.StreamRandom(7);
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)random.NextInt(256);
        File.WriteAllBytes(dir.File("transactions.csv"), bytes);
        var e = Assert.Throws<DataFileException>(() => DataWorkspace.Load(dir.Path, new IngestOptions(AsOf)));
        Assert.Contains("transactions.csv", e.Message);
        Assert.Contains("not a text file", e.Message);
        Assert.True(e.Message.Length < 600, $"{e.Message.Length} characters");
    }

    [Fact]
    public void A_file_without_line_breaks_stops_at_the_line_limit()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("transactions.csv"), "transaction_id," + new string('x', 3_000_000));
        var e = Assert.Throws<DataFileException>(() => DataWorkspace.Load(dir.Path, new IngestOptions(AsOf)));
        Assert.Contains("longer than", e.Message);
        Assert.True(e.Message.Length < 600);
    }

    [Fact]
    public void A_corrupt_gzip_file_is_named()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("transactions.csv.gz"), "this is not gzip");
        var e = Assert.Throws<DataFileException>(() => DataWorkspace.Load(dir.Path, new IngestOptions(AsOf)));
        Assert.Contains("transactions.csv.gz", e.Message);
    }

    [Fact]
    public void Header_names_in_messages_are_cleaned_and_capped()
    {
        using var dir = new TempDirectory();
        var headers = string.Join(",", Enumerable.Range(0, 200).Select(i => $"\u001b[31mcol{i}-" + new string('y', 200)));
        File.WriteAllText(dir.File("transactions.csv"), headers + "\n" + string.Join(",", Enumerable.Repeat("1", 200)) + "\n");
        var e = Assert.Throws<DataFileException>(() => DataWorkspace.Load(dir.Path, new IngestOptions(AsOf)));
        Assert.False(e.Message.Contains('\u001b', StringComparison.Ordinal), e.Message.Replace('\u001b', '^'));
        Assert.Contains("and 180 more", e.Message);
        Assert.True(e.Message.Length < 3000, $"{e.Message.Length}");
    }
}
