using Microsoft.Data.Analysis;
using Segmentation.Data;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Tests.Features;

public sealed class EncoderBehaviourTests
{
    private static DataFrame Frame(string column, params string?[] values) => new(new StringDataFrameColumn(column, values));

    [Fact]
    public void Other_column_collects_unknown_categories()
    {
        var model = new OneHotEncoder(new OneHotEncoderOptions(UnknownCategoryHandling.OtherColumn)).Fit(Frame("channel", "web", "store", "web"), ["channel"]);
        Assert.Equal(["channel=store", "channel=web", "channel=<other>"], model.OutputNames());
        var x = model.Transform(Frame("channel", "phone", "web"));
        Assert.Equal([0.0, 0, 1], x.Row(0).ToArray());
        Assert.Equal([0.0, 1, 0], x.Row(1).ToArray());
    }

    [Fact]
    public void Unknown_category_is_an_error_naming_column_value_and_row_when_asked()
    {
        var model = new OneHotEncoder(new OneHotEncoderOptions(UnknownCategoryHandling.Error)).Fit(Frame("channel", "web", "store"), ["channel"]);
        var e = Assert.Throws<ArgumentException>(() => model.Transform(Frame("channel", "web", "fax")));
        Assert.Equal("frame", e.ParamName);
        Assert.Contains("'channel'", e.Message);
        Assert.Contains("'fax'", e.Message);
        Assert.Contains("row 1", e.Message);
    }

    [Fact]
    public void Missing_value_is_an_error_when_asked()
    {
        var e = Assert.Throws<ArgumentException>(() => new OneHotEncoder(new OneHotEncoderOptions(Missing: MissingCategoryHandling.Error)).Fit(Frame("channel", "web", null), ["channel"]));
        Assert.Contains("row 1", e.Message);
    }

    [Fact]
    public void Transform_frame_replaces_the_column_in_place_and_keeps_the_others()
    {
        var frame = new DataFrame(new StringDataFrameColumn("id", ["a", "b"]), new StringDataFrameColumn("gender", ["F", "M"]), new DoubleDataFrameColumn("spend", [1.0, 2.0]));
        var out_ = new OneHotEncoder().Fit(frame, ["gender"]).TransformFrame(frame);
        Assert.Equal(["id", "gender=F", "gender=M", "spend"], out_.Columns.Select(c => c.Name));
        Assert.Equal(1.0, out_.Columns["gender=M"][1]);
        Assert.Equal(["id", "gender", "spend"], frame.Columns.Select(c => c.Name)); // input untouched
    }

    [Fact]
    public void Ordinal_uses_the_data_model_order_for_education_by_default()
    {
        var model = new OrdinalEncoder().Fit(Frame("education", "master", "primary", null, "bachelor"), ["education"]);
        Assert.Equal(DataModel.EducationLevels, model.Columns[0].Categories);
        var x = model.Transform(Frame("education", "master", "primary", null, "bachelor"));
        Assert.Equal([4.0, 0, double.NaN, 3], x.Column(0));
    }

    [Fact]
    public void Ordinal_unknown_is_an_error_naming_column_and_value_already_at_fit_with_a_declared_order()
    {
        var e = Assert.Throws<ArgumentException>(() => new OrdinalEncoder().Fit(Frame("education", "master", "phd"), ["education"]));
        Assert.Contains("'education'", e.Message);
        Assert.Contains("'phd'", e.Message);
    }

    [Fact]
    public void Bad_declared_order_names_the_parameter()
    {
        var options = new OrdinalEncoderOptions(new Dictionary<string, IReadOnlyList<string>> { ["size"] = ["s", "m", "s"] });
        Assert.Equal("Orders", Assert.Throws<ArgumentException>(() => new OrdinalEncoder(options).Fit(Frame("size", "s"), ["size"])).ParamName);
        Assert.Equal("Unknown", Assert.Throws<ArgumentOutOfRangeException>(() => new OneHotEncoder(new OneHotEncoderOptions((UnknownCategoryHandling)9)).Fit(Frame("c", "x"), ["c"])).ParamName);
    }

    [Fact]
    public void Encoders_give_byte_identical_json_that_round_trips()
    {
        var frame = new DataFrame(new StringDataFrameColumn("education", ["master", "primary", null]), new StringDataFrameColumn("region", ["east", "north", "east"]));
        var oh1 = new OneHotEncoder().Fit(frame, ["education", "region"]).ToJson();
        var oh2 = new OneHotEncoder().Fit(frame, ["education", "region"]).ToJson();
        Assert.Equal(oh1, oh2);
        var od1 = new OrdinalEncoder().Fit(frame, ["education", "region"]).ToJson();
        Assert.Equal(od1, new OrdinalEncoder().Fit(frame, ["education", "region"]).ToJson());
        using var dir = new TempDirectory();
        new OneHotEncoder().Fit(frame, ["education", "region"]).Save(dir.File("oh.json"));
        Assert.Equal(oh1, OneHotEncoderModel.Load(dir.File("oh.json")).ToJson());
        new OrdinalEncoder().Fit(frame, ["education", "region"]).Save(dir.File("od.json"));
        var loaded = OrdinalEncoderModel.Load(dir.File("od.json"));
        Assert.Equal(od1, loaded.ToJson());
        Assert.Equal(new OrdinalEncoder().Fit(frame, ["education", "region"]).Transform(frame).Values, loaded.Transform(frame).Values);
    }
}
