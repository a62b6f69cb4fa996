using Segmentation.Experiments;

namespace Segmentation.Experiments.Tests;

public sealed class QiniCurveTests
{
    // Six customers worked by hand (T = treated, C = control), scores descending, a tie at 0.8:
    //   score 0.9 T y1 | 0.8 C y0, 0.8 T y1 | 0.5 T y0 | 0.3 C y1 | 0.1 C y0
    // Q(k) = Y_T − Y_C·N_T/N_C:  k=1: 1 (no control yet: Y_T); k=3: 2 − 0 = 2; k=4: 2; k=5: 2 − 1·3/2 = 0.5; k=6: 2 − 1·3/3 = 1.
    // Area (trapezoid over φ = k/6): 1/12 + 1/2 + 1/3 + 2.5/12 + 1.5/12 = 1.25; random = Q(1)/2 = 0.5; coefficient 0.75.
    private static readonly double[] Score = [0.9, 0.8, 0.8, 0.5, 0.3, 0.1];
    private static readonly bool[] Treated = [true, false, true, true, false, false];
    private static readonly double[] Outcome = [1, 0, 1, 0, 1, 0];

    [Fact]
    public void Curve_area_and_coefficient_match_a_hand_worked_example()
    {
        var q = QiniCurve.Compute(Score, Treated, Outcome);
        Assert.Equal([0, 1 / 6.0, 3 / 6.0, 4 / 6.0, 5 / 6.0, 1], q.Fractions);
        Assert.Equal([0, 1, 2, 2, 0.5, 1], q.Gains);
        Assert.Equal(1.25, q.Area, 12);
        Assert.Equal(0.5, q.RandomArea, 12);
        Assert.Equal(0.75, q.Coefficient, 12);
        Assert.Equal(1.0, q.TargetEveryone);
        Assert.Equal(1.4, q.GainAt(0.3), 12);
        Assert.Equal((3L, 3L), (q.TreatedCount, q.ControlCount));
    }

    [Fact]
    public void Tied_scores_form_one_step_whatever_their_order()
    {
        int[] perm = [0, 2, 1, 3, 4, 5];
        var q = QiniCurve.Compute(perm.Select(i => Score[i]).ToArray(), perm.Select(i => Treated[i]).ToArray(), perm.Select(i => Outcome[i]).ToArray());
        Assert.Equal([0, 1, 2, 2, 0.5, 1], q.Gains);
    }

    [Fact]
    public void A_perfect_ranking_beats_the_reverse_and_random_lies_between()
    {
        // Treated responders first, control responders last: the best ordering; its reverse is the worst.
        double[] y = [1, 1, 0, 0, 1, 0, 0, 1];
        bool[] t = [true, true, true, false, false, true, false, false];
        double[] good = [8, 7, 6, 5, 4, 3, 2, 1];
        var best = QiniCurve.Compute(good, t, y);
        var worst = QiniCurve.Compute(good.Select(v => -v).ToArray(), t, y);
        Assert.True(best.Coefficient > 0);
        Assert.True(worst.Coefficient < 0);
        Assert.Equal(best.TargetEveryone, worst.TargetEveryone);
        // A constant score is random targeting: one step straight to Q(1), coefficient 0.
        Assert.Equal(0, QiniCurve.Compute(new double[8], t, y).Coefficient, 12);
    }

    [Fact]
    public void A_sample_without_control_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => QiniCurve.Compute([1.0, 2.0], [true, true], [0.0, 1.0]));
        Assert.Contains("no control", e.Message);
    }
}
