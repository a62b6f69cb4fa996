using System.Globalization;
using System.Text.Json;
using Segmentation.Analytics.Statistics;
using Segmentation.Data;
using static Segmentation.Analytics.Tests.Statistics.StatisticsTestData;

namespace Segmentation.Analytics.Tests.Statistics;

/// <summary>
/// <see cref="CustomerSummary.FromTransactions(Segmentation.Analytics.Engines.ISqlEngine, DateOnly, double, DateOnly?)"/>: the
/// BG/NBD summary built in SQL over the ingested transactions, against the array overload, the published CDNOW summary and
/// pandas on a line-item export; and what BG/NBD makes of a line-item export where nobody is seen to drop out.
/// </summary>
public sealed class CustomerSummaryFromEngineTests
{
    private static readonly DateOnly CdnowCalibrationEnd = new(1997, 9, 30);

    private static readonly Lazy<CustomerSummary> OnlineRetail = new(() =>
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("real", "online_retail"), new IngestOptions(new DateTime(2011, 12, 31)));
        return CustomerSummary.FromTransactions(ws, new DateOnly(2011, 12, 9));
    });

    private static JsonElement OnlineRetailReference() =>
        JsonDocument.Parse(File.ReadAllText(PathOf("tests/reference/clv/online_retail_clv_reference.json"))).RootElement;

    [Fact]
    public void Engine_summary_of_the_cdnow_sample_equals_the_array_summary()
    {
        // The same definitions in SQL and in C#: x and the day numbers exact, times and money to round-off (1e-9).
        using var ws = DataWorkspace.Load(RealData.CdnowSampleDirectory, new IngestOptions(RealData.CdnowEnd));
        var engine = CustomerSummary.FromTransactions(ws, CdnowCalibrationEnd);
        var (ids, days, amounts) = CdnowTransactions();
        var arrays = CustomerSummary.FromTransactions(ids, days, amounts, CdnowCalibrationEnd.DayNumber);
        Assert.Equal(2357, engine.Count);
        Assert.Equal(arrays.Count, engine.Count);
        Assert.Equal(0, engine.ZeroAgeCustomersSkipped);
        Assert.Equal(arrays.CustomerIds, engine.CustomerKeys!.Select(k => long.Parse(k, CultureInfo.InvariantCulture)));
        Assert.Equal(arrays.Frequency, engine.Frequency);
        Assert.Equal(arrays.FirstPurchaseDay, engine.FirstPurchaseDay);
        Assert.Equal(arrays.LastPurchaseDay, engine.LastPurchaseDay);
        for (int i = 0; i < engine.Count; i++)
        {
            Assert.Equal(arrays.Recency[i], engine.Recency[i], 1e-9);
            Assert.Equal(arrays.Age[i], engine.Age[i], 1e-9);
            Assert.Equal(arrays.MonetaryValue[i], engine.MonetaryValue[i], 1e-9);
        }
    }

    [Fact]
    public void Engine_summary_of_online_retail_line_items_matches_pandas()
    {
        // tests/reference/clv/online_retail_clv_reference.py: invoices (lines summed) with a negative sum are returns, one
        // occasion per customer and day, T to 2011-12-09 in weeks; 2 customers first bought on that day (T = 0) and are skipped.
        var s = OnlineRetail.Value;
        var reference = OnlineRetailReference();
        Assert.Equal(reference.GetProperty("customers").GetInt32(), s.Count);
        Assert.Equal(reference.GetProperty("zeroAgeSkipped").GetInt32(), s.ZeroAgeCustomersSkipped);
        Assert.Equal(reference.GetProperty("repeatCustomers").GetInt32(), s.Frequency.Count(x => x > 0));
        Assert.Equal(reference.GetProperty("sumX").GetInt32(), s.Frequency.Sum());
        // whole days / 7 summed over 3 015 customers: round-off only (1e-9 relative)
        Assert.Equal(reference.GetProperty("sumRecency").GetDouble(), s.Recency.Sum(), 1e-9 * s.Recency.Sum());
        Assert.Equal(reference.GetProperty("sumAge").GetDouble(), s.Age.Sum(), 1e-9 * s.Age.Sum());
        // money summed exactly in DECIMAL(18, 2) by the engine, in binary floating point by pandas: 1e-9 relative
        Assert.Equal(reference.GetProperty("sumMonetary").GetDouble(), s.MonetaryValue.Sum(), 1e-9 * s.MonetaryValue.Sum());
        Assert.All(s.Age, t => Assert.True(t > 0));
    }

    [Fact]
    public void Bgnbd_on_online_retail_is_a_boundary_fit_with_diagnostics_at_the_no_dropout_supremum()
    {
        // Nobody is seen to drop out: the likelihood rises towards a/(a+b) → 0 (the reference's profile over b) and its
        // supremum is the NBD likelihood (no drop-out), fitted by scipy: r = 0.82254, α = 15.4675, ℓ = −17357.94593.
        // The fit must end there (ℓ within 1e-4, r and α within 1e-4 relative), with a → 0 and b → ∞ reported, no
        // standard error, and P(alive) declared not informative.
        var m = new BgNbdFitter().Fit(OnlineRetail.Value);
        var nbd = OnlineRetailReference().GetProperty("nbdLimit");
        Assert.Equal(nbd.GetProperty("logLikelihood").GetDouble(), m.LogLikelihood, 1e-4);
        Assert.Equal(nbd.GetProperty("r").GetDouble(), m.R, 1e-4 * m.R);
        Assert.Equal(nbd.GetProperty("alpha").GetDouble(), m.Alpha, 1e-4 * m.Alpha);
        Assert.True(m.A / (m.A + m.B) < 1e-4, $"mean drop-out {m.A / (m.A + m.B)}");
        var d = m.Diagnostics!;
        Assert.False(d.Identified);
        Assert.False(m.ProbabilityAliveIsInformative);
        Assert.Contains(d.Bounds, b => b.Name == "a" && b.Limit == ParameterLimit.Zero);
        Assert.Contains(d.Bounds, b => b.Name == "b" && b.Limit == ParameterLimit.Infinity);
        Assert.Contains("P(alive) is not informative", d.Meaning);
        Assert.All(m.StandardErrors, se => Assert.True(double.IsNaN(se)));
        // the model file stays valid JSON and reads back equal
        Assert.Equal(m, BgNbdModel.FromJson(m.ToJson()));
        var profile = OnlineRetailReference().GetProperty("dropoutProfile").EnumerateArray().Select(p => p.GetProperty("logLikelihood").GetDouble()).ToArray();
        Assert.All(profile, ll => Assert.True(ll <= m.LogLikelihood + 1e-6));
    }

    [Fact]
    public void Gamma_gamma_on_online_retail_matches_scipy()
    {
        // scipy Nelder-Mead + BFGS to gtol 1e-9 on the same repeat customers (reference script): 1e-5 relative.
        var m = new GammaGammaFitter().Fit(OnlineRetail.Value);
        var gg = OnlineRetailReference().GetProperty("gammaGamma");
        Assert.Equal(gg.GetProperty("customers").GetInt32(), m.Customers);
        Assert.Equal(gg.GetProperty("p").GetDouble(), m.P, 1e-5 * m.P);
        Assert.Equal(gg.GetProperty("q").GetDouble(), m.Q, 1e-5 * m.Q);
        Assert.Equal(gg.GetProperty("gamma").GetDouble(), m.Gamma, 1e-5 * m.Gamma);
        Assert.True(m.Diagnostics!.Identified, m.Diagnostics.ToString());
        Assert.All(m.StandardErrors, se => Assert.True(double.IsFinite(se) && se > 0));
    }

    [Fact]
    public void Customers_first_seen_on_the_calibration_end_day_are_skipped_and_counted()
    {
        // Customer 7 first buys on the end day (T = 0): skipped and counted, so the fit does not fail on T > 0.
        long[] ids = [5, 5, 7, 9, 9];
        int[] days = [100, 114, 128, 90, 121];
        var s = CustomerSummary.FromTransactions(ids, days, [10, 20, 30, 5, 6], calibrationEndDay: 128);
        Assert.Equal([5L, 9L], s.CustomerIds);
        Assert.Equal(1, s.ZeroAgeCustomersSkipped);
        Assert.Equal([1, 1], s.Frequency);
        Assert.Equal([28.0 / 7, 38.0 / 7], s.Age);
        var m = new BgNbdFitter().Fit(s);
        Assert.Equal(2, m.Customers);
    }
}
