using System.Text;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Tests.Safety;

/// <summary>
/// Personal data never reaches an output or a message in the clear: the detector's wider net, the masks, masked reject
/// values for every rule, pseudonyms in the rejects when ids are pseudonymised, and the key's checks.
/// </summary>
public sealed class PersonalDataTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);

    [Theory]
    [InlineData("alice@example.com", "a***@***.com")]
    [InlineData("13812345678", "138****5678")]
    [InlineData("138-1234-5678", "138****5678")]
    [InlineData("(010) 6512-3456", "010****3456")]
    [InlineData("11010519491231002X", "1101**********002X")]
    [InlineData("110105 19491231 002X", "1101**********002X")]
    [InlineData("ID:11010519491231002X", "1101**********002X")]
    [InlineData("１３８１２３４５６７８", "138****5678")]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("Retail", "Retail")]
    public void Masks_keep_only_a_hint(string value, string expected) => Assert.Equal(expected, PersonalDataMask.Mask(value));

    [Theory]
    [InlineData("张三")]
    [InlineData("王小明")]
    [InlineData("(010) 6512-3456")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("110105 19491231 002X")]
    [InlineData("ID:11010519491231002X")]
    [InlineData("身份证：11010519491231002X")]
    [InlineData("１３８１２３４５６７８")]
    [InlineData("alice＠example.com")]
    public void The_detector_sees_names_grouped_numbers_prefixed_ids_and_full_width_digits(string value) =>
        Assert.True(PersonalDataGuard.LooksLikeIdentifier(value), value);

    [Theory]
    [InlineData("Retail")]
    [InlineData("高价值客户")]
    [InlineData("春节促销")]
    [InlineData("12.5")]
    [InlineData("Manufacturing & trade")]
    public void The_detector_leaves_ordinary_text_alone(string value) =>
        Assert.False(PersonalDataGuard.LooksLikeIdentifier(value), value);

    /// <summary>
    /// Planted personal values in a free-text column and in a number column: each is caught (field or type reject)
    /// and none appears in the rejects file or in any message; the engine's SQL pattern agrees with the C# one.
    /// </summary>
    [Fact]
    public void Planted_personal_values_are_rejected_and_only_masked_in_the_rejects()
    {
        string[] planted = ["张三", "(010) 6512-3456", "110105 19491231 002X", "ID:11010519491231002X", "１３８１２３４５６７８", "bob.smith@example.org", "+86 138 1234 5678"];
        using var dir = new TempDirectory();
        var customers = new StringBuilder("customer_id,industry\n");
        for (int i = 0; i < planted.Length; i++) customers.Append($"C{i},\"{planted[i]}\"\n");
        customers.Append("C100,Retail\n");
        dir.Write("customers.csv", customers.ToString());
        var tx = new StringBuilder("transaction_id,customer_id,timestamp,amount\n");
        for (int i = 0; i < planted.Length; i++) tx.Append($"T{i},C{i},2026-01-05,\"{planted[i]}\"\n");
        tx.Append("T100,C100,2026-01-05,5\n");
        dir.Write("transactions.csv", tx.ToString());

        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        var fields = ws.Report.For("customers")!.FieldRejects;
        Assert.Equal(planted.Length, fields.Count(f => f.Rule == RejectRules.PersonalData && f.Column == "industry"));
        Assert.Equal(planted.Length, ws.Report.For("transactions")!.Rejects.Count(r => r.Column == "amount"));
        var rejects = Path.Combine(dir.Path, "out", "rejects.csv");
        ws.Report.WriteRejects(rejects);
        var text = File.ReadAllText(rejects);
        foreach (var p in planted) Assert.DoesNotContain(p, text);
        foreach (var p in planted.Select(v => PersonalDataGuard.Canonical(v).Replace(" ", "", StringComparison.Ordinal))) Assert.DoesNotContain(p, text);
        Assert.Contains("b***@***.org", text);
        Assert.Contains("1101**********002X", text);
        Assert.Contains("张*", text);
    }

    [Fact]
    public void Unknown_references_show_the_pseudonym_never_the_raw_id()
    {
        using var dir = new TempDirectory();
        dir.Write("customers.csv", "customer_id\nC1\n");
        dir.Write("transactions.csv", "transaction_id,customer_id,timestamp,amount\nT1,C1,2026-01-05,5\nT2,RAW-ID-4711,2026-01-05,6\n");
        var key = new Pseudonymizer(Encoding.UTF8.GetBytes("k-test-key-32-bytes-long-enough!"));
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf, Pseudonymizer: key));
        var reject = Assert.Single(ws.Report.For("transactions")!.Rejects);
        Assert.Equal(RejectRules.UnknownReference, reject.Rule);
        Assert.Equal(key.Pseudonymize("RAW-ID-4711"), reject.Value);
        var path = Path.Combine(dir.Path, "rejects.csv");
        ws.Report.WriteRejects(path);
        Assert.DoesNotContain("RAW-ID-4711", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("                ", "whitespace")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaa", "too predictable")]
    [InlineData("short-key", "at least 16 bytes")]
    [InlineData("k-test-key-32-bytes-long-enough! ", "leading or trailing whitespace")]
    [InlineData(" k-test-key-32-bytes-long-enough!", "leading or trailing whitespace")]
    [InlineData("k-test-key-32-bytes-long-enough!\n\n", "leading or trailing whitespace")]
    public void Weak_or_padded_keys_are_refused_without_echoing_them(string key, string why)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("key.txt", key);
        var e = Assert.Throws<InvalidDataException>(() => Pseudonymizer.FromEnvironmentOrFile(file));
        Assert.Contains(why, e.Message);
        Assert.Contains(file, e.Message);
        if (key.Trim().Length > 0) Assert.DoesNotContain(key.Trim(), e.Message);
    }

    [Fact]
    public void One_final_line_break_is_the_only_thing_removed_from_a_key_file()
    {
        using var dir = new TempDirectory();
        var bare = Pseudonymizer.FromEnvironmentOrFile(dir.Write("a.txt", "k-test-key-32-bytes-long-enough!"))!;
        var lf = Pseudonymizer.FromEnvironmentOrFile(dir.Write("b.txt", "k-test-key-32-bytes-long-enough!\n"))!;
        var crlf = Pseudonymizer.FromEnvironmentOrFile(dir.Write("c.txt", "k-test-key-32-bytes-long-enough!\r\n"))!;
        Assert.Equal(bare.Pseudonymize("C1"), lf.Pseudonymize("C1"));
        Assert.Equal(bare.Pseudonymize("C1"), crlf.Pseudonymize("C1"));
        Assert.Null(Pseudonymizer.Check(Encoding.UTF8.GetBytes("0123456789abcdef")));
    }

    [Fact]
    public void Control_characters_and_escapes_are_stripped_from_printed_text()
    {
        Assert.Equal("note red", DisplayText.Clean("note \u001b[31mred\u001b[0m\u001b]0;title\u0007"));
        Assert.Equal("a b", DisplayText.Clean("a\nb"));
        Assert.Equal("x", DisplayText.Clean("\u202Ex\u0000"));
        Assert.True(DisplayText.Clean(new string('x', 20_000)).Length <= DisplayText.MaxMessage);
    }
}
