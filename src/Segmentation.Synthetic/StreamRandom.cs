namespace Segmentation.Synthetic;

/// <summary>
/// A small counter-keyed pseudo-random generator (xoshiro256** seeded through SplitMix64) used by the
/// synthetic generator. Every stream is derived from (seed, customer, month, purpose), so the numbers a
/// customer gets never depend on the order or the thread in which customers are generated.
/// </summary>
/// <remarks>Blackman &amp; Vigna (2018), "Scrambled linear pseudorandom number generators"; SplitMix64 from
/// Steele, Lea &amp; Flood (2014). Not cryptographic.</remarks>
internal struct StreamRandom
{
    private ulong s0, s1, s2, s3;

    /// <summary>A generator for the stream identified by the four keys.</summary>
    public StreamRandom(ulong seed, ulong a, ulong b = 0, ulong c = 0)
    {
        ulong x = Mix(seed ^ Mix(a + 0x632BE59BD9B4E019UL ^ Mix(b + 0x8CB92BA72F3D8DD7UL ^ Mix(c + 0x9E3779B97F4A7C15UL))));
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform integer on [0, n) (Lemire's multiply-shift; the bias for n ≪ 2^64 is negligible).</summary>
    public int NextInt(int n) => (int)Math.BigMul(NextUInt64(), (ulong)n, out _);

    /// <summary>Uniform integer on [min, max] inclusive.</summary>
    public int NextInt(int min, int max) => min + NextInt(max - min + 1);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>Standard normal by the Box–Muller transform (one of the pair is used).</summary>
    public double Normal()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Log-normal with the given arithmetic <paramref name="mean"/> and log-scale sd <paramref name="sigma"/>:
    /// exp(μ + σZ) with μ = ln(mean) − σ²/2, so E[X] = mean exactly.</summary>
    public double LogNormal(double mean, double sigma) => Math.Exp(Math.Log(mean) - 0.5 * sigma * sigma + sigma * Normal());

    /// <summary>Poisson count with the given mean (Knuth's product method, in chunks of mean ≤ 30 so exp(−mean) never underflows).</summary>
    public int Poisson(double mean)
    {
        int total = 0;
        while (mean > 0)
        {
            double chunk = Math.Min(mean, 30.0);
            mean -= chunk;
            double limit = Math.Exp(-chunk), product = NextDouble();
            while (product > limit)
            {
                total++;
                product *= NextDouble();
            }
        }
        return total;
    }

    /// <summary>Gamma(shape, 1) by Marsaglia &amp; Tsang (2000); shape &lt; 1 via the boost U^(1/shape).</summary>
    public double Gamma(double shape)
    {
        if (shape < 1.0) return Gamma(shape + 1.0) * Math.Pow(1.0 - NextDouble(), 1.0 / shape);
        double d = shape - 1.0 / 3.0, c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = Normal();
                v = 1.0 + c * z;
            } while (v <= 0);
            v = v * v * v;
            double u = 1.0 - NextDouble();
            if (Math.Log(u) < 0.5 * z * z + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    /// <summary>Beta with mean <paramref name="mean"/> and concentration <paramref name="concentration"/> (α + β).</summary>
    public double Beta(double mean, double concentration)
    {
        double x = Gamma(mean * concentration), y = Gamma((1 - mean) * concentration);
        return x / (x + y);
    }

    /// <summary>An index drawn with probability proportional to <paramref name="weights"/>.</summary>
    public int Choose(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (var w in weights) total += w;
        double u = NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.Length - 1;
    }
}
