namespace Segmentation.Analytics.Features;

/// <summary>What a fitted <see cref="OrdinalEncoderModel"/> knows about one column.</summary>
/// <param name="Name">The column.</param>
/// <param name="Categories">The categories in order: category k is coded k (0-based).</param>
/// <param name="Declared">True when the order was declared (options or data model); false when learned (sorted) from the data.</param>
public sealed record OrdinalEncoderColumn(string Name, EquatableArray<string> Categories, bool Declared);
