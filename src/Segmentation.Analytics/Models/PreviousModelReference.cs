namespace Segmentation.Analytics.Models;

/// <summary>
/// Which model a refit continues (<see cref="SegmentationModel.PreviousModel"/>): the identity of the previous model file, never its path.
/// </summary>
/// <param name="ModelSha256">Lower-case hex SHA-256 of the previous model's file bytes as <see cref="Serialization.ModelJson.Save{T}"/> writes
/// them (its canonical JSON and a final newline): <c>sha256sum previous.json</c> gives the same value for a file written by this library.</param>
/// <param name="Fingerprint">The previous model's <see cref="SegmentationModel.Fingerprint"/> (its training data).</param>
/// <param name="TrainingSnapshot">The previous model's <see cref="SegmentationModel.TrainingSnapshot"/>, or null when it has none.</param>
/// <param name="Segments">Segments of the previous model.</param>
/// <param name="MaxDistance">The largest centroid distance a match was allowed (previous model's scaled units).</param>
public sealed record PreviousModelReference(string ModelSha256, string Fingerprint, DateOnly? TrainingSnapshot, int Segments, double MaxDistance);
