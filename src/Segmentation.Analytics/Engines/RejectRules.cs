namespace Segmentation.Analytics.Engines;

/// <summary>The codes of the validation rules; every reject carries one.</summary>
public static class RejectRules
{
    /// <summary>The line could not be parsed as a CSV record (wrong field count, bad quoting, invalid bytes).</summary>
    public const string Malformed = "malformed";
    /// <summary>A required value is empty.</summary>
    public const string Missing = "missing";
    /// <summary>The value is not of the column's type (number, integer, date, boolean).</summary>
    public const string Type = "type";
    /// <summary>The value is outside the column's allowed range.</summary>
    public const string Range = "range";
    /// <summary>The value is not in the column's code list.</summary>
    public const string Category = "category";
    /// <summary>A date after the as-of date.</summary>
    public const string FutureDate = "future_date";
    /// <summary>A transaction with amount 0.</summary>
    public const string ZeroAmount = "zero_amount";
    /// <summary>A second row with the same key.</summary>
    public const string Duplicate = "duplicate";
    /// <summary>A customer id (or campaign id) that the master table does not know.</summary>
    public const string UnknownReference = "unknown_reference";
    /// <summary>A value that looks like a direct identifier (e-mail, phone, id-card number).</summary>
    public const string PersonalData = "personal_data";
    /// <summary>An end date before the start date.</summary>
    public const string DateOrder = "date_order";
}
