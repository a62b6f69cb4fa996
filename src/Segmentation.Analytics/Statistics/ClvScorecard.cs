using System.Globalization;
using System.Text;

namespace Segmentation.Analytics.Statistics;

/// <summary>
/// The holdout scorecard of the CLV and churn models: BG/NBD and Gamma-Gamma fitted on the calibration period predict every
/// customer's holdout purchases and spend, scored against the actuals and against naive baselines (each customer's calibration
/// rate; their segment's mean rate; the mean of their recency × frequency cell learned one holdout length earlier) — MAE, RMSE
/// and bias per customer, overall, by decile of predicted purchases and by segment; the aggregate tracking curve; churn as a
/// classifier (AUC, Brier score, calibration); and the intervals: per customer an interval on expected purchases and CLV from
/// parameter uncertainty (<see cref="ParametricBootstrap"/>) and a predictive interval of the holdout count
/// (<see cref="HoldoutPredictiveSimulation"/>), with their coverage on the holdout.
/// </summary>
/// <remarks>
/// A BG/NBD fit that is not identified (<see cref="FitDiagnostics"/>) is scored for the record only: <see cref="Reliable"/> is
/// false, <see cref="Note"/> says why, and no interval or P(alive) score is computed (the parameters have no sampling
/// distribution, and P(alive) is ≈ 1 for everyone by construction).
/// </remarks>
public sealed record ClvScorecard
{
    /// <summary>The BG/NBD model fitted on the calibration period.</summary>
    public required BgNbdModel Purchases { get; init; }

    /// <summary>The Gamma-Gamma model (null when it could not be fitted: no repeat customer with a positive spend).</summary>
    public GammaGammaModel? Spend { get; init; }

    /// <summary>False when the BG/NBD fit is not identified: the scores are then not evidence of a working model.</summary>
    public required bool Reliable { get; init; }

    /// <summary>Why the scorecard is not reliable or what was skipped (null when nothing was).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The first note, or null.</summary>
    public string? Note => Notes.Count > 0 ? Notes[0] : null;

    /// <summary>Calibration customers scored.</summary>
    public required int Customers { get; init; }

    /// <summary>Holdout length in the summary's time unit.</summary>
    public required double HoldoutDuration { get; init; }

    /// <summary>Overall, D1…D10 (deciles of predicted purchases, D10 highest), then the segments when given.</summary>
    public required IReadOnlyList<ScorecardGroup> Groups { get; init; }

    /// <summary>Cumulative actual and predicted purchases by holdout week.</summary>
    public required IReadOnlyList<TrackingPoint> Tracking { get; init; }

    /// <summary>Churn as a classifier of "no purchase in the holdout".</summary>
    public required ChurnClassification Churn { get; init; }

    /// <summary>Coverage of the 80 % and 90 % predictive intervals (empty when not reliable).</summary>
    public IReadOnlyList<IntervalCoverage> Coverage { get; init; } = [];

    /// <summary>E[Y(t) | x, t_x, T] per customer (calibration summary order).</summary>
    public required double[] ExpectedPurchases { get; init; }

    /// <summary>Interval on E[Y] from parameter uncertainty (null when not reliable).</summary>
    public double[]? ExpectedPurchasesLower { get; init; }

    /// <summary>Upper end of the interval on E[Y].</summary>
    public double[]? ExpectedPurchasesUpper { get; init; }

    /// <summary>CLV per customer (null without a spend model).</summary>
    public double[]? LifetimeValue { get; init; }

    /// <summary>Interval on CLV from the uncertainty of both models' parameters (null when either fit is not identified).</summary>
    public double[]? LifetimeValueLower { get; init; }

    /// <summary>Upper end of the interval on CLV.</summary>
    public double[]? LifetimeValueUpper { get; init; }

    /// <summary>Per level (0.8, 0.9): the lower and upper ends of each customer's predictive interval of holdout purchases.</summary>
    public IReadOnlyList<(double Level, int[] Lower, int[] Upper)> PredictiveIntervals { get; init; } = [];

    /// <summary>The levels of the predictive intervals.</summary>
    public static IReadOnlyList<double> PredictiveLevels { get; } = [0.8, 0.9];

    /// <summary>The row of all customers.</summary>
    public ScorecardGroup Overall => Groups[0];

    /// <summary>The decile row D1…D10.</summary>
    public ScorecardGroup Decile(int decile) => Groups.First(g => g.Group == "D" + decile.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Scores the models on <paramref name="data"/>. <paramref name="segments"/>, when given, holds the segment of every
    /// calibration customer (summary order; null or empty = none): it adds the segment-mean baseline and the per-segment rows.
    /// </summary>
    /// <exception cref="ArgumentException">Options are invalid, lengths differ, or BG/NBD cannot be fitted (no repeat customer).</exception>
    public static ClvScorecard Score(ClvHoldoutData data, IReadOnlyList<string?>? segments = null, ClvScorecardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new ClvScorecardOptions();
        options.Validate();
        var s = data.Calibration;
        int n = s.Count;
        if (data.HoldoutPurchases.Length != n || data.HoldoutSpend.Length != n)
            throw new ArgumentException($"holdout arrays have {data.HoldoutPurchases.Length} and {data.HoldoutSpend.Length} values; the summary has {n} customers.", nameof(data));
        if (segments is not null && segments.Count != n)
            throw new ArgumentException($"segments has {segments.Count} values; the summary has {n} customers.", nameof(segments));
        double t = data.HoldoutDuration;
        var notes = new List<string>();

        var bg = new BgNbdFitter(new BgNbdOptions(Seed: options.Seed)).Fit(s);
        bool reliable = bg.ProbabilityAliveIsInformative;
        if (!reliable) notes.Add($"BG/NBD is not identified on this calibration period ({bg.Diagnostics!.Meaning}): the scores below are for the record, not evidence of a working model; no interval or P(alive) score is computed.");
        GammaGammaModel? gg = null;
        try
        {
            gg = new GammaGammaFitter(new GammaGammaOptions(Seed: options.Seed)).Fit(PositiveSpend(s));
            if (!(gg.Q > 1)) { notes.Add($"Gamma-Gamma q = {gg.Q:G4} ≤ 1: no mean spend; spend is not predicted."); gg = null; }
        }
        catch (ArgumentException e)
        {
            notes.Add("Gamma-Gamma could not be fitted (" + e.Message + "): spend is not predicted by the model.");
        }
        bool spendReliable = gg is not null && gg.Diagnostics is not { Identified: false };
        if (gg is not null && !spendReliable) notes.Add($"Gamma-Gamma is not identified ({gg.Diagnostics!.Meaning}): no interval on CLV.");

        // Point predictions.
        var expected = bg.ConditionalExpectedPurchases(t, s);
        var spendPerPurchase = gg?.ConditionalExpectedAverageSpend(s);
        var expectedSpend = spendPerPurchase is null ? null : expected.Select((e, i) => e * spendPerPurchase[i]).ToArray();
        var clvOptions = (options.Clv ?? new ClvOptions()) with { TimeUnitsPerMonth = 30.4375 / s.TimeUnitDays };
        var clv = gg is null ? null : CustomerLifetimeValue.Compute(bg, gg, s, clvOptions);

        // Baselines.
        var predictors = new List<(string Name, double[] Purchases, double[]? Spend)> { ("bgnbd", expected, expectedSpend) };
        var rate = new double[n];
        var rateSpend = new double[n];
        for (int i = 0; i < n; i++)
        {
            rate[i] = s.Frequency[i] / s.Age[i] * t;
            rateSpend[i] = s.Frequency[i] * s.MonetaryValue[i] / s.Age[i] * t;
        }
        predictors.Add(("calibration_rate", rate, rateSpend));
        bool hasSegments = segments is not null && segments.Any(x => !string.IsNullOrEmpty(x));
        if (hasSegments)
        {
            var (segRate, segSpend) = GroupMeans(segments!, rate, rateSpend);
            predictors.Add(("segment_mean", segRate, segSpend));
        }
        else notes.Add("No segment column: the segment-mean baseline and the per-segment rows are skipped.");
        if (data.Shadow is { } shadow && RfmCellBaseline(shadow, s, data.HoldoutDays) is { } cell) predictors.Add(("rfm_cell", cell.Purchases, cell.Spend));
        else notes.Add("The calibration period is too short for a shadow split (or the data were given as arrays): the RFM-cell baseline is skipped.");

        // Deciles of predicted purchases (D10 highest; ties broken by position, so the split is deterministic).
        var order = Enumerable.Range(0, n).OrderByDescending(i => expected[i]).ThenBy(i => i).ToArray();
        var decile = new int[n];
        for (int k = 0; k < n; k++) decile[order[k]] = 9 - (int)((long)k * 10 / n);
        var segmentLabels = hasSegments ? segments!.Select(x => x ?? "").Distinct(StringComparer.Ordinal).Where(x => x.Length > 0).OrderBy(x => x, StringComparer.Ordinal).ToArray() : [];
        var segmentIndex = new int[n];
        if (hasSegments)
        {
            var map = segmentLabels.Select((l, k) => (l, k)).ToDictionary(p => p.l, p => p.k, StringComparer.Ordinal);
            for (int i = 0; i < n; i++) segmentIndex[i] = string.IsNullOrEmpty(segments![i]) ? -1 : map[segments[i]!];
        }

        // Intervals.
        double[]? eLo = null, eHi = null, cLo = null, cHi = null;
        var predictive = new List<(double, int[], int[])>();
        var coverage = new List<IntervalCoverage>();
        HoldoutPredictiveSimulation? simulation = null;
        int nSeg = Math.Max(segmentLabels.Length, 1);
        if (reliable)
        {
            var bgDraws = ParametricBootstrap.Draw(bg, s, options.ParameterDraws, options.Seed);
            var ggDraws = spendReliable ? ParametricBootstrap.Draw(gg!, s, options.ParameterDraws, options.Seed) : null;
            (eLo, eHi) = DrawIntervals(bgDraws.Select(m => m.ConditionalExpectedPurchases(t, s)).ToArray(), options.IntervalLevel);
            if (ggDraws is not null)
                (cLo, cHi) = DrawIntervals(bgDraws.Select((m, j) => CustomerLifetimeValue.Compute(m, ggDraws[j], s, clvOptions)).ToArray(), options.IntervalLevel);
            // One group per (decile, segment): decile and segment totals are sums over the cells of one simulation.
            var cells = new int[n];
            for (int i = 0; i < n; i++) cells[i] = segmentIndex[i] < 0 ? decile[i] * nSeg : decile[i] * nSeg + segmentIndex[i];
            simulation = HoldoutPredictiveSimulation.Run(bgDraws, ggDraws, s, t, cells, 10 * nSeg, options.Simulations, options.Seed, keepCustomerDraws: true);
            foreach (double level in PredictiveLevels)
            {
                var lo = new int[n];
                var hi = new int[n];
                int covered = 0;
                for (int i = 0; i < n; i++)
                {
                    (lo[i], hi[i]) = simulation.CustomerInterval(i, level);
                    if (data.HoldoutPurchases[i] >= lo[i] && data.HoldoutPurchases[i] <= hi[i]) covered++;
                }
                predictive.Add((level, lo, hi));
                coverage.Add(new IntervalCoverage(level, n == 0 ? double.NaN : (double)covered / n, 0, 0));
            }
        }

        // Rows.
        var groups = new List<ScorecardGroup>();
        double[] CellSum(Func<int, bool> cellIn)
        {
            var total = new double[options.Simulations];
            for (int c = 0; c < 10 * nSeg; c++)
                if (cellIn(c))
                {
                    var draws = simulation!.GroupPurchases[c];
                    for (int k = 0; k < total.Length; k++) total[k] += draws[k];
                }
            return total;
        }
        ScorecardGroup Row(string name, int[] members, Func<int, bool>? cellIn)
        {
            double actual = members.Sum(i => (double)data.HoldoutPurchases[i]);
            var intervals = new List<TotalInterval>();
            if (simulation is not null && cellIn is not null)
            {
                var totals = CellSum(cellIn);
                foreach (double level in PredictiveLevels)
                {
                    var (lo, hi) = HoldoutPredictiveSimulation.Interval(totals, level);
                    intervals.Add(new TotalInterval(level, lo, hi, actual >= lo && actual <= hi));
                }
            }
            return new ScorecardGroup(name, members.Length, actual, members.Sum(i => expected[i]), members.Sum(i => data.HoldoutSpend[i]),
                expectedSpend is null ? double.NaN : members.Sum(i => expectedSpend[i]),
                predictors.Select(p => Errors(p.Name, members, p.Purchases, p.Spend, data)).ToArray(), intervals);
        }
        var all = Enumerable.Range(0, n).ToArray();
        groups.Add(Row("all", all, _ => true));
        for (int d = 0; d < 10; d++)
        {
            int dd = d;
            groups.Add(Row("D" + (d + 1).ToString(CultureInfo.InvariantCulture), all.Where(i => decile[i] == dd).ToArray(), c => c / nSeg == dd));
        }
        for (int g = 0; g < segmentLabels.Length; g++)
        {
            int gg2 = g;
            groups.Add(Row(segmentLabels[g], all.Where(i => segmentIndex[i] == gg2).ToArray(), c => c % nSeg == gg2));
        }
        if (simulation is not null)
        {
            var checkedGroups = groups.Skip(1).Where(x => x.Intervals.Count > 0).ToArray();
            coverage = coverage.Select(c => c with
            {
                Groups = checkedGroups.Count(x => x.Intervals.First(v => v.Level == c.Level).Covers),
                GroupCount = checkedGroups.Length,
            }).ToList();
        }

        return new ClvScorecard
        {
            Purchases = bg, Spend = gg, Reliable = reliable, Notes = notes, Customers = n, HoldoutDuration = t,
            Groups = groups, Tracking = Track(bg, data), Churn = Classify(bg, s, data.HoldoutPurchases, t, reliable),
            Coverage = coverage, ExpectedPurchases = expected, ExpectedPurchasesLower = eLo, ExpectedPurchasesUpper = eHi,
            LifetimeValue = clv, LifetimeValueLower = cLo, LifetimeValueUpper = cHi, PredictiveIntervals = predictive,
        };
    }

    /// <summary>
    /// P(at least one purchase in (T, T + t] | x, t_x, T) = P(alive) · (1 − ((α + T)/(α + T + t))^(r + x)): alive at T, the
    /// customer's rate has the Gamma(r + x, α + T) posterior and no dropout can happen before the next purchase.
    /// </summary>
    public static double ProbabilityOfPurchase(BgNbdModel model, double t, int frequency, double recency, double age)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(t >= 0) || !double.IsFinite(t)) throw new ArgumentOutOfRangeException(nameof(t), t, "must be a finite number ≥ 0.");
        double alive = model.ProbabilityAlive(frequency, recency, age);
        return alive * (1 - Math.Exp((model.R + frequency) * Math.Log((model.Alpha + age) / (model.Alpha + age + t))));
    }

    private static CustomerSummary PositiveSpend(CustomerSummary s)
    {
        // Gamma-Gamma needs a positive mean spend: repeat customers whose repeat days net to ≤ 0 are fitted as if they had not repeated.
        if (s.MonetaryValue.Select((m, i) => s.Frequency[i] == 0 || m > 0).All(ok => ok)) return s;
        var x = s.Frequency.Select((f, i) => s.MonetaryValue[i] > 0 ? f : 0).ToArray();
        return s with { Frequency = x };
    }

    private static (double[] Lower, double[] Upper) DrawIntervals(double[][] draws, double level)
    {
        int n = draws[0].Length, b = draws.Length;
        var lo = new double[n];
        var hi = new double[n];
        var column = new double[b];
        var (l, h) = HoldoutPredictiveSimulation.QuantileIndices(b, level);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < b; j++) column[j] = draws[j][i];
            Array.Sort(column);
            lo[i] = column[l];
            hi[i] = column[h];
        }
        return (lo, hi);
    }

    private static (double[] Purchases, double[] Spend) GroupMeans(IReadOnlyList<string?> labels, double[] rate, double[] spend)
    {
        var sums = new Dictionary<string, (double R, double S, int N)>(StringComparer.Ordinal);
        for (int i = 0; i < rate.Length; i++)
        {
            string key = labels[i] ?? "";
            var v = sums.GetValueOrDefault(key);
            sums[key] = (v.R + rate[i], v.S + spend[i], v.N + 1);
        }
        return (rate.Select((_, i) => sums[labels[i] ?? ""] is var v ? v.R / v.N : 0).ToArray(),
                spend.Select((_, i) => sums[labels[i] ?? ""] is var v ? v.S / v.N : 0).ToArray());
    }

    /// <summary>Frequency bins of the RFM-cell baseline: x = 0, 1, 2, 3–4, 5–7, 8+.</summary>
    private static int FrequencyBin(int x) => x switch { <= 2 => x, <= 4 => 3, <= 7 => 4, _ => 5 };

    /// <summary>
    /// The RFM-cell baseline: cells of (days since the last purchase in quintiles, frequency bin) on the shadow split; a
    /// customer's prediction is the mean shadow-holdout outcome of their cell, scaled to the holdout's length (the overall
    /// shadow mean for an empty cell). It never sees the holdout.
    /// </summary>
    private static (double[] Purchases, double[] Spend)? RfmCellBaseline(ClvHoldoutData shadow, CustomerSummary s, int holdoutDays)
    {
        var sh = shadow.Calibration;
        if (sh.Count < 50) return null;
        var idle = Enumerable.Range(0, sh.Count).Select(i => (sh.Age[i] - sh.Recency[i]) * sh.TimeUnitDays).OrderBy(v => v).ToArray();
        var edges = Enumerable.Range(1, 4).Select(q => idle[(int)((long)q * idle.Length / 5)]).ToArray();
        int Cell(double idleDays, int x) => edges.Count(e => idleDays > e) * 6 + FrequencyBin(x);
        var sumP = new double[30];
        var sumS = new double[30];
        var count = new int[30];
        for (int i = 0; i < sh.Count; i++)
        {
            int c = Cell((sh.Age[i] - sh.Recency[i]) * sh.TimeUnitDays, sh.Frequency[i]);
            sumP[c] += shadow.HoldoutPurchases[i];
            sumS[c] += shadow.HoldoutSpend[i];
            count[c]++;
        }
        double scale = (double)holdoutDays / shadow.HoldoutDays;
        double meanP = sumP.Sum() / sh.Count, meanS = sumS.Sum() / sh.Count;
        var p = new double[s.Count];
        var sp = new double[s.Count];
        for (int i = 0; i < s.Count; i++)
        {
            int c = Cell((s.Age[i] - s.Recency[i]) * s.TimeUnitDays, s.Frequency[i]);
            p[i] = scale * (count[c] > 0 ? sumP[c] / count[c] : meanP);
            sp[i] = scale * (count[c] > 0 ? sumS[c] / count[c] : meanS);
        }
        return (p, sp);
    }

    private static ForecastErrors Errors(string name, int[] members, double[] purchases, double[]? spend, ClvHoldoutData data)
    {
        if (members.Length == 0) return new ForecastErrors(name, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double ap = 0, sp = 0, bp = 0, asp = 0, ssp = 0, bsp = 0;
        foreach (int i in members)
        {
            double e = purchases[i] - data.HoldoutPurchases[i];
            ap += Math.Abs(e); sp += e * e; bp += e;
            if (spend is not null)
            {
                double f = spend[i] - data.HoldoutSpend[i];
                asp += Math.Abs(f); ssp += f * f; bsp += f;
            }
        }
        int m = members.Length;
        return spend is null
            ? new ForecastErrors(name, ap / m, Math.Sqrt(sp / m), bp / m, double.NaN, double.NaN, double.NaN)
            : new ForecastErrors(name, ap / m, Math.Sqrt(sp / m), bp / m, asp / m, Math.Sqrt(ssp / m), bsp / m);
    }

    private static IReadOnlyList<TrackingPoint> Track(BgNbdModel bg, ClvHoldoutData data)
    {
        var s = data.Calibration;
        int weeks = (data.HoldoutDays + 6) / 7;
        var points = new List<TrackingPoint>(weeks);
        int k = 0;
        for (int w = 1; w <= weeks; w++)
        {
            int day = Math.Min(7 * w, data.HoldoutDays);
            while (k < data.OccasionDays.Length && data.OccasionDays[k] <= day) k++;
            double predicted = bg.ConditionalExpectedPurchases(day / s.TimeUnitDays, s).Sum();
            points.Add(new TrackingPoint(w, day, k, predicted));
        }
        return points;
    }

    private static ChurnClassification Classify(BgNbdModel bg, CustomerSummary s, int[] holdout, double t, bool reliable)
    {
        int n = s.Count;
        var bought = holdout.Select(h => h > 0).ToArray();
        var alive = bg.ProbabilityAlive(s);
        var buy = Enumerable.Range(0, n).Select(i => ProbabilityOfPurchase(bg, t, s.Frequency[i], s.Recency[i], s.Age[i])).ToArray();
        double rate = n == 0 ? double.NaN : bought.Count(b => b) / (double)n;
        double brier = n == 0 ? double.NaN : Enumerable.Range(0, n).Average(i => Math.Pow(buy[i] - (bought[i] ? 1 : 0), 2));
        var order = Enumerable.Range(0, n).OrderBy(i => buy[i]).ThenBy(i => i).ToArray();
        var bins = new List<CalibrationBin>();
        for (int b = 0; b < 10; b++)
        {
            var members = order.Skip((int)((long)b * n / 10)).Take((int)((long)(b + 1) * n / 10) - (int)((long)b * n / 10)).ToArray();
            if (members.Length == 0) continue;
            bins.Add(new CalibrationBin(b + 1, members.Length, members.Average(i => buy[i]), members.Average(i => bought[i] ? 1.0 : 0.0)));
        }
        return new ChurnClassification(reliable ? Auc(alive, bought) : double.NaN, Auc(buy, bought), brier, rate * (1 - rate), bins);
    }

    /// <summary>Area under the ROC curve = P(score of a positive &gt; score of a negative) + ½ P(tie) (Mann–Whitney, average ranks).</summary>
    public static double Auc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length) throw new ArgumentException($"positive has {positive.Length} values; scores has {scores.Length}.", nameof(positive));
        int n = scores.Length;
        var idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        var sc = scores.ToArray();
        Array.Sort(idx, (a, b) => sc[a].CompareTo(sc[b]));
        double rankSum = 0;
        long pos = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && sc[idx[j + 1]] == sc[idx[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) if (positive[idx[k]]) { rankSum += rank; pos++; }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) return double.NaN;
        return (rankSum - pos * (pos + 1) / 2.0) / ((double)pos * neg);
    }

    /// <summary>The scorecard as text (culture-invariant): what a person reads at the terminal.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"CLV holdout scorecard: {Customers} calibration customers, holdout {HoldoutDuration:F1} time units\n");
        sb.Append(ci, $"BG/NBD r = {Purchases.R:G4}, alpha = {Purchases.Alpha:G4}, a = {Purchases.A:G4}, b = {Purchases.B:G4}: {Purchases.Diagnostics}\n");
        if (Spend is { } g) sb.Append(ci, $"Gamma-Gamma p = {g.P:G4}, q = {g.Q:G4}, gamma = {g.Gamma:G4}\n");
        foreach (var note in Notes) sb.Append("note: ").Append(note).Append('\n');
        var all = Overall;
        sb.Append(ci, $"holdout purchases: actual {all.ActualPurchases:F0}, predicted {all.PredictedPurchases:F1} ({(all.PredictedPurchases / all.ActualPurchases - 1) * 100:+0.0;-0.0} %)");
        foreach (var v in all.Intervals) sb.Append(ci, $", {v.Level * 100:F0} % interval [{v.Lower:F0}, {v.Upper:F0}] {(v.Covers ? "covers" : "misses")}");
        sb.Append('\n');
        sb.Append(ci, $"holdout spend: actual {all.ActualSpend:F2}, predicted {all.PredictedSpend:F2}\n\n");
        sb.Append("group      n  actual  predicted | MAE purchases: model  rate  segment  rfm | MAE spend: model  rate  segment  rfm\n");
        foreach (var row in Groups)
        {
            string E(string p, Func<ForecastErrors, double> f) => row.Errors.FirstOrDefault(e => e.Predictor == p) is { } e && double.IsFinite(f(e)) ? f(e).ToString("F3", ci) : "-";
            sb.Append(ci, $"{row.Group,-8} {row.Customers,5} {row.ActualPurchases,7:F0} {row.PredictedPurchases,10:F1} | ");
            sb.Append(ci, $"{E("bgnbd", e => e.MaePurchases),7} {E("calibration_rate", e => e.MaePurchases),6} {E("segment_mean", e => e.MaePurchases),8} {E("rfm_cell", e => e.MaePurchases),6} | ");
            sb.Append(ci, $"{E("bgnbd", e => e.MaeSpend),8} {E("calibration_rate", e => e.MaeSpend),8} {E("segment_mean", e => e.MaeSpend),8} {E("rfm_cell", e => e.MaeSpend),8}\n");
        }
        string aliveAuc = double.IsFinite(Churn.AucProbabilityAlive) ? Churn.AucProbabilityAlive.ToString("F3", ci) : "n/a (P(alive) not informative)";
        sb.Append(ci, $"\nchurn as a classifier of 'bought in the holdout': AUC P(alive) {aliveAuc}, AUC P(purchase in the holdout) {Churn.AucPurchaseProbability:F3}, Brier {Churn.Brier:F4} (base rate {Churn.BrierBaseRate:F4})\n");
        foreach (var c in Coverage)
            sb.Append(ci, $"{c.Level * 100:F0} % predictive intervals: {c.Customers * 100:F1} % of customers covered; group totals {c.Groups}/{c.GroupCount}\n");
        sb.Append("tracking (cumulative repeat purchases, week: actual / predicted): ");
        sb.Append(string.Join(", ", Tracking.Where((p, i) => i % 4 == 3 || i == Tracking.Count - 1).Select(p => string.Create(ci, $"{p.Week}: {p.Actual:F0}/{p.Predicted:F0}"))));
        sb.Append('\n');
        return sb.ToString();
    }
}
