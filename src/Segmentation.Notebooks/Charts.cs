using Segmentation.Analytics.Features;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Validation;

namespace Segmentation.Notebooks;

/// <summary>
/// The charts the notebooks show, built from the library's results. Each returns a <see cref="NotebookChart"/>: displayed
/// as an interactive Plotly.NET chart (offline; Plotly.NET runs in its own load context), or as ScottPlot SVG where that host
/// cannot be loaded; <c>.ToPlotlyJson()</c> gives the Plotly figure, <c>.ToSvg()</c> the SVG.
/// </summary>
public static partial class Charts
{
    /// <summary>Elbow: within-cluster sum of squares against k, with the recommended k marked.</summary>
    public static NotebookChart Elbow(KSelectionResult selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var k = selection.Rows.Select(r => (double)r.Clusters).ToArray();
        return new NotebookChart("Elbow: inertia vs k · 肘部图", "k", "inertia (within-cluster SS)",
        [
            new LineLayer("inertia", k, selection.Rows.Select(r => r.Inertia).ToArray(), LineMode.LinesAndMarkers, 0),
            new ReferenceLineLayer(true, selection.RecommendedClusters, $"k = {selection.RecommendedClusters}"),
        ]);
    }

    /// <summary>Mean silhouette against k (± its standard error when estimated), with the recommended k marked.</summary>
    public static NotebookChart SilhouetteByK(KSelectionResult selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var k = selection.Rows.Select(r => (double)r.Clusters).ToArray();
        var se = selection.Rows.Select(r => r.SilhouetteStandardError).ToArray();
        return new NotebookChart("Mean silhouette vs k · 轮廓系数", "k", "mean silhouette",
        [
            new LineLayer("silhouette", k, selection.Rows.Select(r => r.Silhouette).ToArray(), LineMode.LinesAndMarkers, 1, se.Any(s => s > 0) ? se : null),
            new ReferenceLineLayer(true, selection.RecommendedClusters, $"k = {selection.RecommendedClusters}"),
        ]);
    }

    /// <summary>
    /// Silhouette plot: every sample's silhouette as a horizontal bar, sorted within each cluster, clusters stacked, the
    /// mean as a dashed line. Above <paramref name="maxBars"/> samples an evenly spaced subset of each cluster's sorted
    /// values is drawn (the shape is kept).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public static NotebookChart SilhouettePlot(IReadOnlyList<double> samples, IReadOnlyList<int> labels, IReadOnlyList<string>? clusterNames = null, int maxBars = 1500)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(labels);
        if (samples.Count != labels.Count) throw new ArgumentException($"samples has {samples.Count} values, labels {labels.Count}.", nameof(labels));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBars, 10);
        double keep = Math.Min(1.0, (double)maxBars / Math.Max(1, samples.Count));
        var layers = new List<ChartLayer>();
        double y = 0;
        foreach (var cluster in labels.Distinct().Order())
        {
            var values = Enumerable.Range(0, samples.Count).Where(i => labels[i] == cluster).Select(i => samples[i]).OrderDescending().ToArray();
            int shown = Math.Max(1, (int)Math.Round(values.Length * keep));
            var picked = Enumerable.Range(0, shown).Select(j => values[(int)((long)j * values.Length / shown)]).ToArray();
            var positions = Enumerable.Range(0, shown).Select(j => y + j).ToArray();
            var name = clusterNames is not null && cluster >= 0 && cluster < clusterNames.Count ? clusterNames[cluster] : $"cluster {cluster}";
            layers.Add(new BarLayer($"{name} (n = {values.Length})", positions, picked, Horizontal: true, ColorIndex: cluster, Width: 1));
            y += shown + Math.Max(2, shown / 20.0);
        }
        layers.Add(new ReferenceLineLayer(true, samples.Average(), "mean"));
        return new NotebookChart($"Silhouette plot · 轮廓图 (mean {samples.Average():F3})", "silhouette s(i)", "samples, sorted within cluster", layers, height: 520);
    }

    /// <summary>
    /// Snake plot: one line per segment across the features (typically the segment means of standardised features, so 0 is
    /// the population mean).
    /// </summary>
    /// <param name="segments">Segment names (rows of <paramref name="values"/>).</param>
    /// <param name="features">Feature names (columns).</param>
    /// <param name="values">segments × features.</param>
    /// <exception cref="ArgumentException">The matrix does not match the names.</exception>
    public static NotebookChart SnakePlot(IReadOnlyList<string> segments, IReadOnlyList<string> features, double[,] values)
    {
        CheckMatrix(segments, features, values);
        var x = Enumerable.Range(0, features.Count).Select(i => (double)i).ToArray();
        var layers = new List<ChartLayer>();
        for (int s = 0; s < segments.Count; s++)
            layers.Add(new LineLayer(segments[s], x, Enumerable.Range(0, features.Count).Select(f => values[s, f]).ToArray(), LineMode.LinesAndMarkers, s));
        layers.Add(new ReferenceLineLayer(false, 0));
        return new NotebookChart("Snake plot of segment profiles · 细分画像蛇形图", null, "standardised mean (z)", layers, xCategories: [.. features]);
    }

    /// <summary>Index heatmap: segments × features, each cell annotated (e.g. index = segment mean / population mean × 100).</summary>
    /// <exception cref="ArgumentException">The matrix does not match the names.</exception>
    public static NotebookChart IndexHeatmap(IReadOnlyList<string> segments, IReadOnlyList<string> features, double[,] values, string valueFormat = "0")
    {
        CheckMatrix(segments, features, values);
        var z = Enumerable.Range(0, segments.Count).Select(s => Enumerable.Range(0, features.Count).Select(f => values[s, f]).ToArray()).ToArray();
        return new NotebookChart("Segment profile index · 细分画像指数", null, null, [new HeatmapLayer([.. features], [.. segments], z, valueFormat)],
            height: Math.Max(260, 60 + 34 * segments.Count));
    }

    /// <summary>2-D scatter of two score columns (e.g. factor or principal-component scores), coloured by segment.</summary>
    /// <exception cref="ArgumentException">Fewer than two columns, or the labels do not match the rows.</exception>
    public static NotebookChart SegmentScatter(FeatureMatrix scores, IReadOnlyList<int> labels, IReadOnlyList<string>? segmentNames = null, int xColumn = 0, int yColumn = 1)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Columns < 2) throw new ArgumentException($"scores has {scores.Columns} column(s); a scatter needs two.", nameof(scores));
        if (labels.Count != scores.Rows) throw new ArgumentException($"labels has {labels.Count} values; scores has {scores.Rows} rows.", nameof(labels));
        var layers = new List<ChartLayer>();
        foreach (var s in labels.Distinct().Order())
        {
            var rows = Enumerable.Range(0, scores.Rows).Where(i => labels[i] == s).ToArray();
            var name = segmentNames is not null && s >= 0 && s < segmentNames.Count ? segmentNames[s] : $"segment {s}";
            layers.Add(new LineLayer(name, rows.Select(i => scores[i, xColumn]).ToArray(), rows.Select(i => scores[i, yColumn]).ToArray(), LineMode.Markers, s));
        }
        return new NotebookChart("Customers by segment · 客户细分散点图", scores.ColumnNames[xColumn], scores.ColumnNames[yColumn], layers, height: 520);
    }

    /// <summary>
    /// Dendrogram of the last <paramref name="shownClusters"/> − 1 merges (scipy's <c>truncate_mode="lastp"</c>): each
    /// truncated branch is a leaf labelled with its size; heights are the merge heights.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shownClusters"/> is below 2.</exception>
    public static NotebookChart Dendrogram(Dendrogram tree, int shownClusters = 30, int? cutClusters = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentOutOfRangeException.ThrowIfLessThan(shownClusters, 2);
        int n = tree.Leaves;
        int p = Math.Min(shownClusters, n);
        int firstShownMerge = tree.Merges.Length - (p - 1); // merges from here on are drawn
        var leafLabels = new List<string>();
        var xs = new List<double>();
        var ys = new List<double>();
        (double X, double Height) Walk(int node)
        {
            int merge = node - n;
            if (node < n || merge < firstShownMerge)
            {
                double size = node < n ? 1 : tree.Merges[merge].Size;
                leafLabels.Add(node < n ? node.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"({size:0})");
                return (leafLabels.Count - 1, 0);
            }
            var m = tree.Merges[merge];
            var left = Walk(m.Left);
            var right = Walk(m.Right);
            xs.AddRange([left.X, left.X, right.X, right.X, double.NaN]);
            ys.AddRange([left.Height, m.Height, m.Height, right.Height, double.NaN]);
            return ((left.X + right.X) / 2, m.Height);
        }
        Walk(2 * n - 2);
        var layers = new List<ChartLayer> { new PolylineLayer("links", [.. xs], [.. ys], 0) };
        if (cutClusters is int k && k >= 2 && k <= n)
        {
            // A cut between the heights of the (n−k)th and the next merge gives k clusters.
            double low = tree.Merges[n - k - 1].Height, high = tree.Merges[n - k].Height;
            layers.Add(new ReferenceLineLayer(false, (low + high) / 2, $"k = {k}"));
        }
        return new NotebookChart($"Ward dendrogram (last {p} clusters) · 层次聚类树状图", "cluster (size)", "merge height", layers, xCategories: [.. leafLabels], height: 460);
    }

    /// <summary>
    /// Migration between two periods' segments as a Sankey diagram (the SVG fallback shows the count matrix).
    /// </summary>
    /// <param name="fromSegments">Segments of the earlier period (rows of <paramref name="counts"/>).</param>
    /// <param name="toSegments">Segments of the later period (columns).</param>
    /// <param name="counts">Customers moving from row to column.</param>
    /// <exception cref="ArgumentException">The matrix does not match the names, or a count is negative.</exception>
    public static NotebookChart MigrationSankey(IReadOnlyList<string> fromSegments, IReadOnlyList<string> toSegments, double[,] counts)
    {
        CheckMatrix(fromSegments, toSegments, counts);
        var sources = new List<int>();
        var targets = new List<int>();
        var values = new List<double>();
        for (int i = 0; i < fromSegments.Count; i++)
            for (int j = 0; j < toSegments.Count; j++)
            {
                if (counts[i, j] < 0) throw new ArgumentException($"counts[{i}, {j}] = {counts[i, j]} is negative.", nameof(counts));
                if (counts[i, j] == 0) continue;
                sources.Add(i);
                targets.Add(fromSegments.Count + j);
                values.Add(counts[i, j]);
            }
        var matrix = Enumerable.Range(0, fromSegments.Count).Select(i => Enumerable.Range(0, toSegments.Count).Select(j => counts[i, j]).ToArray()).ToArray();
        var nodes = fromSegments.Select(s => s + " (before)").Concat(toSegments.Select(s => s + " (after)")).ToArray();
        return new NotebookChart("Segment migration · 细分迁移", null, null,
            [new SankeyLayer(nodes, [.. sources], [.. targets], [.. values], [.. fromSegments], [.. toSegments], matrix)], height: 480);
    }

    /// <summary>KPI trend lines: one line per series over the periods (e.g. months).</summary>
    /// <exception cref="ArgumentException">A series' length differs from the number of periods.</exception>
    public static NotebookChart KpiTrend(IReadOnlyList<string> periods, IReadOnlyList<(string Name, double[] Values)> series, string kpiTitle)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(series);
        var x = Enumerable.Range(0, periods.Count).Select(i => (double)i).ToArray();
        var layers = new List<ChartLayer>();
        for (int s = 0; s < series.Count; s++)
        {
            if (series[s].Values.Length != periods.Count)
                throw new ArgumentException($"series '{series[s].Name}' has {series[s].Values.Length} values for {periods.Count} periods.", nameof(series));
            layers.Add(new LineLayer(series[s].Name, x, series[s].Values, LineMode.LinesAndMarkers, s));
        }
        return new NotebookChart($"{kpiTitle} trend · 指标趋势", null, kpiTitle, layers, xCategories: [.. periods]);
    }

    /// <summary>Uplift forest plot: each estimate with its confidence interval, a dashed line at no effect (0).</summary>
    /// <exception cref="ArgumentException">Lengths differ or an interval does not contain its estimate.</exception>
    public static NotebookChart UpliftForest(IReadOnlyList<string> labels, IReadOnlyList<double> estimates, IReadOnlyList<double> lower, IReadOnlyList<double> upper,
                                             string effectTitle = "uplift (treatment − control)")
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (estimates.Count != labels.Count || lower.Count != labels.Count || upper.Count != labels.Count)
            throw new ArgumentException($"labels, estimates, lower and upper must have one value each per row ({labels.Count}).", nameof(estimates));
        for (int i = 0; i < labels.Count; i++)
            if (!(lower[i] <= estimates[i] && estimates[i] <= upper[i]))
                throw new ArgumentException($"row {i} ('{labels[i]}'): the interval [{lower[i]}, {upper[i]}] does not contain the estimate {estimates[i]}.", nameof(lower));
        return new NotebookChart("Campaign uplift with 95% CI · 活动增量效果", effectTitle, null,
            [new IntervalLayer("uplift", [.. estimates], [.. lower], [.. upper], 0), new ReferenceLineLayer(true, 0)],
            yCategories: [.. labels], height: Math.Max(240, 80 + 36 * labels.Count));
    }

    /// <summary>Histogram of the finite values in <paramref name="bins"/> equal-width bins.</summary>
    /// <exception cref="ArgumentException">No finite value, or fewer than 1 bin.</exception>
    public static NotebookChart Histogram(IEnumerable<double> values, string title, string? xTitle = null, int bins = 40)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var v = values.Where(double.IsFinite).ToArray();
        if (v.Length == 0) throw new ArgumentException("No finite value to draw.", nameof(values));
        double lo = v.Min(), hi = v.Max();
        double width = hi > lo ? (hi - lo) / bins : 1;
        var counts = new double[bins];
        foreach (var x in v) counts[Math.Min(bins - 1, (int)((x - lo) / width))]++;
        var centres = Enumerable.Range(0, bins).Select(i => lo + (i + 0.5) * width).ToArray();
        return new NotebookChart(title, xTitle, "customers", [new BarLayer("", centres, counts, Horizontal: false, ColorIndex: 0, Width: width)], height: 340);
    }

    /// <summary>Bar chart of named values (e.g. customers per segment).</summary>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public static NotebookChart Bars(IReadOnlyList<string> labels, IReadOnlyList<double> values, string title, string? valueTitle = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        if (labels.Count != values.Count) throw new ArgumentException($"labels has {labels.Count} entries, values {values.Count}.", nameof(values));
        return new NotebookChart(title, null, valueTitle,
            [new BarLayer("", Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), [.. values], Horizontal: false, ColorIndex: 0)],
            xCategories: [.. labels], height: 380);
    }

    private static void CheckMatrix(IReadOnlyList<string> rows, IReadOnlyList<string> columns, double[,] values)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetLength(0) != rows.Count || values.GetLength(1) != columns.Count)
            throw new ArgumentException($"values is {values.GetLength(0)} × {values.GetLength(1)}; expected {rows.Count} × {columns.Count} (rows × columns).", nameof(values));
    }
}
