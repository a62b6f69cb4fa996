using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Analytics.Tests.Statistics.Tests;

public sealed class MultipleTestingTests
{
    // Worked by hand: p = 0.01, 0.04, 0.03, 0.005 (m = 4).
    // Holm: sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06.
    // BH: 0.04·4/4 = 0.04, 0.03·4/3 = 0.04, 0.01·4/2 = 0.02, 0.005·4/1 = 0.02.
    [Fact]
    public void Holm_and_bh_match_a_hand_worked_example()
    {
        double[] p = [0.01, 0.04, 0.03, 0.005];
        Assert.Equal([0.03, 0.06, 0.06, 0.02], MultipleTesting.Holm(p).Select(v => Math.Round(v, 12)));
        Assert.Equal([0.02, 0.04, 0.04, 0.02], MultipleTesting.BenjaminiHochberg(p).Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Untested_cells_stay_nan_and_do_not_count_in_m()
    {
        var adj = MultipleTesting.Holm([0.01, double.NaN, 0.02]);
        Assert.True(double.IsNaN(adj[1]));
        Assert.Equal(0.02, adj[0], 12);
        Assert.Equal(0.02, adj[2], 12);
        Assert.Equal(1.0, MultipleTesting.Holm([0.6, 0.7])[1]);
    }

    [Fact]
    public void A_p_value_outside_the_unit_interval_is_refused_with_its_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => MultipleTesting.Holm([0.1, 1.5]));
        Assert.Contains("pValues[1]", e.Message);
    }
}
