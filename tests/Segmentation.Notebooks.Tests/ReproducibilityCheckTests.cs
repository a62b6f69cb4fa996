using Segmentation.Analytics.Models;

namespace Segmentation.Notebooks.Tests;

public sealed class ReproducibilityCheckTests
{
    private static SegmentationModel Committed()
    {
        RepositoryPaths.RequireCommittedModel();
        return SegmentationModel.Load(RepositoryPaths.CommittedModel);
    }

    private static int[] Sizes(SegmentationModel m) => m.Segments.Select(s => s.Size).ToArray();

    [Fact]
    public void A_model_compared_with_its_own_stored_numbers_passes_every_item()
    {
        var model = Committed();

        var check = ReproducibilityCheck.Compare(model, model.Fingerprint, Sizes(model), model.Validation);

        Assert.True(check.Passed, string.Join("; ", check.Failures));
        // fingerprint, rows, sizes, indices, stability per segment, LDA, and two statistics per ranked feature.
        Assert.Equal(4 + model.SegmentCount + 4 + 3 + 2 * model.SegmentCount + 3 + 2 * model.Validation.Separability.Features.Count, check.Items.Count);
        check.ThrowIfFailed();
    }

    [Fact]
    public void A_silhouette_off_by_0_01_fails_only_that_item_and_throws_naming_it()
    {
        var model = Committed();
        var stored = model.Validation;
        var drifted = stored with { Indices = stored.Indices with { Silhouette = stored.Indices.Silhouette + 0.01 } };

        var check = ReproducibilityCheck.Compare(model, model.Fingerprint, Sizes(model), drifted);

        Assert.False(check.Passed);
        Assert.Equal("silhouette", Assert.Single(check.Failures).Quantity);
        var e = Assert.Throws<InvalidDataException>(check.ThrowIfFailed);
        Assert.Contains("1 of ", e.Message);
        Assert.Contains("silhouette", e.Message);
    }

    [Fact]
    public void Counts_and_the_fingerprint_must_match_exactly()
    {
        var model = Committed();
        var sizes = Sizes(model);
        sizes[0]++;
        sizes[1]--;

        var check = ReproducibilityCheck.Compare(model, model.Fingerprint[..^1] + "0", sizes, model.Validation);

        Assert.Equal(["fingerprint (sha256)", "segment 0 size", "segment 1 size"], check.Failures.Select(f => f.Quantity));
        Assert.All(check.Failures, f => Assert.Equal("exact", f.Tolerance));
    }

    [Theory]
    [InlineData(1.0, 1.0 + 5e-13, true)]     // within 1e-12 relative
    [InlineData(1.0, 1.0 + 2e-12, false)]
    [InlineData(3318.8826489653593, 3318.8826489653593 * (1 + 9e-13), true)]
    [InlineData(0.0, 1e-300, false)]          // relative: nothing is near 0 but 0
    [InlineData(double.NaN, double.NaN, true)]
    [InlineData(double.NaN, 0.5, false)]
    public void Agreement_is_relative(double a, double b, bool agree) =>
        Assert.Equal(agree, ReproducibilityCheck.Agree(a, b, ReproducibilityCheck.DefaultRelativeTolerance));

    [Fact]
    public void A_negative_tolerance_is_rejected_by_name()
    {
        var model = Committed();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ReproducibilityCheck.Compare(model, model.Fingerprint, Sizes(model), model.Validation, -1));
        Assert.Equal("relativeTolerance", e.ParamName);
    }
}
