namespace Segmentation.Analytics.Models;

/// <summary>
/// Missing numeric values are replaced by the training median of their column, before any transform — in training and
/// at assignment alike, so a customer with a gap is placed as if typical in that feature. The counts say how often.
/// </summary>
/// <param name="Columns">Numeric features, in model order.</param>
/// <param name="Medians">Training median of each (non-missing values).</param>
/// <param name="MissingInTraining">Values imputed per column in the training data.</param>
public sealed record MedianImputation(EquatableArray<string> Columns, EquatableArray<double> Medians, EquatableArray<int> MissingInTraining);
