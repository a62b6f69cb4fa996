using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// Centres stored column-major and padded to a multiple of four, so the squared distances from one row to four centres
/// come out of one SIMD lane set without horizontal sums: acc += (C[t, j..j+3] − x_t)² over the coordinates t.
/// Padding centres sit at +∞ distance and never win.
/// </summary>
/// <remarks>
/// The nearest (and second-nearest) search keeps a running minimum per lane across blocks of four centres and
/// finishes with a few cross-lane minima, so it has no data-dependent branches. Lane l only ever holds centres
/// j ≡ l (mod 4) in increasing j, and a strict &lt; keeps the earlier one, so the lowest index wins ties as in a
/// plain scan. Every distance is summed over t in the same order as the scalar fallback (no fused multiply-add).
/// </remarks>
[SkipLocalsInit]
internal sealed class CentreBlock
{
    private readonly double[] transposed; // d × padded
    private readonly int k, d, padded;

    public CentreBlock(double[] centres, int clusters, int dims)
    {
        k = clusters; d = dims;
        padded = (k + 3) & ~3;
        transposed = new double[d * padded];
        Array.Fill(transposed, double.MaxValue);
        for (int j = 0; j < k; j++)
            for (int t = 0; t < d; t++) transposed[t * padded + j] = centres[j * d + t];
    }

    /// <summary>Nearest centre (lowest index on ties) and its squared distance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Nearest(ref double row, out double distance)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            ref double c0 = ref transposed[0];
            var best = Vector256.Create(double.PositiveInfinity);
            var index = Vector256<double>.Zero;
            var lane = Vector256.Create(0.0, 1.0, 2.0, 3.0);
            int j = 0;
            for (; j + 8 <= padded; j += 8)
            {
                Pair(ref c0, ref row, j, out var acc0, out var acc1);
                Keep(acc0, lane + Vector256.Create((double)j), ref best, ref index);
                Keep(acc1, lane + Vector256.Create((double)(j + 4)), ref best, ref index);
            }
            if (j < padded) Keep(Block(ref c0, ref row, j), lane + Vector256.Create((double)j), ref best, ref index);
            var m1 = LaneMin(best);
            var i1 = LaneMin(Vector256.ConditionalSelect(Vector256.Equals(best, m1), index, Vector256.Create(double.PositiveInfinity)));
            distance = m1.ToScalar();
            return (int)i1.ToScalar();
        }
        Span<double> dist = padded <= 512 ? stackalloc double[padded] : new double[padded];
        All(ref row, dist);
        int bestIndex = 0;
        double bestD = dist[0];
        for (int j = 1; j < k; j++) if (dist[j] < bestD) { bestD = dist[j]; bestIndex = j; }
        distance = bestD;
        return bestIndex;
    }

    /// <summary>Nearest centre, its squared distance and the second-smallest squared distance (equal to the first on a tie).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NearestTwo(ref double row, out double first, out double second)
    {
        if (Vector256.IsHardwareAccelerated && padded == 8)
        {
            // All eight distances sit in two registers. The two smallest come from a merge network over the lanes
            // (sorted pairs (a1 ≤ a2), (b1 ≤ b2) merge to min(a1, b1) and min(max(a1, b1), min(a2, b2))), and the
            // winner is the first set bit of the "equals the minimum" mask (lowest index on ties).
            Pair(ref transposed[0], ref row, 0, out var low, out var high);
            var small = Vector256.MinNative(low, high);
            var large = Vector256.MaxNative(low, high);
            MergeLanes(ref small, ref large, Vector256.Create(1L, 0L, 3L, 2L));
            MergeLanes(ref small, ref large, Vector256.Create(2L, 3L, 0L, 1L));
            uint mask = Vector256.Equals(low, small).ExtractMostSignificantBits() | (Vector256.Equals(high, small).ExtractMostSignificantBits() << 4);
            first = small.ToScalar();
            second = large.ToScalar();
            return BitOperations.TrailingZeroCount(mask);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            ref double c0 = ref transposed[0];
            var inf = Vector256.Create(double.PositiveInfinity);
            var best = inf;
            var runnerUp = inf;
            var index = Vector256<double>.Zero;
            var lane = Vector256.Create(0.0, 1.0, 2.0, 3.0);
            int j = 0;
            for (; j + 8 <= padded; j += 8)
            {
                Pair(ref c0, ref row, j, out var acc0, out var acc1);
                KeepTwo(acc0, lane + Vector256.Create((double)j), ref best, ref runnerUp, ref index);
                KeepTwo(acc1, lane + Vector256.Create((double)(j + 4)), ref best, ref runnerUp, ref index);
            }
            if (j < padded) KeepTwo(Block(ref c0, ref row, j), lane + Vector256.Create((double)j), ref best, ref runnerUp, ref index);
            var m1 = LaneMin(best);
            var tied = Vector256.Equals(best, m1);
            var i1 = LaneMin(Vector256.ConditionalSelect(tied, index, inf));
            // The winning lane offers its own runner-up; every other lane offers its best.
            var chosen = Vector256.Equals(index, i1) & tied;
            var m2 = LaneMin(Vector256.ConditionalSelect(chosen, runnerUp, best));
            first = m1.ToScalar();
            second = m2.ToScalar();
            return (int)i1.ToScalar();
        }
        Span<double> dist = padded <= 512 ? stackalloc double[padded] : new double[padded];
        All(ref row, dist);
        int bestIndex = 0;
        double d1 = double.PositiveInfinity, d2 = double.PositiveInfinity;
        for (int j = 0; j < k; j++)
        {
            double dj = dist[j];
            if (dj < d1) { d2 = d1; d1 = dj; bestIndex = j; }
            else if (dj < d2) d2 = dj;
        }
        first = d1; second = d2;
        return bestIndex;
    }

    /// <summary>Squared distances to every (padded) centre.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void All(ref double row, Span<double> result)
    {
        ref double c0 = ref transposed[0];
        if (Vector256.IsHardwareAccelerated)
        {
            for (int j = 0; j < padded; j += 4) Block(ref c0, ref row, j).StoreUnsafe(ref result[j]);
            return;
        }
        for (int j = 0; j < padded; j++)
        {
            double even = 0, odd = 0;
            for (int t = 0; t < d; t++)
            {
                double diff = Unsafe.Add(ref c0, t * padded + j) - Unsafe.Add(ref row, t);
                if ((t & 1) == 0) even += diff * diff; else odd += diff * diff;
            }
            result[j] = even + odd;
        }
    }

    /// <summary>Squared distances to centres j … j + 3: even and odd coordinates summed apart (two short dependency chains), then added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<double> Block(ref double c0, ref double row, int j)
    {
        int stride = padded, dims = d;
        var even = Vector256<double>.Zero;
        var odd = Vector256<double>.Zero;
        ref double column = ref Unsafe.Add(ref c0, j);
        int t = 0;
        for (; t + 1 < dims; t += 2)
        {
            var e = Vector256.LoadUnsafe(ref column) - Vector256.Create(Unsafe.Add(ref row, t));
            var o = Vector256.LoadUnsafe(ref column, (nuint)stride) - Vector256.Create(Unsafe.Add(ref row, t + 1));
            even += e * e;
            odd += o * o;
            column = ref Unsafe.Add(ref column, 2 * stride);
        }
        if (t < dims)
        {
            var e = Vector256.LoadUnsafe(ref column) - Vector256.Create(Unsafe.Add(ref row, t));
            even += e * e;
        }
        return even + odd;
    }

    /// <summary>Squared distances to centres j … j + 7, each four summed exactly as <see cref="Block"/> does (four independent chains).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Pair(ref double c0, ref double row, int j, out Vector256<double> acc0, out Vector256<double> acc1)
    {
        int stride = padded, dims = d;
        var even0 = Vector256<double>.Zero;
        var odd0 = Vector256<double>.Zero;
        var even1 = Vector256<double>.Zero;
        var odd1 = Vector256<double>.Zero;
        ref double column = ref Unsafe.Add(ref c0, j);
        int t = 0;
        for (; t + 1 < dims; t += 2)
        {
            var xe = Vector256.Create(Unsafe.Add(ref row, t));
            var xo = Vector256.Create(Unsafe.Add(ref row, t + 1));
            var e0 = Vector256.LoadUnsafe(ref column) - xe;
            var e1 = Vector256.LoadUnsafe(ref column, 4) - xe;
            var o0 = Vector256.LoadUnsafe(ref column, (nuint)stride) - xo;
            var o1 = Vector256.LoadUnsafe(ref column, (nuint)stride + 4) - xo;
            even0 += e0 * e0;
            even1 += e1 * e1;
            odd0 += o0 * o0;
            odd1 += o1 * o1;
            column = ref Unsafe.Add(ref column, 2 * stride);
        }
        if (t < dims)
        {
            var xe = Vector256.Create(Unsafe.Add(ref row, t));
            var e0 = Vector256.LoadUnsafe(ref column) - xe;
            var e1 = Vector256.LoadUnsafe(ref column, 4) - xe;
            even0 += e0 * e0;
            even1 += e1 * e1;
        }
        acc0 = even0 + odd0;
        acc1 = even1 + odd1;
    }

    /// <summary>Per lane: keeps the smaller distance and its centre index (the earlier one on a tie).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep(Vector256<double> acc, Vector256<double> centre, ref Vector256<double> best, ref Vector256<double> index)
    {
        var lt = Vector256.LessThan(acc, best);
        index = Vector256.ConditionalSelect(lt, centre, index);
        best = Vector256.ConditionalSelect(lt, acc, best);
    }

    /// <summary>Per lane: keeps the smallest distance with its centre index, and the second smallest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KeepTwo(Vector256<double> acc, Vector256<double> centre, ref Vector256<double> best, ref Vector256<double> runnerUp, ref Vector256<double> index)
    {
        var lt = Vector256.LessThan(acc, best);
        runnerUp = Vector256.ConditionalSelect(lt, best, Vector256.MinNative(runnerUp, acc));
        index = Vector256.ConditionalSelect(lt, centre, index);
        best = Vector256.ConditionalSelect(lt, acc, best);
    }

    /// <summary>Per lane, the two smallest of (small, large) and the same pair from the lane the shuffle brings in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MergeLanes(ref Vector256<double> small, ref Vector256<double> large, Vector256<long> partner)
    {
        var otherSmall = Vector256.Shuffle(small, partner);
        var otherLarge = Vector256.Shuffle(large, partner);
        large = Vector256.MinNative(Vector256.MaxNative(small, otherSmall), Vector256.MinNative(large, otherLarge));
        small = Vector256.MinNative(small, otherSmall);
    }

    /// <summary>The minimum of the four lanes, in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LaneMin(Vector256<double> v)
    {
        v = Vector256.MinNative(v, Vector256.Shuffle(v, Vector256.Create(1L, 0L, 3L, 2L)));
        return Vector256.MinNative(v, Vector256.Shuffle(v, Vector256.Create(2L, 3L, 0L, 1L)));
    }
}
