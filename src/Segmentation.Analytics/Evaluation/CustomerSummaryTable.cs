namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// An engine table of every buyer's customer summary (repeat purchase days, t_x, T, mean repeat-day amount) at two calibration
/// ends, the rows the churn section would otherwise read from the transactions (<see cref="EvaluationOptions.CustomerSummaries"/>).
/// </summary>
/// <param name="Name">The engine table.</param>
/// <param name="LaterEnd">The later calibration end (the evaluated month's end).</param>
/// <param name="EarlierEnd">The earlier calibration end (the end of the month before).</param>
public sealed record CustomerSummaryTable(string Name, DateOnly LaterEnd, DateOnly EarlierEnd);
