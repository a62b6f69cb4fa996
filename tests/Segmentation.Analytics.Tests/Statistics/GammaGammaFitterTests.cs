using Segmentation.Analytics.Models;
using Segmentation.Analytics.Statistics;
using static Segmentation.Analytics.Tests.Statistics.StatisticsTestData;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Analytics.Tests.Statistics;

public sealed class GammaGammaFitterTests
{
    private static (int[] X, double[] M) RepeatCustomers()
    {
        var (_, rows) = ReadCsv("data/real/cdnow/cdnow_customers_summary_with_transactions.csv");
        var repeat = rows.Where(r => int.Parse(r[1]) > 0).ToArray();
        return (repeat.Select(r => int.Parse(r[1])).ToArray(), repeat.Select(r => D(r[4])).ToArray());
    }

    private static readonly Lazy<GammaGammaModel> FileModel = new(() =>
    {
        var (x, m) = RepeatCustomers();
        return new GammaGammaFitter().Fit(x, m);
    });

    [Fact]
    public void Fit_on_946_cdnow_repeat_customers_reproduces_published_estimates()
    {
        // Fader & Hardie (2013) "The Gamma-Gamma model of monetary value": p = 6.25, q = 3.74, γ = 15.44 from the
        // exact mean spends; lifetimes' Quickstart prints p 6.25, q 3.74, v 15.45 from the file's 2-decimal zbar.
        // Tolerances: the publications' rounding (0.005) + 1e-3.
        var g = FileModel.Value;
        Assert.Equal(946, g.Customers);
        Assert.True(g.Converged);
        Assert.Equal(6.25, g.P, 0.006);
        Assert.Equal(3.74, g.Q, 0.006);
        Assert.Equal(15.45, g.Gamma, 0.006);

        var (ids, days, amounts) = CdnowTransactions();
        var summary = CustomerSummary.FromTransactions(ids, days, amounts, new DateOnly(1997, 9, 30).DayNumber);
        var exact = new GammaGammaFitter().Fit(summary);
        Assert.Equal(946, exact.Customers);
        Assert.Equal(6.25, exact.P, 0.006);
        Assert.Equal(3.74, exact.Q, 0.006);
        Assert.Equal(15.44, exact.Gamma, 0.006);
    }

    [Fact]
    public void Fit_matches_scipy_reference_estimates_and_standard_errors()
    {
        // scipy fit of the same likelihood (bgnbd_gammagamma_reference.py): estimates 1e-5 relative, SEs 1e-4 relative.
        var g = FileModel.Value;
        var r = Reference("bgnbd_gammagamma_reference.json").GetProperty("gammaGamma");
        Assert.Equal(r.GetProperty("p").GetDouble(), g.P, 1e-5 * g.P);
        Assert.Equal(r.GetProperty("q").GetDouble(), g.Q, 1e-5 * g.Q);
        Assert.Equal(r.GetProperty("gamma").GetDouble(), g.Gamma, 1e-5 * g.Gamma);
        Assert.Equal(r.GetProperty("logLikelihood").GetDouble(), g.LogLikelihood, 1e-6);
        string[] names = ["p", "q", "gamma"];
        for (int j = 0; j < 3; j++)
        {
            double se = r.GetProperty("se").GetProperty(names[j]).GetDouble();
            Assert.Equal(se, g.StandardErrors[j], 1e-4 * se);
        }
    }

    [Fact]
    public void Expected_average_spend_matches_lifetimes_docs()
    {
        // lifetimes Quickstart, conditional_expected_average_profit for customers 1..10 (6 decimals printed),
        // and the mean over all 2 357 customers 35.2529588256.
        double[] docs = [24.658619, 18.911489, 35.170981, 35.170981, 35.170981, 71.462843, 18.911489, 35.170981, 27.282408, 35.170981];
        var g = FileModel.Value;
        var (_, rows) = ReadCsv("data/real/cdnow/cdnow_customers_summary_with_transactions.csv");
        var x = rows.Select(r => int.Parse(r[1])).ToArray();
        var m = rows.Select(r => D(r[4])).ToArray();
        var spend = g.ConditionalExpectedAverageSpend(x, m);
        // the docs' fit stopped at a slightly different optimum (lifetimes' default tolerance): 5e-5 relative
        for (int i = 0; i < 10; i++) Assert.Equal(docs[i], spend[i], 5e-5 * docs[i]);
        Assert.Equal(35.2529588256, spend.Average(), 5e-5 * 35.25);
        // against the scipy reference at the same optimum: 1e-6 relative
        var reference = Doubles(Reference("bgnbd_gammagamma_reference.json").GetProperty("gammaGamma").GetProperty("expectedSpendFirst10"));
        for (int i = 0; i < 10; i++) Assert.Equal(reference[i], spend[i], 1e-6 * reference[i]);
    }

    [Fact]
    public void Clv_reproduces_lifetimes_docs_with_thirty_time_units_per_month()
    {
        // lifetimes Quickstart: customer_lifetime_value(bgf, …, time=12, discount_rate=0.01) on the weekly CDNOW data.
        // lifetimes' default freq="D" steps 30 time units per month whatever the data's unit, so the docs' numbers
        // are reproduced with TimeUnitsPerMonth = 30 (also recomputed with scipy in bgnbd_gammagamma_reference.py). 1e-5 relative.
        double[] docs = [140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107, 28.109683, 38.180574, 167.418216, 38.180574];
        var (_, rows) = ReadCsv("data/real/cdnow/cdnow_customers_summary_with_transactions.csv");
        var head = rows.Take(10).ToArray();
        var x = head.Select(r => int.Parse(r[1])).ToArray();
        var tx = head.Select(r => D(r[2])).ToArray();
        var t = head.Select(r => D(r[3])).ToArray();
        var m = head.Select(r => D(r[4])).ToArray();
        var (cx, ctx, ct) = CdnowSummary();
        var bg = new BgNbdFitter().Fit(cx, ctx, ct);
        var clv = CustomerLifetimeValue.Compute(bg, FileModel.Value, x, tx, t, m, new ClvOptions(0.01, 1.0, 12, 30));
        for (int i = 0; i < 10; i++) Assert.Equal(docs[i], clv[i], 1e-5 * docs[i]);
        // margin share scales linearly; a weekly month (4.345) gives less value than 30 weeks per "month"
        var half = CustomerLifetimeValue.Compute(bg, FileModel.Value, x, tx, t, m, new ClvOptions(0.01, 0.5, 12, 30));
        for (int i = 0; i < 10; i++) Assert.Equal(clv[i] / 2, half[i], 1e-9 * clv[i]);
        // the default options (4.345 weeks per month) against the scipy reference with the same rule: 1e-4 relative
        // (both sides use their own fitted parameters, which agree to 1e-5)
        var weekly = CustomerLifetimeValue.Compute(bg, FileModel.Value, x, tx, t, m, new ClvOptions());
        var reference = Doubles(Reference("bgnbd_gammagamma_reference.json").GetProperty("gammaGamma").GetProperty("clvFirst10Monthly"));
        for (int i = 0; i < 10; i++) Assert.Equal(reference[i], weekly[i], 1e-4 * reference[i]);
    }

    [Fact]
    public void Clv_is_bit_identical_to_the_monthly_sum_of_conditional_expected_purchases()
    {
        // The CLV reuses P(alive) and the (x, T) part of E[Y(t) | x, t_x, T] across customers and months; the values must be those of
        // the definition evaluated customer by customer, to the last bit (the report prints them). All 2 357 CDNOW customers: many
        // share (x, T) with different t_x, and customers without repeats have P(alive) = 1.
        var (_, rows) = ReadCsv("data/real/cdnow/cdnow_customers_summary_with_transactions.csv");
        var x = rows.Select(r => int.Parse(r[1])).ToArray();
        var tx = rows.Select(r => D(r[2])).ToArray();
        var t = rows.Select(r => D(r[3])).ToArray();
        var m = rows.Select(r => D(r[4])).ToArray();
        var bg = new BgNbdFitter().Fit(x, tx, t);
        var options = new ClvOptions(0.02, 0.3, 6, 4.345);
        var clv = CustomerLifetimeValue.Compute(bg, FileModel.Value, x, tx, t, m, options);
        var spend = FileModel.Value.ConditionalExpectedAverageSpend(x, m);
        Assert.True(x.Zip(t).Distinct().Count() < x.Length / 2, "customers share (x, T)");
        for (int i = 0; i < x.Length; i++)
        {
            double expected = 0, previous = 0;
            for (int month = 1; month <= options.HorizonMonths; month++)
            {
                double cumulative = bg.ConditionalExpectedPurchases(month * options.TimeUnitsPerMonth, x[i], tx[i], t[i]);
                expected += options.MarginShare * spend[i] * (cumulative - previous) / Math.Pow(1 + options.MonthlyDiscountRate, month);
                previous = cumulative;
            }
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(clv[i]));
        }
    }

    [Fact]
    public void Same_input_gives_identical_json_and_round_trips()
    {
        var (x, m) = RepeatCustomers();
        var x0 = (int[])x.Clone();
        var m0 = (double[])m.Clone();
        var a = new GammaGammaFitter().Fit(x, m);
        Assert.Equal(ModelJson.Serialize(a), ModelJson.Serialize(new GammaGammaFitter().Fit(x, m)));
        Assert.Equal(x0, x);
        Assert.Equal(m0, m);
        var back = ModelJson.Deserialize<GammaGammaModel>(ModelJson.Serialize(a));
        Assert.Equal(a.P, back.P);
        Assert.Equal(a.StandardErrors, back.StandardErrors);
        Assert.Contains("15.44", a.ToString());
    }

    [Fact]
    public void Bad_options_and_data_throw_naming_the_parameter()
    {
        Assert.Equal("Starts", Assert.ThrowsAny<ArgumentException>(() => new GammaGammaFitter(new GammaGammaOptions(Starts: 0))).ParamName);
        Assert.Equal("Tolerance", Assert.ThrowsAny<ArgumentException>(() => new GammaGammaFitter(new GammaGammaOptions(Tolerance: -1))).ParamName);
        Assert.Equal("frequency", Assert.ThrowsAny<ArgumentException>(() => new GammaGammaFitter().Fit([0, 1], [1.0, 2.0])).ParamName);
        Assert.Equal("monetaryValue", Assert.ThrowsAny<ArgumentException>(() => new GammaGammaFitter().Fit([2, 1], [1.0, 0.0])).ParamName);
        Assert.Equal("MarginShare", Assert.ThrowsAny<ArgumentException>(() => new ClvOptions(MarginShare: 1.5).Validate()).ParamName);
        Assert.Equal("HorizonMonths", Assert.ThrowsAny<ArgumentException>(() => new ClvOptions(HorizonMonths: 0).Validate()).ParamName);
    }

    [Fact]
    public void Log_likelihood_over_many_customers_matches_the_per_customer_formula()
    {
        // 150 000 customers (several summation chunks, run in parallel): the cached per-x terms and chunked sums must give the
        // paper's per-customer log-likelihood (Fader & Hardie 2013, eq. 3) summed plainly, to round-off (1e-12 relative).
        var random = new Random(7);
        int n = 150_000;
        var x = new int[n];
        var m = new double[n];
        for (int i = 0; i < n; i++) { x[i] = 1 + random.Next(40); m[i] = 5 + 200 * random.NextDouble(); }
        double p = 6.25, q = 3.74, gamma = 15.44, expected = 0;
        for (int i = 0; i < n; i++)
            expected += MathNet.Numerics.SpecialFunctions.GammaLn(p * x[i] + q) - MathNet.Numerics.SpecialFunctions.GammaLn(p * x[i])
                - MathNet.Numerics.SpecialFunctions.GammaLn(q) + q * Math.Log(gamma) + (p * x[i] - 1) * Math.Log(m[i])
                + p * x[i] * Math.Log(x[i]) - (p * x[i] + q) * Math.Log(x[i] * m[i] + gamma);
        var gradient = new double[3];
        double actual = GammaGammaFitter.LogLikelihood(x, m, p, q, gamma, gradient);
        Assert.Equal(expected, actual, Math.Abs(expected) * 1e-12);
        Assert.Equal(actual, GammaGammaFitter.LogLikelihood(x, m, p, q, gamma, default));
        // ∂ℓ/∂p against a central difference (step 1e-6, relative tolerance 1e-5).
        double h = 1e-6;
        double numeric = (GammaGammaFitter.LogLikelihood(x, m, p + h, q, gamma, default) - GammaGammaFitter.LogLikelihood(x, m, p - h, q, gamma, default)) / (2 * h);
        Assert.Equal(numeric, gradient[0], Math.Abs(numeric) * 1e-5 + 1e-3);
    }
}
