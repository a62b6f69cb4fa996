using System.Globalization;
using Segmentation.Analytics.Evaluation;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>
/// The methodology, written from what this run actually did: where the data were validated and the SQL ran
/// (<see cref="MonthlyEvaluation.Engine"/>), the model's method, k, seed, features and whether it was fitted in this run, on a
/// sample, or loaded; the reporting cycle; and the management start with its before/after windows.
/// </summary>
/// <param name="Heading">Sub-heading.</param>
/// <param name="Paragraphs">Validation, model, tests, campaigns, churn and drift, and this run's settings.</param>
public sealed record MethodologyModel(string Heading, IReadOnlyList<string> Paragraphs)
{
    internal static MethodologyModel Create(ReportContext c)
    {
        var text = c.Text;
        var options = c.Run.Model.Options;
        var evaluation = c.Result.Options;
        string list = text["list_separator"];
        string cycle = evaluation.Cycle switch
        {
            ReportingCycle.Quarterly => "quarterly",
            ReportingCycle.Yearly => "yearly",
            _ => "monthly",
        };
        return new MethodologyModel(text["methodology"],
        [
            text.Format("methodology_validation", Validated(c)),
            // The features the model uses (one the data does not measure, e.g. online_share without channels, was dropped).
            text.Format("methodology_model", options.Method, options.Clusters, options.Seed, string.Join(list, c.Run.Model.NumericFeatures.Select(f => c.Label("feature_", f))),
                string.Join(list, (c.Run.Model.Log?.Columns ?? []).Select(f => c.Label("feature_", f))), text["every_" + cycle]),
            text["methodology_tests"],
            text.Format("methodology_intervals", Analytics.Statistics.Intervals.BootstrapInterval.DefaultReplicates, evaluation.Seed,
                Analytics.Statistics.Intervals.BootstrapInterval.LargeSample.ToString("N0", CultureInfo.InvariantCulture)),
            text["methodology_campaigns"],
            text.Format("methodology_churn", Threshold(PopulationStability.WatchThreshold), Threshold(PopulationStability.RefitThreshold)),
            text.Format("methodology_run", EngineName(c), text["cycle_" + cycle], c.ReportPeriod.Label, ModelSource(c), ManagementStart(c)),
        ]);
    }

    private static string Threshold(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where the rows were validated: DuckDB in-process, on the PostgreSQL server, or by DuckDB before the ClickHouse load.</summary>
    private static string Validated(ReportContext c) => c.Run.Engine switch
    {
        null => c.Text["validated_unknown"],
        "duckdb" or "postgres" or "clickhouse" => c.Text["validated_" + c.Run.Engine],
        var other => c.Text.Format("validated_other", other),
    };

    /// <summary>The engine the transaction-level SQL ran in.</summary>
    private static string EngineName(ReportContext c) => c.Run.Engine switch
    {
        null => c.Text["engine_unknown"],
        "duckdb" or "postgres" or "clickhouse" => c.Text["engine_" + c.Run.Engine],
        var other => other,
    };

    /// <summary>Fitted in this run or loaded (frozen), and the training sample when there was one.</summary>
    private static string ModelSource(ReportContext c)
    {
        var model = c.Run.Model;
        string source = c.Text[c.Run.ModelFitted ? "model_fitted" : "model_loaded"];
        if (model.Sample is not { } sample) return source;
        return c.Text.Format("clause_pair", source, c.Text.Format("model_sample", ReportFormat.Whole(sample.Rows), ReportFormat.Whole(sample.Population), sample.Seed));
    }

    /// <summary>The management start and the windows it gave, or why there was no before/after comparison.</summary>
    private static string ManagementStart(ReportContext c)
    {
        if (c.Result.Options.ManagementStart is not { } start) return c.Text["management_none"];
        string month = start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return c.Result.Windows is { Periods.Count: >= 2 } windows
            ? c.Text.Format("management_windows", month, windows.Periods[0].Label, windows.Periods[1].Label)
            : c.Text.Format("management_after_report", month);
    }
}
