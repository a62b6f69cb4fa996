using Segmentation.Analytics.Randomness;

namespace Segmentation.Analytics.Tests.Randomness;

/// <summary>
/// The library's generator. The pinned literals come from an independent Python implementation of the same construction
/// (tests/reference/randomness/stream_random.py), so a change of the algorithm — or of anything under it — fails here
/// instead of moving every seeded result silently.
/// </summary>
public sealed class StreamRandomTests
{
    [Fact]
    public void NextUInt64_for_a_fixed_seed_is_pinned()
    {
        var r = new StreamRandom(42);
        Assert.Equal(0x16650EDF36E6DC86UL, r.NextUInt64());
        Assert.Equal(0xA36E87D00DA973CFUL, r.NextUInt64());
        Assert.Equal(0x123D433E23D21FFCUL, r.NextUInt64());
    }

    [Fact]
    public void NextDouble_is_the_top_53_bits_and_is_pinned()
    {
        var r = new StreamRandom(42);
        Assert.Equal(0.08747952413150573, r.NextDouble());
        Assert.Equal(0.638405311865119, r.NextDouble());
        Assert.Equal((0x123D433E23D21FFCUL >> 11) / 9007199254740992.0, r.NextDouble());
    }

    [Fact]
    public void NextInt_for_a_fixed_seed_and_stream_is_pinned()
    {
        var small = new StreamRandom(-1, 7);
        Assert.Equal([4, 0, 3, 9, 5, 5, 9, 7], Enumerable.Range(0, 8).Select(_ => small.NextInt(10)).ToArray());
        var large = new StreamRandom(42);
        Assert.Equal([87479, 638407, 71247], Enumerable.Range(0, 3).Select(_ => large.NextInt(1_000_003)).ToArray());
    }

    [Fact]
    public void A_normal_draw_for_fixed_keys_is_pinned()
    {
        // Box–Muller goes through Math.Log and Math.Cos, which .NET takes from the platform's C library: allow a few ulps
        // (a changed algorithm or key derivation moves the value in the first digits, not the sixteenth).
        var r = new StreamRandom(20261UL, 5, 3, 2);
        Assert.Equal(0.30372465804370097, r.Normal(), 1e-15);
        Assert.Equal(-0.7294599026707959, r.Normal(), 1e-15);
    }

    [Fact]
    public void The_int_seed_constructor_is_stream_0_of_the_sign_extended_seed()
    {
        var a = new StreamRandom(-5);
        var b = new StreamRandom(unchecked((ulong)-5L), 0);
        for (int i = 0; i < 4; i++) Assert.Equal(b.NextUInt64(), a.NextUInt64());
        Assert.NotEqual(new StreamRandom(1, 0).NextUInt64(), new StreamRandom(1, 1).NextUInt64());
        Assert.NotEqual(new StreamRandom(1).NextUInt64(), new StreamRandom(2).NextUInt64());
    }

    [Fact]
    public void A_copy_continues_the_same_sequence_independently()
    {
        var a = new StreamRandom(3);
        a.NextUInt64();
        var b = a;
        Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    /// <summary>10⁵ uniforms: mean 1/2 and variance 1/12 within 5 standard errors (SE of the mean √(1/12/n) ≈ 0.00091, of
    /// the variance √((1/80 − 1/144)/n) ≈ 0.00024).</summary>
    [Fact]
    public void Uniforms_have_mean_one_half_and_variance_one_twelfth()
    {
        var r = new StreamRandom(2026);
        var (mean, variance) = Moments(100_000, () => r.NextDouble());
        Assert.InRange(mean, 0.5 - 0.0046, 0.5 + 0.0046);
        Assert.InRange(variance, 1.0 / 12 - 0.0012, 1.0 / 12 + 0.0012);
    }

    /// <summary>10⁵ standard normals: mean 0 and variance 1 within 5 standard errors (√(1/n) ≈ 0.0032 and √(2/n) ≈ 0.0045).</summary>
    [Fact]
    public void Normals_have_mean_zero_and_variance_one()
    {
        var r = new StreamRandom(2027);
        var (mean, variance) = Moments(100_000, () => r.Normal());
        Assert.InRange(mean, -0.016, 0.016);
        Assert.InRange(variance, 1 - 0.023, 1 + 0.023);
    }

    /// <summary>10⁵ draws of NextInt(10): every value's count within 5 SE (√(n·0.1·0.9) ≈ 95) of n/10.</summary>
    [Fact]
    public void NextInt_is_uniform_over_its_range()
    {
        var r = new StreamRandom(2028);
        var counts = new int[10];
        for (int i = 0; i < 100_000; i++) counts[r.NextInt(10)]++;
        Assert.All(counts, c => Assert.InRange(c, 10_000 - 475, 10_000 + 475));
        var inclusive = new StreamRandom(2029);
        var seen = Enumerable.Range(0, 1000).Select(_ => inclusive.NextInt(-2, 2)).ToHashSet();
        Assert.Equal([-2, -1, 0, 1, 2], seen.Order());
    }

    /// <summary>10⁴ draws of Binomial(50, 0.3): mean 15 and variance 10.5 within 5 SE (≈ 0.032 and ≈ 0.21).</summary>
    [Fact]
    public void Binomial_has_mean_np_and_variance_np_one_minus_p()
    {
        var r = new StreamRandom(2030);
        var (mean, variance) = Moments(10_000, () => r.Binomial(50, 0.3));
        Assert.InRange(mean, 15 - 0.16, 15 + 0.16);
        Assert.InRange(variance, 10.5 - 1.05, 10.5 + 1.05);
        Assert.Equal(0, r.Binomial(50, 0));
        Assert.Equal(50, r.Binomial(50, 1));
    }

    [Fact]
    public void Shuffle_permutes_and_sample_is_the_prefix_of_the_same_shuffle()
    {
        var values = Enumerable.Range(0, 100).ToArray();
        var shuffler = new StreamRandom(9, 1);
        shuffler.Shuffle(values.AsSpan());
        Assert.Equal(Enumerable.Range(0, 100), values.Order());
        Assert.NotEqual(Enumerable.Range(0, 100), values);
        var sampler = new StreamRandom(9, 1);
        Assert.Equal(values[..30], sampler.Sample(100, 30));
        var all = new StreamRandom(9, 1);
        Assert.Equal(values, all.Sample(100, 100));
        Assert.Empty(new StreamRandom(9).Sample(5, 0));
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        var r = new StreamRandom(1);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => r.NextInt(0)).ParamName);
        Assert.Equal("max", Assert.Throws<ArgumentOutOfRangeException>(() => r.NextInt(3, 2)).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => r.Sample(3, 4)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => r.Binomial(3, 1.5)).ParamName);
    }

    private static (double Mean, double Variance) Moments(int n, Func<double> draw)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = draw();
        double mean = x.Average();
        return (mean, x.Sum(v => (v - mean) * (v - mean)) / (n - 1));
    }
}
