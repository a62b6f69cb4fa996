// .NET Interactive's Formatter, the chart session (ChartHtml) and the current directory are process-wide: no parallel tests here.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
