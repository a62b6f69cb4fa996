namespace Segmentation.Analytics.Models;

/// <summary>
/// The seeded sample a segmentation model was fitted and validated on when its feature table had more rows than
/// <see cref="SegmentationOptions.TrainingSampleSize"/>: a uniform sample without replacement (every row has the same
/// probability <see cref="Rows"/> / <see cref="Population"/>), drawn by <see cref="SegmentationModelBuilder.TrainingData"/>.
/// </summary>
/// <remarks>
/// A segment's share on a uniform sample of m rows has a standard error of at most √(0.25 / m) (0.16 percentage points for
/// m = 100 000); centroids, scaler and validation indices move by similarly small amounts. Assigning the full population with
/// the fitted model gives every row a segment.
/// </remarks>
/// <param name="Rows">Rows fitted on (m).</param>
/// <param name="Population">Rows of the feature table the sample was drawn from (N &gt; m).</param>
/// <param name="Seed">Seed of the draw (the model's <see cref="SegmentationOptions.Seed"/>).</param>
public sealed record TrainingSample(int Rows, int Population, int Seed);
