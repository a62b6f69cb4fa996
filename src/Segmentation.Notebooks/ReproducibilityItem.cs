namespace Segmentation.Notebooks;

/// <summary>One stored number of a model compared with its recomputed value.</summary>
/// <param name="Quantity">What is compared (e.g. "silhouette", "segment 3 size").</param>
/// <param name="Stored">The value in the model file (round-trip text).</param>
/// <param name="Recomputed">The value recomputed from the data (round-trip text).</param>
/// <param name="Tolerance">"exact" or the relative tolerance used.</param>
/// <param name="Passed">True when the two agree within the tolerance.</param>
public sealed record ReproducibilityItem(string Quantity, string Stored, string Recomputed, string Tolerance, bool Passed);
