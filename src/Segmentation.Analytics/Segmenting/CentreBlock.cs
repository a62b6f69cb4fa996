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
            for (int j = 0; j < padded; j += 4)
            {
                var acc = Block(ref c0, ref row, j);
                var lt = Vector256.LessThan(acc, best);
                index = Vector256.ConditionalSelect(lt, lane + Vector256.Create((double)j), index);
                best = Vector256.ConditionalSelect(lt, acc, best);
            }
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
        if (Vector256.IsHardwareAccelerated)
        {
            ref double c0 = ref transposed[0];
            var inf = Vector256.Create(double.PositiveInfinity);
            var best = inf;
            var runnerUp = inf;
            var index = Vector256<double>.Zero;
            var lane = Vector256.Create(0.0, 1.0, 2.0, 3.0);
            for (int j = 0; j < padded; j += 4)
            {
                var acc = Block(ref c0, ref row, j);
                var lt = Vector256.LessThan(acc, best);
                runnerUp = Vector256.ConditionalSelect(lt, best, Vector256.MinNative(runnerUp, acc));
                index = Vector256.ConditionalSelect(lt, lane + Vector256.Create((double)j), index);
                best = Vector256.ConditionalSelect(lt, acc, best);
            }
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
            double s = 0;
            for (int t = 0; t < d; t++) { double diff = Unsafe.Add(ref c0, t * padded + j) - Unsafe.Add(ref row, t); s += diff * diff; }
            result[j] = s;
        }
    }

    /// <summary>Squared distances to centres j … j + 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<double> Block(ref double c0, ref double row, int j)
    {
        var acc = Vector256<double>.Zero;
        ref double column = ref Unsafe.Add(ref c0, j);
        for (int t = 0; t < d; t++)
        {
            var diff = Vector256.LoadUnsafe(ref column, (nuint)(t * padded)) - Vector256.Create(Unsafe.Add(ref row, t));
            acc += diff * diff;
        }
        return acc;
    }

    /// <summary>The minimum of the four lanes, in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LaneMin(Vector256<double> v)
    {
        v = Vector256.MinNative(v, Vector256.Shuffle(v, Vector256.Create(1L, 0L, 3L, 2L)));
        return Vector256.MinNative(v, Vector256.Shuffle(v, Vector256.Create(2L, 3L, 0L, 1L)));
    }
}
