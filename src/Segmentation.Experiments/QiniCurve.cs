using System.Globalization;

namespace Segmentation.Experiments;

/// <summary>
/// The Qini curve of an uplift score on a treated + control sample: how much incremental outcome is gained by treating
/// the top-scored fraction of customers, against random targeting (the diagonal) and targeting everyone (its end point).
/// </summary>
/// <remarks>
/// Customers are sorted by score, highest first; customers with equal scores form one step (so the curve does not
/// depend on how ties are ordered, as scikit-uplift's <c>qini_curve</c>). After the first k customers, with N_T(k), N_C(k)
/// treated and control customers among them and Y_T(k), Y_C(k) the sums of their outcomes,
/// Q(k) = Y_T(k) − Y_C(k)·N_T(k)/N_C(k) (Q(k) = Y_T(k) while N_C(k) = 0). Q(0) = 0; Q(n) is the gain of targeting everyone,
/// in the units of the outcome summed over the treated customers. Random targeting gains φ·Q(n) at fraction φ = k/n.
/// Area = ∫₀¹ Q dφ by the trapezoid rule; the Qini coefficient is Area − Q(n)/2, the area between the curve and the
/// diagonal (Radcliffe 2007, "Using control groups to target on predicted lift"). Positive = better than random.
/// </remarks>
/// <param name="Fractions">φ at each point, from 0 to 1.</param>
/// <param name="Gains">Q at each point.</param>
/// <param name="TreatedCount">Treated customers in the sample.</param>
/// <param name="ControlCount">Control customers in the sample.</param>
public sealed record QiniCurve(double[] Fractions, double[] Gains, long TreatedCount, long ControlCount)
{
    /// <summary>Q(n): the gain of targeting everyone.</summary>
    public double TargetEveryone => Gains[^1];

    /// <summary>∫₀¹ Q dφ (trapezoid rule).</summary>
    public double Area
    {
        get
        {
            double area = 0;
            for (int i = 1; i < Fractions.Length; i++) area += (Fractions[i] - Fractions[i - 1]) * (Gains[i] + Gains[i - 1]) / 2;
            return area;
        }
    }

    /// <summary>Area under the diagonal of random targeting: Q(n)/2.</summary>
    public double RandomArea => TargetEveryone / 2;

    /// <summary>Qini coefficient: Area − Q(n)/2.</summary>
    public double Coefficient => Area - RandomArea;

    /// <summary>Q at fraction φ (linear between points).</summary>
    public double GainAt(double fraction)
    {
        if (!(fraction >= 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "fraction must be in [0, 1].");
        int i = Array.BinarySearch(Fractions, fraction);
        if (i >= 0) return Gains[i];
        i = ~i;
        double w = (fraction - Fractions[i - 1]) / (Fractions[i] - Fractions[i - 1]);
        return Gains[i - 1] + w * (Gains[i] - Gains[i - 1]);
    }

    /// <summary>Computes the curve.</summary>
    /// <param name="score">Predicted uplift per customer (higher = target first).</param>
    /// <param name="treated">True for treated customers, false for control.</param>
    /// <param name="outcome">Observed outcome.</param>
    /// <exception cref="ArgumentException">Lengths differ, the sample is empty, a value is not finite, or a group is empty.</exception>
    public static QiniCurve Compute(ReadOnlySpan<double> score, ReadOnlySpan<bool> treated, ReadOnlySpan<double> outcome)
    {
        int n = score.Length;
        if (treated.Length != n || outcome.Length != n) throw new ArgumentException($"score, treated and outcome must have the same length; got {n}, {treated.Length}, {outcome.Length}.");
        if (n == 0) throw new ArgumentException("The sample is empty.", nameof(score));
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(score[i])) throw new ArgumentException($"score[{i}] is {score[i]}; scores must be finite.", nameof(score));
            if (!double.IsFinite(outcome[i])) throw new ArgumentException($"outcome[{i}] is {outcome[i]}; outcomes must be finite.", nameof(outcome));
        }
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var keys = score.ToArray();
        // Descending by score; ties are one step anyway, the index tie-break only makes the sort deterministic.
        var s = keys;
        Array.Sort(order, (a, b) => s[b].CompareTo(s[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var fractions = new List<double> { 0 };
        var gains = new List<double> { 0 };
        long nt = 0, nc = 0;
        double yt = 0, yc = 0;
        for (int k = 0; k < n; k++)
        {
            int i = order[k];
            if (treated[i]) { nt++; yt += outcome[i]; } else { nc++; yc += outcome[i]; }
            if (k == n - 1 || keys[order[k + 1]] != keys[i])
            {
                fractions.Add((double)(k + 1) / n);
                gains.Add(nc > 0 ? yt - yc * nt / nc : yt);
            }
        }
        if (nt == 0) throw new ArgumentException("The sample has no treated customer.", nameof(treated));
        if (nc == 0) throw new ArgumentException("The sample has no control customer.", nameof(treated));
        return new QiniCurve(fractions.ToArray(), gains.ToArray(), nt, nc);
    }

    /// <summary>Area, coefficient and the gain of targeting everyone (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Qini: area {Area:G6}, random {RandomArea:G6}, coefficient {Coefficient:G6}; target everyone {TargetEveryone:G6}; top 30 % {GainAt(0.3):G6} (n_T {TreatedCount}, n_C {ControlCount})");
}
