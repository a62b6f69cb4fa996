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
        { "transactions", "T2,C1,2027-01-05,10,,,,,,,", 3, "timestamp", RejectRules.FutureDate, "date in the future: 'timestamp' is after the as-of date 2026-10-31" },
        { "transactions", "T2,C1,0001-01-01,10,,,,,,,", 3, "timestamp", RejectRules.Type, "four-digit year from 1900" },
        { "transactions", "T2,C1,26-01-05,10,,,,,,,", 3, "timestamp", RejectRules.Type, "four-digit year from 1900" },
        { "transactions", "T2,NA,2026-01-05,10,,,,,,,", 3, "customer_id", RejectRules.Missing, "missing value: 'customer_id' is required" },
        { "transactions", "T1,C1,2026-01-05,10,,,,,,,", 3, "transaction_id", RejectRules.Duplicate, "duplicate key (transaction_id): same as row 2, which is kept" },
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
        { "customers", "customer_id,birth_year,gender,education\nC1,1980,F,bachelor\nC1,1990,M,master", "customer_id", RejectRules.Duplicate, "duplicate key (customer_id)" },
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

    public static TheoryData<string, string, string, string, string> OptionalFieldRules => new()
    {
        // table, content (row 3 has the bad field), column, rule, reason fragment
        { "transactions", $"{TxHeader}\n{GoodTx}\nT2,C1,2026-01-05,10,-5,,,,,,", "cost", RejectRules.Range, "out of range: 'cost' must be within [0," },
        { "transactions", $"{TxHeader}\n{GoodTx}\nT2,C1,2026-01-05,10,,1.5,,,,,", "quantity", RejectRules.Type, "not an integer" },
        { "transactions", $"{TxHeader}\n{GoodTx}\nT2,C1,2026-01-05,10,,,,,,,maybe", "is_return", RejectRules.Type, "not a boolean" },
        { "customers", "customer_id,birth_year,gender,education\nC1,1980,F,bachelor\nC2,1850,M,master", "birth_year", RejectRules.Range, "out of range: 'birth_year' must be within [1900, 2026]" },
        { "customers", "customer_id,birth_year,gender,education\nC1,1980,F,bachelor\nC2,1990,M,astronaut", "education", RejectRules.Category, "unknown category in 'education'" },
        { "customers", "customer_id,industry\nC1,retail\nC2,bob@example.com", "industry", RejectRules.PersonalData, "personal data" },
        { "customers", "customer_id,signup_date\nC1,2020-01-01\nC2,0001-01-01", "signup_date", RejectRules.Type, "four-digit year from 1900" },
        { "feedback", "customer_id,date,csat,nps\nC1,2026-01-01,4,9\nC2,2026-01-01,7,9", "csat", RejectRules.Range, "out of range: 'csat' must be within [1, 5]" },
        { "feedback", "customer_id,date,csat,nps\nC1,2026-01-01,4,9\nC2,2026-01-01,4,11", "nps", RejectRules.Range, "out of range: 'nps' must be within [0, 10]" },
    };

    [Theory]
    [MemberData(nameof(OptionalFieldRules))]
    public void A_bad_optional_field_is_left_missing_with_a_field_reject_and_the_row_is_kept(string table, string content, string column, string rule, string reason)
    {
        using var dir = new TempDirectory();
        var path = dir.Write(table + ".csv", content + "\n");
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf));
        var ingest = ws.Ingest(table, path);
        Assert.Empty(ingest.Rejects);
        Assert.Equal(2, ingest.RowsAccepted);
        Assert.True(ingest.Reconciles);
        var field = Assert.Single(ingest.FieldRejects);
        Assert.Equal((3L, column, rule), (field.Row, field.Column, field.Rule));
        Assert.Contains(reason, field.Reason);
        Assert.Contains("the field is left missing and the row is kept", field.Reason);
        // is_return is derived (missing = not a return, unless the amount is negative).
        Assert.Equal(column == "is_return" ? false : null, ws.Table(table)[column][1]);
        // Personal data is shown masked (a hint to find the row, never the value).
        if (rule == RejectRules.PersonalData) Assert.Equal("b***@***.com", field.Value);
    }

    [Fact]
    public void With_invalid_optional_reject_a_bad_optional_field_rejects_the_row()
    {
        using var dir = new TempDirectory();
        var mapping = SchemaMapping.Default.With("feedback", new TableMapping { InvalidOptional = "reject" });
        var ingest = IngestOne(dir, "feedback", "customer_id,date,csat,nps\nC1,2026-01-01,4,9\nC2,2026-01-01,7,9\n", mapping);
        var reject = Assert.Single(ingest.Rejects);
        Assert.Equal((3L, "csat", RejectRules.Range), (reject.Row, reject.Column, reject.Rule));
        Assert.Empty(ingest.FieldRejects);
    }

    [Fact]
    public void An_unknown_channel_is_kept_as_other_with_a_warning_per_value_and_count()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("transactions.csv", $"{TxHeader}\n{GoodTx}\nT2,C1,2026-01-05,10,,,fax,,,,\nT3,C1,2026-01-05,11,,,Fax ,,,,\nT4,C1,2026-01-05,12,,,kiosk,,,,\nT5,C1,2026-01-05,13,,,fax,,,,\n");
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf));
        var ingest = ws.Ingest("transactions", path);
        Assert.Empty(ingest.Rejects);
        Assert.Equal(5, ingest.RowsAccepted);
        Assert.Equal(["web", "other", "other", "other", "other"], ws.Table("transactions")["channel"].Cast<string>());
        var warnings = ingest.Warnings.Where(w => w.Code == IngestWarningCodes.OtherCategory).ToArray();
        Assert.Equal([("fax", 2L), ("Fax", 1L), ("kiosk", 1L)], warnings.Select(w => (w.Message.Split('\'')[1], w.Rows)));
        Assert.All(warnings, w => Assert.Equal("channel", w.Column));
        Assert.Contains("kept as 'other' in 2 row(s)", warnings[0].Message);
    }

    [Fact]
    public void Missing_value_tokens_are_set_per_table_and_per_column()
    {
        using var dir = new TempDirectory();
        var mapping = SchemaMapping.Parse("""
            { "tables": { "transactions": { "na": ["?", ""], "columns": { "customer_id": { "na": ["0", "?"] }, "quantity": { "na": ["none"] } } } } }
            """, "schema.json");
        var ingest = IngestOne(dir, "transactions", $"{TxHeader}\nT1,NA,2026-01-05,10,?,none,,,,,\nT2,0,2026-01-05,10,,,,,,,\nT3,?,2026-01-05,10,,,,,,,\nT4,C4,2026-01-05,?,,,,,,,\n", mapping);
        // "NA" is an id here (the table's tokens replace the default list); "0" and "?" are missing ids; "?" is a missing amount.
        Assert.Equal([(3L, "customer_id", RejectRules.Missing), (4L, "customer_id", RejectRules.Missing), (5L, "amount", RejectRules.Missing)],
            ingest.Rejects.Select(r => (r.Row, r.Column, r.Rule)));
        Assert.Equal(1, ingest.RowsAccepted);
        Assert.Empty(ingest.FieldRejects);
    }

    [Fact]
    public void A_closed_code_list_rejects_an_unknown_value()
    {
        using var dir = new TempDirectory();
        var mapping = SchemaMapping.Parse("""{ "tables": { "transactions": { "columns": { "channel": { "closed": true } }, "invalid_optional": "reject" } } }""", "schema.json");
        var ingest = IngestOne(dir, "transactions", $"{TxHeader}\n{GoodTx}\nT2,C1,2026-01-05,10,,,fax,,,,\n", mapping);
        var reject = Assert.Single(ingest.Rejects);
        Assert.Equal((3L, "channel", RejectRules.Category), (reject.Row, reject.Column, reject.Rule));
        Assert.Contains("unknown category in 'channel': expected one of web, app, store, phone", reject.Reason);
    }

    [Theory]
    [InlineData(null, 3, 0)]
    [InlineData(ZeroAmountPolicy.Keep, 3, 0)]
    [InlineData(ZeroAmountPolicy.Reject, 2, 1)]
    public void Zero_amounts_are_kept_and_flagged_unless_rejected(ZeroAmountPolicy? policy, int accepted, int rejected)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("transactions.csv", $"{TxHeader}\n{GoodTx}\nT2,C1,2026-01-05,0,,,,,,,\nT3,C2,2026-03-01,15,,,,,,,\n");
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf, ZeroAmounts: policy));
        var ingest = ws.Ingest("transactions", path);
        Assert.Equal((accepted, rejected), ((int)ingest.RowsAccepted, ingest.Rejects.Count));
        if (rejected == 1) Assert.Equal(RejectRules.ZeroAmount, ingest.Rejects[0].Rule);
        else Assert.Equal(1, Assert.Single(ingest.Warnings, w => w.Code == IngestWarningCodes.ZeroAmount).Rows);
    }

    [Fact]
    public void A_customer_id_of_12_digits_is_an_id_not_a_phone_number()
    {
        using var dir = new TempDirectory();
        var rows = string.Concat(Enumerable.Range(0, 30).Select(i => $"T{i},{100000000000 + i * 7919},2026-01-05,{i + 1}\n"));
        dir.Write("customers.csv", "customer_id\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{100000000000 + i * 7919}\n")));
        dir.Write("transactions.csv", "transaction_id,customer_id,timestamp,amount\n" + rows);
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        Assert.Equal(30, ws.Report.For("transactions")!.RowsAccepted);
        Assert.Equal(30, ws.Report.For("customers")!.RowsAccepted);
        Assert.Empty(ws.Report.Rejects);
    }

    [Fact]
    public void A_bad_gender_keeps_the_customer_and_all_its_transactions()
    {
        using var dir = new TempDirectory();
        dir.Write("customers.csv", "customer_id,gender,birth_year\nC1,Male,1980\nC2,F,1990\n");
        dir.Write("transactions.csv", "transaction_id,customer_id,timestamp,amount\n" + string.Concat(Enumerable.Range(0, 104).Select(i => $"T{i},C1,2026-01-05,{i + 1}\n")) + "T999,C2,2026-01-05,5\n");
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        var customers = ws.Report.For("customers")!;
        Assert.Equal(2, customers.RowsAccepted);
        var field = Assert.Single(customers.FieldRejects);
        Assert.Equal((2L, "gender", RejectRules.Category, "Male"), (field.Row, field.Column, field.Rule, field.Value));
        Assert.Equal(105, ws.Report.For("transactions")!.RowsAccepted);
        Assert.Empty(ws.Report.Rejects);
        Assert.Equal(104, ws.Scalar<long>("SELECT count(*) FROM transactions WHERE customer_id = 'C1'"));
        Assert.Equal(1980, ws.Scalar<long>("SELECT birth_year FROM customers WHERE customer_id = 'C1'"));
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
            Columns = new Dictionary<string, ColumnSource> { ["transaction_id"] = "Invoice", ["customer_id"] = "Member", ["timestamp"] = "Day", ["amount"] = "Value", ["channel"] = "Chan" },
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
            Columns = new Dictionary<string, ColumnSource> { ["customer_id"] = "会员号", ["occupation"] = "职业", ["region"] = "地区" },
            Categories = new Dictionary<string, IReadOnlyList<string>> { ["occupation"] = ["教师", "工程师", "个体户"], ["region"] = ["华东", "华北", "华南"] },
        });
        var path = dir.Write("customers.csv", "会员号,职业,地区\nC1,教师,华东\nC2,工程师,华北\nC3,个体户,华南\nC4,宇航员,华东\n", gb);
        Assert.Equal("gb18030", TextFileSniffer.DetectEncoding(path));
        using var ws = DataWorkspace.Create(new IngestOptions(AsOf, mapping));
        var ingest = ws.Ingest("customers", path);
        Assert.Equal("gb18030", ingest.Encoding);
        var df = ws.Table("customers");
        Assert.Equal(new[] { "教师", "工程师", "个体户", "other" }, df["occupation"].Cast<string>().ToArray());
        Assert.Equal(new[] { "华东", "华北", "华南", "华东" }, df["region"].Cast<string>().ToArray());
        Assert.Empty(ingest.Rejects);
        var warning = Assert.Single(ingest.Warnings);
        Assert.Equal(("occupation", 1L), (warning.Column, warning.Rows));
        Assert.Contains("'宇航员' is not in the known list of 'occupation' (教师, 工程师, 个体户)", warning.Message);
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
        dir.Write("transactions.csv", $"{TxHeader}\n{GoodTx}\nT2,C1,2026-01-05,abc,,,,,,,\nT3,C1,2026-01-05,5,-3,,,,,,\n");
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(AsOf));
        var rejectsPath = dir.File("rejects.csv");
        ws.Report.WriteRejects(rejectsPath);
        var lines = File.ReadAllLines(rejectsPath);
        Assert.Equal("file,row,column,rule,reason,value,scope", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith("transactions.csv,3,amount,type,not a number: 'amount' expects a decimal number,abc,row", lines[1]);
        Assert.EndsWith("transactions.csv,4,cost,range,\"out of range: 'cost' must be within [0, 1000000000]; the field is left missing and the row is kept\",-3,field", lines[2]);
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
