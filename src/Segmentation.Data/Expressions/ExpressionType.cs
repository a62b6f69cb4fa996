namespace Segmentation.Data.Expressions;

/// <summary>The type of a column expression's value.</summary>
public enum ExpressionType
{
    /// <summary>A number (headers read in arithmetic are parsed as numbers; a value that is not one makes the row an error).</summary>
    Number,
    /// <summary>Text.</summary>
    Text,
}
