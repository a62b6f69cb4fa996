namespace Segmentation.Data.Expressions;

/// <summary>A column expression that cannot be parsed: the message says where (character position) and what was expected.</summary>
public sealed class ColumnExpressionException(string message) : Exception(message);
