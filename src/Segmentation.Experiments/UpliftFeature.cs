namespace Segmentation.Experiments;

/// <summary>One input of the uplift model: a numeric feature column as it is, or the 0/1 indicator of one category of a categorical column.</summary>
/// <param name="Column">The experiment's feature column.</param>
/// <param name="Category">The category this indicator marks; null for a numeric column.</param>
public sealed record UpliftFeature(string Column, string? Category)
{
    /// <summary><c>column</c>, or <c>column=category</c>.</summary>
    public string Name => Category is null ? Column : $"{Column}={Category}";
}
