namespace Segmentation.Analytics.Statistics;

/// <summary>Options of <see cref="ClvScorecard.Score"/>.</summary>
/// <param name="ParameterDraws">Draws B of the fitted parameters' sampling distribution (<see cref="ParametricBootstrap"/>; ≥ 20).</param>
/// <param name="Simulations">Predictive simulations per customer (≥ 100); simulation s uses parameter draw s mod B.</param>
/// <param name="Seed">Seed of the parameter draws and the simulation.</param>
/// <param name="IntervalLevel">Level of the intervals on expected purchases and CLV (parameter uncertainty), e.g. 0.9.</param>
/// <param name="Clv">CLV horizon, discounting and margin; its TimeUnitsPerMonth is replaced by 30.4375 / the summary's days per unit.</param>
public sealed record ClvScorecardOptions(int ParameterDraws = 200, int Simulations = 1000, int Seed = 0, double IntervalLevel = 0.9, ClvOptions? Clv = null)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ParameterDraws, 20, nameof(ParameterDraws));
        ArgumentOutOfRangeException.ThrowIfLessThan(Simulations, 100, nameof(Simulations));
        if (!(IntervalLevel > 0 && IntervalLevel < 1)) throw new ArgumentOutOfRangeException(nameof(IntervalLevel), IntervalLevel, "must be in (0, 1).");
        Clv?.Validate();
    }
}

/// <summary>Errors of one predictor of holdout purchases and spend per customer (prediction − actual).</summary>
/// <param name="Predictor">bgnbd (BG/NBD + Gamma-Gamma), calibration_rate (each customer repeats their calibration rate),
/// segment_mean (their segment's mean calibration rate), rfm_cell (the mean holdout outcome of their recency × frequency cell,
/// learned on the shadow split one holdout length earlier).</param>
/// <param name="MaePurchases">Mean absolute error of purchases per customer.</param>
/// <param name="RmsePurchases">Root mean squared error of purchases per customer.</param>
/// <param name="BiasPurchases">Mean (predicted − actual) purchases per customer.</param>
/// <param name="MaeSpend">Mean absolute error of spend per customer (NaN without a spend prediction).</param>
/// <param name="RmseSpend">Root mean squared error of spend per customer.</param>
/// <param name="BiasSpend">Mean (predicted − actual) spend per customer.</param>
public sealed record ForecastErrors(string Predictor, double MaePurchases, double RmsePurchases, double BiasPurchases, double MaeSpend, double RmseSpend, double BiasSpend);

/// <summary>A central predictive interval for a total and whether the actual fell in it.</summary>
public sealed record TotalInterval(double Level, double Lower, double Upper, bool Covers);

/// <summary>One row of the scorecard: all customers, a decile of predicted purchases, or a segment.</summary>
/// <param name="Group">"all", "D1" … "D10" (D10 = highest predicted purchases) or the segment's label.</param>
/// <param name="Customers">Customers in the group.</param>
/// <param name="ActualPurchases">Total holdout purchase occasions.</param>
/// <param name="PredictedPurchases">Total BG/NBD expected purchases.</param>
/// <param name="ActualSpend">Total holdout spend.</param>
/// <param name="PredictedSpend">Total expected spend (NaN without a spend model).</param>
/// <param name="Errors">Per predictor, per-customer errors in the group.</param>
/// <param name="Intervals">Predictive intervals of the group's total purchases (80 %, 90 %); empty when the fit is not identified.</param>
public sealed record ScorecardGroup(string Group, int Customers, double ActualPurchases, double PredictedPurchases, double ActualSpend, double PredictedSpend,
                                    IReadOnlyList<ForecastErrors> Errors, IReadOnlyList<TotalInterval> Intervals);

/// <summary>The cumulative repeat purchases of the calibration customers at the end of a holdout week.</summary>
/// <param name="Week">Week of the holdout (1 = the first 7 days; the last may be shorter).</param>
/// <param name="Day">Days since the calibration end at the week's end.</param>
/// <param name="Actual">Actual cumulative purchase occasions.</param>
/// <param name="Predicted">Σ E[Y(day) | x, t_x, T] over the customers.</param>
public sealed record TrackingPoint(int Week, int Day, double Actual, double Predicted);

/// <summary>One decile of the predicted purchase probability: mean prediction against the observed share that bought.</summary>
public sealed record CalibrationBin(int Bin, int Customers, double MeanPredicted, double ObservedRate);

/// <summary>
/// Churn as a classifier on the holdout: label = the customer bought in the holdout (so "no purchase" = churned or quiet).
/// </summary>
/// <param name="AucProbabilityAlive">AUC of P(alive) at the calibration end (NaN when P(alive) is not informative).</param>
/// <param name="AucPurchaseProbability">AUC of P(purchase in the holdout) = P(alive) · (1 − ((α+T)/(α+T+t))^(r+x)).</param>
/// <param name="Brier">Brier score of P(purchase in the holdout).</param>
/// <param name="BrierBaseRate">Brier score of predicting the observed base rate for everyone (the no-skill reference).</param>
/// <param name="Calibration">Deciles of P(purchase in the holdout).</param>
public sealed record ChurnClassification(double AucProbabilityAlive, double AucPurchaseProbability, double Brier, double BrierBaseRate,
                                         IReadOnlyList<CalibrationBin> Calibration);

/// <summary>Coverage of the per-customer predictive intervals of holdout purchases at one level, and of the group totals.</summary>
/// <param name="Level">Nominal level (0.8, 0.9).</param>
/// <param name="Customers">Share of customers whose actual count lies in their interval.</param>
/// <param name="Groups">Decile and segment totals whose actual lies in their interval.</param>
/// <param name="GroupCount">Decile and segment totals checked.</param>
public sealed record IntervalCoverage(double Level, double Customers, int Groups, int GroupCount);
