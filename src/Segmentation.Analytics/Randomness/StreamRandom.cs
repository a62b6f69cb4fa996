namespace Segmentation.Analytics.Randomness;

/// <summary>
/// The library's only source of randomness: a counter-keyed pseudo-random generator (xoshiro256** whose state is derived
/// through SplitMix64 from up to four 64-bit keys). A stream is named by its keys — a seed, and e.g. (customer, month,
/// purpose) or (restart) — so the numbers a piece of work gets never depend on the order or the thread in which the work
/// runs, and the sequence of a stream is defined here, not by the runtime (<see cref="System.Random"/> with a seed is not
/// promised to give the same sequence on another .NET version).
/// </summary>
/// <remarks>
/// <para>Blackman &amp; Vigna (2018), "Scrambled linear pseudorandom number generators", ACM TOMS 47(4):36; SplitMix64 from
/// Steele, Lea &amp; Flood (2014), OOPSLA. Period 2²⁵⁶ − 1 per stream; not cryptographic.</para>
/// <para>Reproducibility: <see cref="NextUInt64"/>, <see cref="NextDouble"/>, <see cref="NextInt(int)"/>,
/// <see cref="Bernoulli"/>, <see cref="Binomial"/>, <see cref="Choose"/>, <see cref="Shuffle{T}"/> and <see cref="Sample"/>
/// use integer arithmetic and exact IEEE operations only, so they are bit-identical on every platform and runtime.
/// <see cref="Normal"/>, <see cref="LogNormal"/>, <see cref="Gamma"/>, <see cref="Beta"/> and <see cref="Poisson"/> also call
/// <see cref="Math.Log(double)"/>, <see cref="Math.Cos"/>, <see cref="Math.Exp"/> or <see cref="Math.Pow"/>, which .NET takes
/// from the platform's C library: the same on one machine for every run and thread count, possibly different in the last
/// bit on another operating system.</para>
/// <para>A mutable struct: pass it by <c>ref</c>. A copy continues the same sequence independently of the original.</para>
/// </remarks>
public struct StreamRandom
{
    private ulong s0, s1, s2, s3;

    /// <summary>A generator for the stream identified by the four keys.</summary>
    /// <param name="seed">The user's seed.</param>
    /// <param name="a">First stream key (e.g. a customer or a restart).</param>
    /// <param name="b">Second stream key (e.g. a month).</param>
    /// <param name="c">Third stream key (e.g. the purpose of the draws).</param>
    public StreamRandom(ulong seed, ulong a, ulong b = 0, ulong c = 0)
    {
        ulong x = Mix(seed ^ Mix(a + 0x632BE59BD9B4E019UL ^ Mix(b + 0x8CB92BA72F3D8DD7UL ^ Mix(c + 0x9E3779B97F4A7C15UL))));
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>A generator for stream <paramref name="stream"/> of an estimator's (32-bit) seed.</summary>
    /// <param name="seed">The seed of an options record; negative seeds are valid and distinct (two's complement, sign-extended).</param>
    /// <param name="stream">Which stream of that seed (e.g. a restart, an arm, a purpose); 0 by default.</param>
    public StreamRandom(int seed, ulong stream = 0) : this(unchecked((ulong)seed), stream)
    {
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

    /// <summary>Uniform on [0, 1): the top 53 bits of <see cref="NextUInt64"/> times 2⁻⁵³ (exact).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform integer on [0, <paramref name="n"/>) by Lemire's multiply-shift ⌊u·n / 2⁶⁴⌋ (one draw; the bias,
    /// at most n / 2⁶⁴ per value, is negligible for any int n).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> ≤ 0.</exception>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)Math.BigMul(NextUInt64(), (ulong)n, out _);
    }

    /// <summary>Uniform integer on [<paramref name="min"/>, <paramref name="max"/>], both inclusive.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> &lt; <paramref name="min"/>, or the range has more than <see cref="int.MaxValue"/> values.</exception>
    public int NextInt(int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        long width = (long)max - min + 1;
        if (width > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(max), max, $"[{min}, {max}] has more than int.MaxValue values.");
        return min + NextInt((int)width);
    }

    /// <summary>True with probability <paramref name="p"/> (one uniform compared with p: never for p ≤ 0, always for p ≥ 1).</summary>
    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>Binomial count of successes in <paramref name="trials"/> independent trials of probability <paramref name="p"/>,
    /// as the sum of that many <see cref="Bernoulli"/> draws: exact on every platform, O(trials).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trials"/> &lt; 0 or <paramref name="p"/> outside [0, 1].</exception>
    public int Binomial(int trials, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must be in [0, 1].");
        int successes = 0;
        for (int i = 0; i < trials; i++)
            if (NextDouble() < p) successes++;
        return successes;
    }

    /// <summary>Standard normal by the Box–Muller transform √(−2 ln U₁)·cos(2πU₂) with U₁ ∈ (0, 1], U₂ ∈ [0, 1): two
    /// uniforms per draw, the sine of the pair is not used (so a draw never depends on an earlier one).</summary>
    /// <remarks>Box &amp; Muller (1958), Ann. Math. Statist. 29:610–611.</remarks>
    public double Normal()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Log-normal with the given arithmetic <paramref name="mean"/> and log-scale sd <paramref name="sigma"/>:
    /// exp(μ + σZ) with μ = ln(mean) − σ²/2, so E[X] = mean exactly.</summary>
    public double LogNormal(double mean, double sigma) => Math.Exp(Math.Log(mean) - 0.5 * sigma * sigma + sigma * Normal());

    /// <summary>Poisson count with the given mean (Knuth's product method, in chunks of mean ≤ 30 so exp(−mean) never
    /// underflows); O(mean) uniforms. A mean ≤ 0 gives 0.</summary>
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

    /// <summary>Gamma(shape, scale 1) by Marsaglia &amp; Tsang (2000), ACM TOMS 26:363–372; shape &lt; 1 via the boost
    /// Gamma(shape + 1)·U^(1/shape). For rate β divide the draw by β.</summary>
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

    /// <summary>Beta with mean <paramref name="mean"/> and concentration <paramref name="concentration"/> (α + β), i.e.
    /// Beta(α = mean·concentration, β = (1 − mean)·concentration) as X/(X + Y) of two <see cref="Gamma"/> draws.</summary>
    public double Beta(double mean, double concentration)
    {
        double x = Gamma(mean * concentration), y = Gamma((1 - mean) * concentration);
        return x / (x + y);
    }

    /// <summary>An index drawn with probability proportional to <paramref name="weights"/> (non-negative, not all 0).</summary>
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

    /// <summary>Puts <paramref name="values"/> in uniformly random order in place (Fisher–Yates, Durstenfeld's form: for
    /// i = 0 … n − 2 swap position i with a uniform position in [i, n)).</summary>
    public void Shuffle<T>(Span<T> values) => ShuffleFirst(values, Math.Max(values.Length - 1, 0));

    /// <summary><paramref name="size"/> distinct indices of 0 … <paramref name="population"/> − 1 drawn uniformly without
    /// replacement, in the order drawn: the first <paramref name="size"/> positions of the <see cref="Shuffle{T}"/> of
    /// 0 … population − 1, stopped there. Memory O(population).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative or larger than <paramref name="population"/>.</exception>
    public int[] Sample(int population, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, population);
        var index = new int[population];
        for (int i = 0; i < population; i++) index[i] = i;
        ShuffleFirst(index.AsSpan(), Math.Min(size, Math.Max(population - 1, 0)));
        return index[..size];
    }

    /// <summary>The first <paramref name="steps"/> swaps of the Fisher–Yates shuffle: positions 0 … steps − 1 are final.</summary>
    private void ShuffleFirst<T>(Span<T> values, int steps)
    {
        int n = values.Length;
        for (int i = 0; i < steps; i++)
        {
            int j = i + NextInt(n - i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
