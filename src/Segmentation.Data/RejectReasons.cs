using System.Globalization;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data;

/// <summary>Words the reason of a reject from its rule and the column's specification.</summary>
internal static class RejectReasons
{
    /// <summary>A sentence saying what is wrong and what was expected.</summary>
    public static string Describe(string rule, ColumnSpec? column, DateTime asOf, IReadOnlyList<string>? categories = null)
    {
        string name = column?.Name ?? "*";
        return rule switch
        {
            RejectRules.Missing => $"missing value: '{name}' is required",
            RejectRules.Type => column?.Kind switch
            {
                ColumnKind.Number => $"not a number: '{name}' expects a decimal number",
                ColumnKind.Integer => $"not an integer: '{name}' expects a whole number",
                ColumnKind.Boolean => $"not a boolean: '{name}' expects 1/0, true/false or yes/no",
                ColumnKind.Date => $"not a date: '{name}' expects yyyy-MM-dd (or a declared format) with a four-digit year from 1900",
                ColumnKind.Timestamp => $"not a date-time: '{name}' expects yyyy-MM-dd HH:mm:ss (or a declared format) with a four-digit year from 1900",
                ColumnKind.Month => $"not a month: '{name}' expects yyyy-MM",
                _ => $"wrong type in '{name}'",
            },
            RejectRules.Range => $"out of range: '{name}' must be within [{Fmt(column?.Min)}, {Fmt(column?.Name == "birth_year" ? asOf.Year : column?.Max)}]",
            RejectRules.Category => $"unknown category in '{name}': expected one of {string.Join(", ", categories ?? column?.Categories ?? [])}",
            RejectRules.FutureDate => $"date in the future: '{name}' is after the as-of date {asOf:yyyy-MM-dd}",
            RejectRules.ZeroAmount => "zero amount: zero-value transactions are rejected by this import (--zero-amounts reject); returns are negative",
            RejectRules.PersonalData => $"personal data: '{name}' holds what looks like an e-mail, phone or id-card number; direct identifiers never pass ingest",
            RejectRules.DateOrder => "end date before start date",
            _ => rule,
        };
    }

    private static string Fmt(double? v) => v is { } x ? x.ToString("G", CultureInfo.InvariantCulture) : "…";
}
