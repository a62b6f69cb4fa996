using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;
using static Segmentation.Analytics.Tests.Features.FeatureReferenceData;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Analytics.Tests.Features;

/// <summary>Scalers against scikit-learn 1.2.1 / numpy 1.24.2 on marketing_campaign (2 216 customers), tolerance 1e-12 relative.</summary>
public sealed class ScalerReferenceTests
{
    private static readonly Dictionary<string, double[]> Expected = Csv("scalers.csv");

    [Fact]
    public void Standard_scaler_matches_sklearn_mean_variance_scale_and_transform()
    {
        var model = new StandardScaler().Fit(Marketing, NumericColumns);
        var mean = Doubles(Json.GetProperty("standard").GetProperty("mean"));
        var variance = Doubles(Json.GetProperty("standard").GetProperty("var"));
        var scale = Doubles(Json.GetProperty("standard").GetProperty("scale"));
        for (int j = 0; j < NumericColumns.Length; j++)
        {
            Close(mean[j], model.Mean[j], $"mean {NumericColumns[j]}");
            Close(variance[j], model.Variance[j], $"var {NumericColumns[j]}");
            Close(scale[j], model.Scale[j], $"scale {NumericColumns[j]}");
        }
        var z = model.Transform(FeatureMatrix.FromDataFrame(Marketing, NumericColumns));
        for (int j = 0; j < NumericColumns.Length; j++)
        {
            var e = Expected["standard_" + NumericColumns[j]];
            for (int i = 0; i < z.Rows; i++) Close(e[i], z[i, j], $"z[{i}, {NumericColumns[j]}]");
        }
    }

    [Fact]
    public void Robust_scaler_matches_sklearn_median_iqr_and_transform()
    {
        var model = new RobustScaler().Fit(Marketing, NumericColumns);
        var center = Doubles(Json.GetProperty("robust").GetProperty("center"));
        var scale = Doubles(Json.GetProperty("robust").GetProperty("scale"));
        for (int j = 0; j < NumericColumns.Length; j++)
        {
            Close(center[j], model.Center[j], $"center {NumericColumns[j]}");
            Close(scale[j], model.Scale[j], $"scale {NumericColumns[j]}");
        }
        var frame = model.Transform(Marketing);
        foreach (var c in NumericColumns)
        {
            var e = Expected["robust_" + c];
            for (int i = 0; i < e.Length; i++) Close(e[i], (double)frame.Columns[c][i]!, $"robust[{i}, {c}]");
        }
        Assert.Equal(Marketing.Columns.Select(c => c.Name), frame.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Log1p_matches_numpy()
    {
        var x = FeatureMatrix.FromDataFrame(Marketing, NumericColumns);
        var y = new Log1pTransform().Fit(x).Transform(x);
        for (int j = 0; j < NumericColumns.Length; j++)
        {
            var e = Expected["log1p_" + NumericColumns[j]];
            for (int i = 0; i < y.Rows; i++) Close(e[i], y[i, j], $"log1p[{i}, {NumericColumns[j]}]");
        }
        Assert.Equal(1e-20, Log1pTransform.Log1p(1e-20)); // exact for tiny x, where ln(1 + x) in doubles would give 0
    }

    [Fact]
    public void Constant_columns_get_scale_one_as_sklearn()
    {
        var c = Json.GetProperty("constant");
        var rows = c.GetProperty("x").EnumerateArray().Select(r => Doubles(r)).ToArray();
        var x = FeatureMatrix.FromRows(rows);
        var standard = new StandardScaler().Fit(x);
        var robust = new RobustScaler().Fit(x);
        var sScale = Doubles(c.GetProperty("standard_scale"));
        var rScale = Doubles(c.GetProperty("robust_scale"));
        var sT = c.GetProperty("standard_transform").EnumerateArray().Select(r => Doubles(r)).ToArray();
        var rT = c.GetProperty("robust_transform").EnumerateArray().Select(r => Doubles(r)).ToArray();
        var zs = standard.Transform(x);
        var zr = robust.Transform(x);
        for (int j = 0; j < 2; j++)
        {
            Close(sScale[j], standard.Scale[j], "standard scale");
            Close(rScale[j], robust.Scale[j], "robust scale");
            for (int i = 0; i < rows.Length; i++)
            {
                Close(sT[i][j], zs[i, j], "standard transform");
                Close(rT[i][j], zr[i, j], "robust transform");
            }
        }
        Assert.Equal(1.0, standard.Scale[0]);
    }

    [Fact]
    public void Missing_values_are_ignored_when_fitting_and_kept_missing()
    {
        var x = FeatureMatrix.FromRows([[1.0], [double.NaN], [3.0], [5.0]]);
        var model = new StandardScaler().Fit(x);
        Assert.Equal(3.0, model.Mean[0]);
        Assert.Equal(3L, model.SamplesSeen[0]);
        Assert.Equal(Math.Sqrt(8.0 / 3), model.Scale[0], 15);
        Assert.True(double.IsNaN(model.Transform(x)[1, 0]));
        Assert.Equal(3.0, new RobustScaler().Fit(x).Center[0]);
    }

    [Fact]
    public void Bad_options_and_inputs_name_the_parameter()
    {
        Assert.Equal("LowerQuantile", Assert.Throws<ArgumentOutOfRangeException>(() => new RobustScaler(new RobustScalerOptions(LowerQuantile: 80)).Fit(FeatureMatrix.FromRows([[1.0]]))).ParamName);
        Assert.Equal("UpperQuantile", Assert.Throws<ArgumentOutOfRangeException>(() => new RobustScaler(new RobustScalerOptions(UpperQuantile: 101)).Fit(FeatureMatrix.FromRows([[1.0]]))).ParamName);
        var e = Assert.Throws<ArgumentException>(() => new Log1pTransform().Fit(FeatureMatrix.FromRows([[0.5], [-1.0]], ["spend"])));
        Assert.Equal("data", e.ParamName);
        Assert.Contains("'spend'", e.Message);
        Assert.Contains("row 1", e.Message);
        Assert.Equal("frame", Assert.Throws<ArgumentException>(() => new StandardScaler().Fit(Marketing, ["no_such"])).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => new StandardScaler().Fit(FeatureMatrix.FromRows([[1.0, 2.0]])).Transform(FeatureMatrix.FromRows([[1.0]]))).ParamName);
    }
}
