using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Profiling;
using Segmentation.Analytics.Validation;
using Segmentation.Data;
using Segmentation.Testing;

namespace Segmentation.Analytics.Tests.Features;

/// <summary>A feature whose source the data does not have is missing, not 0; a model drops what (nearly) nobody has.</summary>
public sealed class MissingIsNotZeroTests
{
    private static readonly Lazy<DataFrame> OnlineRetail = new(() =>
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("real", "online_retail"), new IngestOptions(new DateTime(2011, 12, 31)));
        return CustomerFeatureTable.Build(ws, new DateTime(2011, 12, 9));
    });

    [Fact]
    public void Online_retail_without_channel_category_or_campaign_columns_has_those_features_missing_for_every_customer()
    {
        var f = OnlineRetail.Value;
        Assert.Equal(3049, f.Rows.Count);
        foreach (var column in new[] { "online_share", "category_breadth", "category_loyalty", "campaign_share" })
            Assert.True(f.Columns[column].NullCount == f.Rows.Count, $"{column}: {f.Rows.Count - f.Columns[column].NullCount} customers have a value");
        // What the export does measure is there.
        Assert.Equal(0, f.Columns["frequency"].NullCount);
        Assert.Equal(0, f.Columns["monetary"].NullCount);
    }

    [Fact]
    public void A_feature_missing_for_everyone_is_dropped_from_the_model_profiles_and_names_and_negative_spend_takes_the_signed_log()
    {
        var f = OnlineRetail.Value;
        var options = new SegmentationOptions(["recency_days", "frequency", "monetary", "online_share"], 4, LogFeatures: ["frequency", "monetary"],
            Seed: 3, Restarts: 3, Validation: new ValidationOptions(Bootstraps: 0));
        var model = new SegmentationModelBuilder(options).Fit(f);
        Assert.Equal(["recency_days", "frequency", "monetary"], model.NumericFeatures);
        var dropped = Assert.Single(model.DroppedFeatures!);
        Assert.Equal(new DroppedFeature("online_share", 0, 3049), dropped);
        Assert.DoesNotContain(model.Profiles.Population, p => p.Feature is "online_share" or "category_breadth" or "category_loyalty" or "campaign_share");
        Assert.Contains("online_share", model.Profiles.Dropped!);
        Assert.DoesNotContain(model.Validation.Separability.Features, s => s.Feature == "online_share");
        foreach (var s in model.Segments)
        {
            Assert.DoesNotContain("online", s.NameEn + s.DescriptionEn, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("线上", s.NameZh + s.DescriptionZh);
            Assert.DoesNotContain("线下", s.NameZh + s.DescriptionZh);
        }
        // 51 customers have a negative net spend (more returned than bought in the period): counted, and signed-logged.
        int negatives = FrameColumns.Numbers(f, "monetary", "f").Count(v => v < 0);
        Assert.Equal(51, negatives);
        Assert.True(model.Log!.Signed);
        Assert.Equal([0, negatives], model.Log.NegativeInTraining!);
        Assert.Equal(-Math.Log(1 + 250.5), model.Log.Apply(-250.5), 14);
        Assert.Equal(Math.Log(1 + 250.5), model.Log.Apply(250.5), 14);
        // The model file says which feature was dropped, and reads back equal.
        Assert.Equal(model, SegmentationModel.FromJson(model.ToJson(), "m.json"));
    }

    [Fact]
    public void A_constant_feature_is_reported_as_constant_not_as_an_infinite_F()
    {
        var x = new FeatureMatrix([0, 0.1, 0.2, 5, 5.1, 5.2], 6, 1, ["x"]);
        // Columns x, constant (7 for everyone), y (one missing).
        var separation = new FeatureMatrix([0, 7, 1, 0.1, 7, 2, 0.2, 7, double.NaN, 5, 7, 8, 5.1, 7, 9, 5.2, 7, 10], 6, 3, ["x", "constant", "y"]);
        var report = new SegmentationValidator(new ValidationOptions(Bootstraps: 0, LdaFolds: 2)).Validate(x, [0, 0, 0, 1, 1, 1], separationFeatures: separation);
        var constant = report.Separability.Features.Single(s => s.Feature == "constant");
        Assert.True(constant.Constant);
        Assert.True(double.IsNaN(constant.Anova.F));
        Assert.False(constant.Significant);
        Assert.Equal(3, constant.Rank);
        Assert.All(report.Separability.Features.Where(s => s.Feature != "constant"), s => Assert.False(s.Constant));
    }
}
