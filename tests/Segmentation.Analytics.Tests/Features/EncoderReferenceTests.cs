using Segmentation.Analytics.Features;
using static Segmentation.Analytics.Tests.Features.FeatureReferenceData;

namespace Segmentation.Analytics.Tests.Features;

/// <summary>Encoders against scikit-learn 1.2.1 on marketing_campaign (exact: codes and indicators are small integers).</summary>
public sealed class EncoderReferenceTests
{
    private static readonly Dictionary<string, double[]> Expected = Csv("encoders.csv");

    private static string OurName(string sklearnName) =>
        sklearnName.StartsWith("education_", StringComparison.Ordinal) ? "education=" + sklearnName["education_".Length..]
        : "visits_code=" + sklearnName["visits_".Length..];

    [Fact]
    public void One_hot_matches_sklearn_names_order_and_indicators_for_text_and_integer_columns()
    {
        var model = new OneHotEncoder().Fit(Marketing, ["education", "visits_code"]);
        var names = Json.GetProperty("onehot_names").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(names.Select(OurName), model.OutputNames());
        var x = model.Transform(Marketing);
        for (int j = 0; j < names.Length; j++)
        {
            var e = Expected[names[j]];
            for (int i = 0; i < x.Rows; i++) Assert.True(e[i] == x[i, j], $"{names[j]} row {i}: {e[i]} vs {x[i, j]}");
        }
    }

    [Fact]
    public void Ordinal_matches_sklearn_with_a_declared_order_and_with_the_learned_order()
    {
        var options = new OrdinalEncoderOptions(new Dictionary<string, IReadOnlyList<string>> { ["education"] = ["Basic", "2n Cycle", "Graduation", "Master", "PhD"] });
        var model = new OrdinalEncoder(options).Fit(Marketing, ["education", "visits_code"]);
        Assert.True(model.Columns[0].Declared);
        Assert.False(model.Columns[1].Declared);
        var x = model.Transform(Marketing);
        var education = Expected["ordinal_education"];
        var visits = Expected["ordinal_visits"];
        for (int i = 0; i < x.Rows; i++)
        {
            Assert.Equal(education[i], x[i, 0]);
            Assert.Equal(visits[i], x[i, 1]);
        }
    }

    [Fact]
    public void Unknown_category_gives_all_zeros_as_sklearn_ignore()
    {
        var model = new OneHotEncoder().Fit(Marketing, ["education"]);
        var rows = Json.GetProperty("onehot_ignore_unknown").GetProperty("rows").EnumerateArray().Select(e => e.GetString()).ToArray();
        var expected = Json.GetProperty("onehot_ignore_unknown").GetProperty("output").EnumerateArray().Select(r => Doubles(r)).ToArray();
        var frame = new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.StringDataFrameColumn("education", rows));
        var x = model.Transform(frame);
        for (int i = 0; i < rows.Length; i++) Assert.Equal(expected[i], x.Row(i).ToArray());
    }

    [Fact]
    public void Missing_value_is_its_own_category_placed_last_as_sklearn()
    {
        var fit = Json.GetProperty("onehot_missing").GetProperty("fit").EnumerateArray().Select(e => e.GetString()).ToArray();
        var expected = Json.GetProperty("onehot_missing").GetProperty("output").EnumerateArray().Select(r => Doubles(r)).ToArray();
        var frame = new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.StringDataFrameColumn("channel", fit));
        var model = new OneHotEncoder().Fit(frame, ["channel"]);
        Assert.Equal(["channel=app", "channel=web", "channel=<missing>"], model.OutputNames());
        var x = model.Transform(frame);
        for (int i = 0; i < fit.Length; i++) Assert.Equal(expected[i], x.Row(i).ToArray());
    }

    [Fact]
    public void Ordinal_unknown_is_nan_by_option_as_sklearn_use_encoded_value()
    {
        var options = new OrdinalEncoderOptions(new Dictionary<string, IReadOnlyList<string>> { ["education"] = ["Basic", "2n Cycle", "Graduation", "Master", "PhD"] }, UnknownOrdinalHandling.NaN);
        var model = new OrdinalEncoder(options).Fit(Marketing, ["education"]);
        var rows = Json.GetProperty("ordinal_unknown_nan").GetProperty("rows").EnumerateArray().Select(e => e.GetString()).ToArray();
        var expected = Doubles(Json.GetProperty("ordinal_unknown_nan").GetProperty("output"));
        var x = model.Transform(new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.StringDataFrameColumn("education", rows)));
        Assert.Equal(expected, x.Column(0));
    }
}
