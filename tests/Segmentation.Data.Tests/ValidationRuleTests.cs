using System.Text;
using Segmentation.Data;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Tests;

public sealed class ValidationRuleTests
{
    private static readonly DateTime AsOf = new(2026, 10, 31);

    private const string TxHeader = "transaction_id,customer_id,timestamp,amount,cost,quantity,channel,category,region,campaign_id,is_return";
    private const string GoodTx = "T1,C1,2026-01-05 10:00:00,120.50,80,1,web,apparel,east,,0";

    private static TableIngest IngestOne(TempDirectory dir, string table, string content, SchemaMapping? mapping = null, Encoding? encoding = null)
    {
        var path = dir.Write(table + ".csv", content, encoding);
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf, mapping));
        return ws.Ingest(table, path);
    }

    public static TheoryData<string, string, int, string, string, string> TransactionRules => new()
    {
        // table, bad line, expected row, column, rule, reason fragment
        { "transactions", "T2,,2026-01-05,10,,,,,,,", 3, "customer_id", RejectRules.Missing, "missing value: 'customer_id' is required" },
        { "transactions", "T2,C1,2026-01-05,abc,,,,,,,", 3, "amount", RejectRules.Type, "not a number: 'amount' expects a decimal number" },
        { "transactions", "T2,C1,not-a-date,10,,,,,,,", 3, "timestamp", RejectRules.Type, "not a date-time: 'timestamp'" },
        { "transactions", "T2,C1,2026-02-30,10,,,,,,,", 3, "timestamp", RejectRules.Type, "not a date-time" },
        { "transactions", "T2,C1,2026-01-05,0,,,,,,,", 3, "amount", RejectRules.ZeroAmount, "zero amount" },
        { "transactions", "T2,C1,2027-01-05,10,,,,,,,", 3, "timestamp", RejectRules.FutureDate, "date in the future: 'timestamp' is after the as-of date 2026-10-31" },
        { "transactions", "T2,C1,2026-01-05,10,-5,,,,,,", 3, "cost", RejectRules.Range, "out of range: 'cost' must be within [0," },
        { "transactions", "T2,C1,2026-01-05,10,,1.5,,,,,", 3, "quantity", RejectRules.Type, "not an integer" },
        { "transactions", "T2,C1,2026-01-05,10,,,fax,,,,", 3, "channel", RejectRules.Category, "unknown category in 'channel': expected one of web, app, store, phone" },
        { "transactions", "T2,C1,2026-01-05,10,,,,,,,maybe", 3, "is_return", RejectRules.Type, "not a boolean" },
        { "transactions", "T1,C1,2026-01-05,10,,,,,,,", 3, "transaction_id", RejectRules.Duplicate, "duplicate key (transaction_id): same as row 2, which is kept" },
        { "transactions", "T2,13812345678,2026-01-05,10,,,,,,,", 3, "customer_id", RejectRules.PersonalData, "personal data" },
        { "transactions", "T2,C1,2026-01-05,10,,,,,,too,many,fields", 3, "*", RejectRules.Malformed, "malformed line" },
        { "transactions", "T2,C1", 3, "*", RejectRules.Malformed, "malformed line" },
    };

    [Theory]
    [MemberData(nameof(TransactionRules))]
    public void Each_transaction_rule_rejects_the_bad_row_with_its_exact_reason(string table, string badLine, int row, string column, string rule, string reason)
    {
        using var dir = new TempDirectory();
        var ingest = IngestOne(dir, table, $"{TxHeader}\n{GoodTx}\n{badLine}\nT9,C2,2026-03-01,15,,,,,,,\n");
        Assert.Equal(3, ingest.RowsRead);
        Assert.Equal(2, ingest.RowsAccepted);
        var reject = Assert.Single(ingest.Rejects);
        Assert.Equal(row, reject.Row);
        Assert.Equal(column, reject.Column);
        Assert.Equal(rule, reject.Rule);
        Assert.Contains(reason, reject.Reason);
        Assert.EndsWith("transactions.csv", reject.File);
        Assert.True(ingest.Reconciles);
    }

    public static TheoryData<string, string, string, string, string> OtherTableRules => new()
    {
        { "customers", "customer_id,birth_year,gender,education\nC1,1980,F,bachelor\nC2,1850,M,master", "birth_year", RejectRules.Range, "out of range: 'birth_year' must be within [1900, 2026]" },
        { "customers", "customer_id,birth_year,gender,education\nC1,1980,F,bachelor\nC2,1990,X,master", "gender", RejectRules.Category, "unknown category in 'gender'" },
        { "customers", "customer_id,birth_year,gender,education\nC1,1980,F,bachelor\nC1,1990,M,master", "customer_id", RejectRules.Duplicate, "duplicate key (customer_id)" },
        { "customers", "customer_id,industry\nC1,retail\nC2,bob@example.com", "industry", RejectRules.PersonalData, "personal data" },
        { "feedback", "customer_id,date,csat,nps\nC1,2026-01-01,4,9\nC2,2026-01-01,6,9", "csat", RejectRules.Range, "out of range: 'csat' must be within [1, 5]" },
        { "feedback", "customer_id,date,csat,nps\nC1,2026-01-01,4,9\nC2,2026-01-01,4,11", "nps", RejectRules.Range, "out of range: 'nps' must be within [0, 10]" },
        { "feedback", "customer_id,date,csat,nps\nC1,2026-01-01,4,9\nC2,,4,8", "date", RejectRules.Missing, "missing value: 'date' is required" },
        { "campaigns", "campaign_id,name,target_segment,start,end,cost\nK1,Spring,young,2026-01-01,2026-01-31,1000\nK2,Bad,young,2026-03-01,2026-02-01,10", "end", RejectRules.DateOrder, "end date before start date" },
        { "campaign_assignments", "campaign_id,customer_id,group\nK1,C1,treatment\nK1,C2,placebo", "group", RejectRules.Category, "unknown category in 'group': expected one of treatment, control" },
        { "market", "month,segment,market_size\n2026-01,,1000000\n2026-13,,5", "month", RejectRules.Type, "not a month: 'month' expects yyyy-MM" },
    };

    [Theory]
    [MemberData(nameof(OtherTableRules))]
    public void Each_rule_of_the_other_tables_rejects_row_3_with_its_reason(string table, string content, string column, string rule, string reason)
    {
        using var dir = new TempDirectory();
        var ingest = IngestOne(dir, table, content + "\n");
        var reject = Assert.Single(ingest.Rejects);
        Assert.Equal(3, reject.Row);
        Assert.Equal(column, reject.Column);
        Assert.Equal(rule, reject.Rule);
        Assert.Contains(reason, reject.Reason);
        Assert.Equal(2, ingest.RowsRead);
        Assert.Equal(1, ingest.RowsAccepted);
    }

    [Fact]
    public void Negative_amounts_are_kept_and_flagged_as_returns()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("transactions.csv", $"{TxHeader}\n{GoodTx}\nT2,C1,2026-01-06,-20.5,,,,,,,\nT3,C1,2026-01-07,30,,,,,,,1\n");
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf));
        var ingest = ws.Ingest("transactions", path);
        Assert.Empty(ingest.Rejects);
        var df = ws.Table("transactions");
        Assert.Equal(new bool?[] { false, true, true }, df["is_return"].Cast<bool?>().ToArray());
        Assert.Equal(new double?[] { 120.5, -20.5, -30 }, df["amount"].Cast<double?>().ToArray());
    }

    [Fact]
    public void Missing_required_column_is_a_file_error_naming_file_row_and_column()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("transactions.csv", "transaction_id,customer_id,timestamp\nT1,C1,2026-01-01\n");
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf));
        var e = Assert.Throws<DataFileException>(() => ws.Ingest("transactions", path));
        Assert.Equal("amount", e.Column);
        Assert.Equal(1, e.Row);
        Assert.Contains("transactions.csv, row 1, column 'amount': required column 'amount' not found", e.Message);
    }

    [Fact]
    public void Identifier_columns_are_never_read_and_are_reported()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("customers.csv", "customer_id,Name,Phone,email,gender\nC1,Zhang San,13812345678,z@x.cn,M\n");
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf));
        var ingest = ws.Ingest("customers", path);
        Assert.Equal(["Name", "Phone", "email"], ingest.IdentifierColumns);
        var df = ws.Table("customers");
        Assert.DoesNotContain(df.Columns, c => c.Name is "Name" or "Phone" or "email");
        var allText = string.Join("|", Enumerable.Range(0, (int)df.Rows.Count).SelectMany(i => df.Rows[i].Select(v => v?.ToString())));
        Assert.DoesNotContain("Zhang", allText);
        Assert.DoesNotContain("13812345678", allText);
    }

    [Fact]
    public void Schema_mapping_reads_other_headers_formats_and_recoded_values()
    {
        using var dir = new TempDirectory();
        var mapping = SchemaMapping.Default.With("transactions", new TableMapping
        {
            Columns = new Dictionary<string, string> { ["transaction_id"] = "Invoice", ["customer_id"] = "Member", ["timestamp"] = "Day", ["amount"] = "Value", ["channel"] = "Chan" },
            Formats = new Dictionary<string, IReadOnlyList<string>> { ["timestamp"] = ["%d.%m.%Y"] },
            Values = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["channel"] = new Dictionary<string, string> { ["线上"] = "web", ["门店"] = "store" } },
        });
        var ingest = IngestOne(dir, "transactions", "Invoice;Member;Day;Value;Chan\nA1;M1;05.01.2026;10,5;线上\nA2;M2;06.01.2026;7;门店\n", mapping);
        // "10,5" is not a number in the canonical (dot) notation: rejected, the rest accepted.
        Assert.Equal(2, ingest.RowsRead);
        var reject = Assert.Single(ingest.Rejects);
        Assert.Equal(("amount", 2L), (reject.Column, reject.Row));
    }

    [Fact]
    public void Gb18030_file_with_chinese_categories_round_trips()
    {
        using var dir = new TempDirectory();
        var gb = TextFileSniffer.Gb18030;
        var mapping = SchemaMapping.Default.With("customers", new TableMapping
        {
            Columns = new Dictionary<string, string> { ["customer_id"] = "会员号", ["occupation"] = "职业", ["region"] = "地区" },
            Categories = new Dictionary<string, IReadOnlyList<string>> { ["occupation"] = ["教师", "工程师", "个体户"], ["region"] = ["华东", "华北", "华南"] },
        });
        var path = dir.Write("customers.csv", "会员号,职业,地区\nC1,教师,华东\nC2,工程师,华北\nC3,个体户,华南\nC4,宇航员,华东\n", gb);
        Assert.Equal("gb18030", TextFileSniffer.DetectEncoding(path));
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf, mapping));
        var ingest = ws.Ingest("customers", path);
        Assert.Equal("gb18030", ingest.Encoding);
        var df = ws.Table("customers");
        Assert.Equal(new[] { "教师", "工程师", "个体户" }, df["occupation"].Cast<string>().ToArray());
        Assert.Equal(new[] { "华东", "华北", "华南" }, df["region"].Cast<string>().ToArray());
        var reject = Assert.Single(ingest.Rejects);
        Assert.Equal((5L, "occupation", "宇航员"), (reject.Row, reject.Column, reject.Value));
        Assert.Contains("教师, 工程师, 个体户", reject.Reason);
    }

    [Fact]
    public void Unknown_customer_references_are_rejected_when_the_master_is_loaded()
    {
        using var dir = new TempDirectory();
        dir.Write("customers.csv", "customer_id\nC1\n");
        dir.Write("transactions.csv", $"{TxHeader}\n{GoodTx}\nT2,C404,2026-01-05,10,,,,,,,\n");
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        var tx = ws.Report.For("transactions")!;
        var reject = Assert.Single(tx.Rejects);
        Assert.Equal((3L, "customer_id", RejectRules.UnknownReference), (reject.Row, reject.Column, reject.Rule));
        Assert.True(ws.Report.Reconciles);
        Assert.Equal(1, ws.Table("transactions").Rows.Count);
    }

    [Fact]
    public void Rejects_file_lists_every_reject_with_file_row_column_and_reason()
    {
        using var dir = new TempDirectory();
        dir.Write("transactions.csv", $"{TxHeader}\n{GoodTx}\nT2,C1,2026-01-05,abc,,,,,,,\nT3,C1,2026-01-05,0,,,,,,,\n");
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        var rejectsPath = dir.File("rejects.csv");
        ws.Report.WriteRejects(rejectsPath);
        var lines = File.ReadAllLines(rejectsPath);
        Assert.Equal("file,row,column,rule,reason,value", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith("transactions.csv,3,amount,type,not a number: 'amount' expects a decimal number,abc", lines[1]);
        Assert.EndsWith("transactions.csv,4,amount,zero_amount,zero amount: a transaction must have a non-zero amount (returns are negative),0", lines[2]);
    }

    [Fact]
    public void Pseudonymised_ids_replace_the_raw_ids_everywhere()
    {
        using var dir = new TempDirectory();
        dir.Write("customers.csv", "customer_id\nC1\nC2\n");
        dir.Write("transactions.csv", $"{TxHeader}\n{GoodTx}\nT2,C2,2026-01-05,10,,,,,,,\n");
        var p = new Pseudonymizer(Encoding.UTF8.GetBytes("a-test-key-of-32-bytes-length!!!"));
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf, Pseudonymizer: p));
        var ids = ws.Table("transactions")["customer_id"].Cast<string>().ToArray();
        Assert.Equal(new[] { p.Pseudonymize("C1"), p.Pseudonymize("C2") }, ids);
        Assert.All(ids, id => Assert.Matches("^P[0-9a-f]{16}$", id));
        // Reference: HMAC-SHA256 computed independently.
        var expected = "P" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("a-test-key-of-32-bytes-length!!!"), Encoding.UTF8.GetBytes("C1")))[..16];
        Assert.Equal(expected, ids[0]);
    }
}
