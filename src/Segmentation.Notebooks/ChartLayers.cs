namespace Segmentation.Notebooks;

// The chart vocabulary both renderers (Plotly.NET and ScottPlot SVG) draw. Internal: notebooks build charts through Charts.

/// <summary>How a line layer is drawn.</summary>
internal enum LineMode { Lines, Markers, LinesAndMarkers }

/// <summary>A part of a chart.</summary>
internal abstract record ChartLayer;

/// <summary>A series of points; NaN in Y breaks the line. <paramref name="YError"/>: ± error bars.</summary>
internal sealed record LineLayer(string Name, double[] X, double[] Y, LineMode Mode, int ColorIndex, double[]? YError = null, bool ShowInLegend = true) : ChartLayer;

/// <summary>Bars at positions (vertical, or horizontal with positions on the y axis).</summary>
internal sealed record BarLayer(string Name, double[] Positions, double[] Values, bool Horizontal, int ColorIndex, double Width = 0.8) : ChartLayer;

/// <summary>A matrix of cells; Z[row][column], rows on the y axis (first row at the top), annotated with the values.</summary>
internal sealed record HeatmapLayer(string[] Columns, string[] Rows, double[][] Z, string ValueFormat = "0.##") : ChartLayer;

/// <summary>Flows between nodes.</summary>
internal sealed record SankeyLayer(string[] Nodes, int[] Sources, int[] Targets, double[] Values, string[] FromLabels, string[] ToLabels, double[][] Matrix) : ChartLayer;

/// <summary>Polylines separated by NaN (dendrogram links).</summary>
internal sealed record PolylineLayer(string Name, double[] X, double[] Y, int ColorIndex) : ChartLayer;

/// <summary>Point estimates with intervals, one per category on the y axis (forest plot).</summary>
internal sealed record IntervalLayer(string Name, double[] Estimates, double[] Lower, double[] Upper, int ColorIndex) : ChartLayer;

/// <summary>A dashed reference line across the plot.</summary>
internal sealed record ReferenceLineLayer(bool Vertical, double Value, string? Label = null) : ChartLayer;
