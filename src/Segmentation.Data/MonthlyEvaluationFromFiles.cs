using Segmentation.Analytics.Evaluation;

namespace Segmentation.Data;

/// <summary>The monthly job over the files of a data directory, validated in-process by DuckDB.</summary>
public static class MonthlyEvaluationFromFiles
{
    extension(MonthlyEvaluation)
    {
        /// <summary>
        /// Reads and validates <paramref name="dataDirectory"/> as of the report month's last day, then runs
        /// <see cref="MonthlyEvaluation.Run(Analytics.Engines.ISqlEngine, Analytics.Engines.IngestReport, MonthlyRunOptions, IProgress{string})"/>.
        /// </summary>
        /// <param name="dataDirectory">The folder holding the tables of the data model.</param>
        /// <param name="options">Month, model and windows.</param>
        /// <param name="ingest">Schema mapping, pseudonymiser, reference checks; its as-of date is replaced by the month end.</param>
        /// <param name="progress">Progress messages.</param>
        /// <exception cref="DataFileException">An input cannot be read.</exception>
        public static MonthlyEvaluation Run(string dataDirectory, MonthlyRunOptions options, IngestOptions? ingest = null, IProgress<string>? progress = null)
        {
            ArgumentNullException.ThrowIfNull(options);
            var asOf = options.MonthEnd.ToDateTime(TimeOnly.MinValue);
            var ingestOptions = ingest is null ? new IngestOptions(asOf) : ingest with { AsOf = asOf };
            using var ws = DataWorkspace.Load(dataDirectory, ingestOptions, progress);
            return MonthlyEvaluation.Run(ws, ws.Report, options, progress);
        }
    }
}
