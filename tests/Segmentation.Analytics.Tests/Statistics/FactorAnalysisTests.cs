using System.Text.Json;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Statistics;
using static Segmentation.Analytics.Tests.Statistics.StatisticsTestData;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Analytics.Tests.Statistics;

public sealed class FactorAnalysisTests
{
    private static readonly JsonElement Fa = Reference("fa_lda_reference.json").GetProperty("factorAnalysis");
    private static string[] Columns => Fa.GetProperty("columns").EnumerateArray().Select(v => v.GetString()!).ToArray();

    /// <summary>
    /// Asserts that our columns equal the reference's up to column order and sign, to 1e-6 relative
    /// (absolute 1e-6 × max(1, |value|)); returns for each reference column our column and the sign.
    /// </summary>
    private static (int Column, double Sign)[] AssertEqualUpToSignAndOrder(double[][] expected, IReadOnlyList<IReadOnlyList<double>> actual)
    {
        int k = expected[0].Length;
        Assert.Equal(k, actual[0].Count);
        var map = new (int, double)[k];
        var used = new bool[k];
        for (int f = 0; f < k; f++)
        {
            int best = -1; double bestSign = 1, bestError = double.MaxValue;
            for (int g = 0; g < k; g++)
            {
                if (used[g]) continue;
                foreach (double sign in new[] { 1.0, -1.0 })
                {
                    double error = expected.Select((row, j) => Math.Abs(row[f] - sign * actual[j][g])).Max();
                    if (error < bestError) { bestError = error; best = g; bestSign = sign; }
                }
            }
            used[best] = true;
            map[f] = (best, bestSign);
            for (int j = 0; j < expected.Length; j++)
                Assert.Equal(expected[j][f], bestSign * actual[j][best], 1e-6 * Math.Max(1, Math.Abs(expected[j][f])));
        }
        return map;
    }

    [Fact]
    public void Principal_components_and_kaiser_criterion_match_numpy()
    {
        var model = new FactorAnalysis(new FactorAnalysisOptions(Rotation: FactorRotation.None)).Fit(MarketingData.Features(Columns));
        var eig = Doubles(Fa.GetProperty("eigenvalues"));
        for (int i = 0; i < eig.Length; i++) Assert.Equal(eig[i], model.Eigenvalues[i], 1e-9 * eig[0]);
        Assert.Equal(Fa.GetProperty("factors").GetInt32(), model.Factors);
        var map = AssertEqualUpToSignAndOrder(Matrix(Fa.GetProperty("loadingsNone")), model.Loadings);
        var communalities = Doubles(Fa.GetProperty("communalities"));
        for (int j = 0; j < communalities.Length; j++) Assert.Equal(communalities[j], model.Communalities[j], 1e-9);
        var explained = Doubles(Fa.GetProperty("explainedVarianceNone"));
        for (int f = 0; f < explained.Length; f++)
        {
            Assert.Equal(explained[f], model.ExplainedVariance[map[f].Column], 1e-9);
            Assert.Equal(explained[f] / Columns.Length, model.ExplainedVarianceRatio[map[f].Column], 1e-9);
        }
        Assert.Equal(model.ExplainedVarianceRatio.Sum(), model.CumulativeVarianceRatio[^1], 1e-12);
        // regression scores of the first 5 rows, same column mapping
        var scores = model.Transform(MarketingData.Features(Columns, rows: 5));
        var expectedScores = Matrix(Fa.GetProperty("scoresNoneFirst5"));
        for (int i = 0; i < 5; i++)
            for (int f = 0; f < explained.Length; f++)
                Assert.Equal(expectedScores[i][f], map[f].Sign * scores[i, map[f].Column], 1e-6 * Math.Max(1, Math.Abs(expectedScores[i][f])));
    }

    [Fact]
    public void Varimax_loadings_and_scores_match_numpy_kaiser_varimax()
    {
        // reference: numpy port of R's stats::varimax (Kaiser normalisation, eps 1e-12), PCA loadings of the correlation matrix
        foreach (var (factors, loadingsKey, scoresKey, varianceKey) in new[]
                 {
                     ((int?)null, "loadingsVarimax", "scoresVarimaxFirst5", "explainedVarianceVarimax"),
                     ((int?)3, "loadingsVarimax3", "scoresVarimax3First5", "explainedVarianceVarimax3"),
                 })
        {
            var model = new FactorAnalysis(new FactorAnalysisOptions(Factors: factors)).Fit(MarketingData.Features(Columns));
            var map = AssertEqualUpToSignAndOrder(Matrix(Fa.GetProperty(loadingsKey)), model.Loadings);
            var variance = Doubles(Fa.GetProperty(varianceKey));
            for (int f = 0; f < variance.Length; f++) Assert.Equal(variance[f], model.ExplainedVariance[map[f].Column], 1e-6);
            var scores = model.Transform(MarketingData.Features(Columns, rows: 5));
            var expected = Matrix(Fa.GetProperty(scoresKey));
            for (int i = 0; i < 5; i++)
                for (int f = 0; f < variance.Length; f++)
                    Assert.Equal(expected[i][f], map[f].Sign * scores[i, map[f].Column], 1e-6 * Math.Max(1, Math.Abs(expected[i][f])));
        }
    }

    [Fact]
    public void Kmo_and_bartlett_match_the_textbook_formulas_in_numpy()
    {
        var k = KmoBartlett.Compute(MarketingData.Features(Columns));
        Assert.Equal(Fa.GetProperty("kmo").GetDouble(), k.Kmo, 1e-10);
        var per = Doubles(Fa.GetProperty("kmoPerVariable"));
        for (int j = 0; j < per.Length; j++) Assert.Equal(per[j], k.KmoPerVariable[j], 1e-10);
        Assert.Equal(Fa.GetProperty("bartlettChiSquare").GetDouble(), k.BartlettChiSquare, 1e-6 * k.BartlettChiSquare);
        Assert.Equal(Fa.GetProperty("bartlettDf").GetInt32(), k.BartlettDf);
        Assert.True(k.BartlettPValue < 1e-300);
        Assert.True(k.IsFactorable);

        // 30 rows of 4 weakly related columns: p = 0.273 (scipy chi2.sf), not factorable
        var small = Fa.GetProperty("bartlettSmall");
        var cols = small.GetProperty("columns").EnumerateArray().Select(v => v.GetString()!).ToArray();
        var s = KmoBartlett.Compute(MarketingData.Features(cols, rows: 30));
        Assert.Equal(small.GetProperty("chiSquare").GetDouble(), s.BartlettChiSquare, 1e-9);
        Assert.Equal(small.GetProperty("df").GetInt32(), s.BartlettDf);
        Assert.Equal(small.GetProperty("pValue").GetDouble(), s.BartlettPValue, 1e-10);
        Assert.False(s.IsFactorable);
    }

    [Fact]
    public void Same_input_gives_identical_json_and_fit_does_not_mutate()
    {
        var x = MarketingData.Features(Columns);
        var copy = (double[])x.Values.Clone();
        var a = new FactorAnalysis().Fit(x);
        var json = ModelJson.Serialize(a);
        Assert.Equal(json, ModelJson.Serialize(new FactorAnalysis().Fit(x)));
        Assert.Equal(copy, x.Values);
        var back = ModelJson.Deserialize<FactorModel>(json);
        Assert.Equal(a.Transform(x).Values, back.Transform(x).Values);
        Assert.Contains("F1", a.ToString());
    }

    [Fact]
    public void Bad_options_and_data_throw_naming_the_parameter()
    {
        Assert.Equal("Factors", Assert.ThrowsAny<ArgumentException>(() => new FactorAnalysis(new FactorAnalysisOptions(Factors: 0))).ParamName);
        Assert.Equal("Tolerance", Assert.ThrowsAny<ArgumentException>(() => new FactorAnalysis(new FactorAnalysisOptions(Tolerance: 0))).ParamName);
        Assert.Equal("MaxIterations", Assert.ThrowsAny<ArgumentException>(() => new FactorAnalysis(new FactorAnalysisOptions(MaxIterations: 0))).ParamName);
        Assert.Equal("Factors", Assert.ThrowsAny<ArgumentException>(() => new FactorAnalysis(new FactorAnalysisOptions(Factors: 20)).Fit(MarketingData.Features(Columns))).ParamName);
        var constant = Segmentation.Analytics.Features.FeatureMatrix.FromRows([[1.0, 2], [1.0, 3], [1.0, 5]], ["flat", "y"]);
        var e = Assert.ThrowsAny<ArgumentException>(() => new FactorAnalysis().Fit(constant));
        Assert.Contains("flat", e.Message);
    }
}
