using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Sql;

/// <summary>
/// How one table is validated: the rules of each column (<see cref="ColumnRules"/>), resolved once from the data model,
/// the table's import spec (<see cref="TableMapping"/>) and the ingest options, so every engine renders the same rules.
/// </summary>
/// <param name="Spec">The table of the data model, with the mapping's code lists.</param>
/// <param name="Mapping">The table's import spec.</param>
/// <param name="Columns">Rules per column, in canonical order.</param>
/// <param name="RejectZeroAmounts">True: a transaction with amount 0 is rejected (<c>zero_amount</c>); false: kept and flagged.</param>
/// <param name="AsOf">Dates after this day are in the future.</param>
internal sealed record ValidationPlan(TableSpec Spec, TableMapping Mapping, IReadOnlyList<ColumnRules> Columns, bool RejectZeroAmounts, DateTime AsOf)
{
    /// <summary>The default extra date formats tried after ISO 8601.</summary>
    internal static readonly string[] DefaultDateFormats = ["%Y%m%d", "%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%Y.%m.%d"];

    /// <summary>The rules of <paramref name="column"/>.</summary>
    public ColumnRules For(string column) => Columns.First(c => c.Name == column);

    /// <summary>Resolves the rules of <paramref name="spec"/> under <paramref name="mapping"/>.</summary>
    /// <param name="spec">The table of the data model.</param>
    /// <param name="mapping">The table's import spec.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="zeroAmounts">A policy given on the command line (overrides the spec), or null.</param>
    /// <param name="dates">How date columns read from text are written (<see cref="DateFormatDetector"/>), or null.</param>
    /// <param name="computed">Columns computed by expressions (<see cref="ColumnMap.Computed"/>), or null.</param>
    public static ValidationPlan Create(TableSpec spec, TableMapping mapping, DateTime asOf, ZeroAmountPolicy? zeroAmounts = null,
        IReadOnlyDictionary<string, DateReading>? dates = null, IReadOnlyDictionary<string, Expressions.ColumnExpression>? computed = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(mapping);
        var effective = spec;
        foreach (var (col, cats) in mapping.Categories) effective = effective.WithCategories(col, cats, spec.Find(col)?.Ordinal ?? false);
        // A company's own list for a closed column (gender) stays closed.
        effective = effective with { Columns = effective.Columns.Select(c => c with { Closed = spec.Find(c.Name)!.Closed }).ToArray() };
        bool rejectOptional = mapping.InvalidOptional == "reject";
        var columns = effective.Columns.Select(c =>
        {
            var categories = c.Categories is { Count: > 0 } ? c.Categories : null;
            bool open = categories is not null && !c.Required && !c.Ordinal && !c.Closed && !mapping.IsClosed(c.Name);
            var recode = mapping.Values.TryGetValue(c.Name, out var r) && r.Count > 0 ? r : null;
            var reading = dates is not null && dates.TryGetValue(c.Name, out var found) ? found : null;
            var formats = (mapping.Formats.TryGetValue(c.Name, out var f) ? f.Concat(DefaultDateFormats) : DefaultDateFormats)
                .Concat(reading?.Formats ?? []).Distinct().ToArray();
            bool personal = c.Kind == ColumnKind.Text && categories is null && !spec.Key.Contains(c.Name) && !c.Name.EndsWith("_id", StringComparison.Ordinal);
            var expression = computed is not null && computed.TryGetValue(c.Name, out var e) ? e : null;
            // A computed column's missing-value tokens were applied to its operands when it was staged.
            var na = expression is null ? mapping.NaFor(c.Name) : [];
            return new ColumnRules(c, categories, open, recode, formats, na, c.Required || rejectOptional, personal, reading, expression);
        }).ToArray();
        bool rejectZero = zeroAmounts is { } z ? z == ZeroAmountPolicy.Reject : mapping.ZeroAmounts == "reject";
        return new ValidationPlan(effective, mapping, columns, rejectZero, asOf);
    }
}
