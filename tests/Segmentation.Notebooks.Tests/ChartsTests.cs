using System.Text.Json;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Validation;

namespace Segmentation.Notebooks.Tests;

public sealed class ChartsTests
{
    private static JsonElement Traces(NotebookChart chart) => JsonDocument.Parse(chart.ToPlotlyJson()).RootElement.GetProperty("data");

    private static KSelectionResult Selection() => new(
    [
        new KSelectionRow(2, 100, 0.40, 0.01, 50, 0.9, null, null),
        new KSelectionRow(3, 60, 0.55, 0.02, 80, 0.7, null, null),
        new KSelectionRow(4, 50, 0.45, 0.01, 70, 0.6, null, null),
    ], 3, 3, 4, null, 3, "k = 3");

    [Fact]
    public void Elbow_chart_has_the_inertia_trace_over_k_and_marks_the_recommended_k()
    {
        var chart = Charts.Elbow(Selection());
        var trace = Traces(chart)[0];
        Assert.Equal("scatter", trace.GetProperty("type").GetString());
        Assert.Equal([2.0, 3, 4], trace.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([100.0, 60, 50], trace.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        var shape = JsonDocument.Parse(chart.ToPlotlyJson()).RootElement.GetProperty("layout").GetProperty("shapes")[0];
        Assert.Equal(3, shape.GetProperty("x0").GetDouble());
    }

    [Fact]
    public void Silhouette_by_k_carries_the_standard_errors_as_error_bars()
    {
        var trace = Traces(Charts.SilhouetteByK(Selection()))[0];
        Assert.Equal([0.01, 0.02, 0.01], trace.GetProperty("error_y").GetProperty("array").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void Silhouette_plot_has_one_bar_trace_per_cluster_sorted_descending()
    {
        var traces = Traces(Charts.SilhouettePlot([0.1, 0.9, 0.5, -0.2, 0.3], [0, 0, 0, 1, 1]));
        Assert.Equal("bar", traces[0].GetProperty("type").GetString());
        Assert.Equal([0.9, 0.5, 0.1], traces[0].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([0.3, -0.2], traces[1].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("h", traces[1].GetProperty("orientation").GetString());
    }

    [Fact]
    public void Sankey_links_are_the_non_zero_cells_of_the_transition_matrix()
    {
        var counts = new double[,] { { 5, 0 }, { 2, 7 } };
        var trace = Traces(Charts.MigrationSankey(["A", "B"], ["A", "B"], counts))[0];
        Assert.Equal("sankey", trace.GetProperty("type").GetString());
        var link = trace.GetProperty("link");
        Assert.Equal([0, 1, 1], link.GetProperty("source").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([2, 2, 3], link.GetProperty("target").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([5.0, 2, 7], link.GetProperty("value").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(["A (before)", "B (before)", "A (after)", "B (after)"], trace.GetProperty("node").GetProperty("label").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void Dendrogram_draws_one_link_per_merge_at_the_merge_heights()
    {
        // 4 leaves: (0,1) at 1, (2,3) at 2, then both at 5 — scipy linkage format.
        var tree = new Dendrogram(4, [new DendrogramMerge(0, 1, 1, 2), new DendrogramMerge(2, 3, 2, 2), new DendrogramMerge(4, 5, 5, 4)]);
        var trace = Traces(Charts.Dendrogram(tree, shownClusters: 4))[0];
        var y = trace.GetProperty("y").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();
        Assert.Equal(15, y.Length); // 3 links × (4 points + a gap)
        Assert.Equal([0.0, 1, 1, 0], y[..4]);
        Assert.Equal([1.0, 5, 5, 2], y[10..14]);
    }

    [Fact]
    public void Uplift_forest_plot_has_asymmetric_error_bars_from_the_intervals()
    {
        var trace = Traces(Charts.UpliftForest(["A", "B"], [0.1, -0.02], [0.05, -0.06], [0.2, 0.01]))[0];
        Assert.Equal([0.1, 0.03], trace.GetProperty("error_x").GetProperty("array").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 10)));
        Assert.Equal([0.05, 0.04], trace.GetProperty("error_x").GetProperty("arrayminus").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 10)));
        Assert.Throws<ArgumentException>(() => Charts.UpliftForest(["A"], [0.3], [0.0], [0.2]));
    }

    [Fact]
    public void Snake_plot_heatmap_trend_scatter_histogram_and_bars_have_their_traces()
    {
        var m = new double[,] { { 1, -1 }, { -0.5, 0.5 } };
        Assert.Equal(2, Traces(Charts.SnakePlot(["s0", "s1"], ["f0", "f1"], m)).EnumerateArray().Count(t => t.GetProperty("type").GetString() == "scatter"));
        Assert.Equal("heatmap", Traces(Charts.IndexHeatmap(["s0", "s1"], ["f0", "f1"], m))[0].GetProperty("type").GetString());
        Assert.Equal(2, Traces(Charts.KpiTrend(["2026-01", "2026-02"], [("A", [1.0, 2]), ("B", [3.0, 4])], "sales")).GetArrayLength());
        var scores = new Segmentation.Analytics.Features.FeatureMatrix([0, 0, 1, 1, 5, 5], 3, 2, ["F1", "F2"]);
        Assert.Equal(2, Traces(Charts.SegmentScatter(scores, [0, 0, 1])).GetArrayLength());
        var histogram = Traces(Charts.Histogram([1.0, 2, 2, 3, double.NaN], "h", bins: 2))[0];
        Assert.Equal(4.0, histogram.GetProperty("y").EnumerateArray().Sum(v => v.GetDouble())); // NaN left out
        Assert.Equal([3.0, 4.0], Traces(Charts.Bars(["a", "b"], [3.0, 4.0], "b"))[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Throws<ArgumentException>(() => Charts.SnakePlot(["s0"], ["f0", "f1"], m));
    }

    [Fact]
    public void Svg_fallback_draws_every_chart_kind_with_its_title()
    {
        var charts = new[]
        {
            Charts.Elbow(Selection()),
            Charts.SilhouettePlot([0.1, 0.9, -0.2], [0, 0, 1]),
            Charts.IndexHeatmap(["s0"], ["f0", "f1"], new double[,] { { 90, 110 } }),
            Charts.MigrationSankey(["A"], ["A", "B"], new double[,] { { 1, 2 } }),
            Charts.Dendrogram(new Dendrogram(3, [new DendrogramMerge(0, 1, 1, 2), new DendrogramMerge(2, 3, 2, 3)])),
            Charts.UpliftForest(["A"], [0.1], [0.0], [0.2]),
        };
        foreach (var chart in charts)
        {
            var svg = chart.ToSvg();
            Assert.Contains("<svg", svg);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(chart.Title.Split(' ')[0]), svg);
        }
    }

    [Fact]
    public void Chart_html_embeds_plotly_js_once_per_session_and_falls_back_to_svg_on_request()
    {
        try
        {
            ChartHtml.Reset();
            var first = ChartHtml.Render(Charts.Elbow(Selection()));
            var second = ChartHtml.Render(Charts.Elbow(Selection()));
            Assert.Contains("plotly.js 2.", first);
            Assert.True(first.Length > 3_000_000);
            Assert.DoesNotContain("plotly.js 2.", second);
            Assert.Contains("Plotly.newPlot", second);

            ChartHtml.Reset(ChartRendering.Svg);
            var svg = ChartHtml.Render(Charts.Elbow(Selection()));
            Assert.Contains("<svg", svg);
            Assert.DoesNotContain("Plotly", svg);
        }
        finally
        {
            ChartHtml.Reset();
        }
    }
}
