namespace Segmentation.Analytics.Models;

/// <summary>A clustering feature left out of a model because it was measured for (nearly) no customer — e.g. <c>online_share</c>
/// when the data has no channel column. Imputing it would invent a value for nearly everyone, so it takes no part in the model,
/// the profiles or the names.</summary>
/// <param name="Feature">The feature asked for.</param>
/// <param name="Known">Training rows with a value.</param>
/// <param name="Rows">Training rows.</param>
public sealed record DroppedFeature(string Feature, int Known, int Rows);
