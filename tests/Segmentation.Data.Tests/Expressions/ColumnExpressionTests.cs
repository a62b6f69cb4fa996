using Segmentation.Data;
using Segmentation.Data.Expressions;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Tests.Expressions;

public sealed class ColumnExpressionTests
{
    [Fact]
    public void Arithmetic_over_headers_is_a_number_reading_its_headers_as_numbers()
    {
        var e = ColumnExpression.Parse("= Quantity * UnitPrice");
        Assert.Equal(ExpressionType.Number, e.Type);
        Assert.Equal(["Quantity", "UnitPrice"], e.Headers);
        Assert.Equal(["Quantity", "UnitPrice"], e.NumericHeaders);
        Assert.Equal("(TRY_CAST(trim(CAST(\"Quantity\" AS VARCHAR)) AS DOUBLE) * TRY_CAST(trim(CAST(\"UnitPrice\" AS VARCHAR)) AS DOUBLE))",
            e.Render(DuckDbDialect.Instance, h => DuckDbDialect.Instance.Id(h)));
    }

    [Fact]
    public void Joined_text_quoted_headers_strings_and_functions_render_as_literals_and_identifiers()
    {
        var e = ColumnExpression.Parse(""""= upper(trim("order id")) || '/' || coalesce(seller_id, 'it''s') || round(-"Unit ""Price""" / 3, 2)"""");
        Assert.Equal(ExpressionType.Text, e.Type);
        Assert.Equal(["order id", "seller_id", "Unit \"Price\""], e.Headers);
        var sql = e.Render(DuckDbDialect.Instance, h => DuckDbDialect.Instance.Id(h));
        Assert.Contains("\"Unit \"\"Price\"\"\"", sql);
        Assert.Contains("'it''s'", sql);
        Assert.Contains("NULLIF(", sql);
    }

    [Theory]
    [InlineData("= Quantity; DROP TABLE transactions", "not part of the language")]
    [InlineData("= sum(Quantity)", "'sum' is not a function of the language")]
    [InlineData("= read_csv('/etc/passwd')", "'read_csv' is not a function of the language")]
    [InlineData("= Quantity = 1", "unexpected '= 1'")]
    [InlineData("= Quantity -- comment", "not part of the language")]
    [InlineData("= 'a' * 2", "cannot be used in arithmetic")]
    [InlineData("= (Quantity * 2", "')' expected at the end")]
    [InlineData("= 'open", "a 'string' is not closed")]
    [InlineData("= round(Quantity, x)", "digits must be a whole number")]
    [InlineData("= nullif(a)", "nullif takes 2 argument(s), not 1")]
    [InlineData("=", "the expression ends where a value was expected")]
    public void Anything_outside_the_language_is_refused_with_where_and_why(string text, string message)
    {
        var e = Assert.Throws<ColumnExpressionException>(() => ColumnExpression.Parse(text).Render(DuckDbDialect.Instance, h => h));
        Assert.Contains(message, e.Message);
        if (!message.Contains("digits", StringComparison.Ordinal)) Assert.Contains("at character", e.Message);
    }

    [Fact]
    public void A_bad_expression_in_a_schema_names_the_mapping_key()
    {
        var e = Assert.Throws<InvalidDataException>(() => SchemaMapping.Parse("""{ "tables": { "transactions": { "columns": { "amount": "= Quantity * UnitPrice; --" } } } }""", "schema.json"));
        Assert.StartsWith("schema.json: tables.transactions.columns.amount:", e.Message);
    }
}
