using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// Centres stored column-major and padded to a multiple of four, so the squared distances from one row to four centres
/// come out of one SIMD lane set without horizontal sums: acc += (C[t, j..j+3] − x_t)² over the coordinates t.
/// Padding centres sit at +∞ distance and never win.
/// </summary>
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
        Span<double> dist = padded <= 512 ? stackalloc double[padded] : new double[padded];
        All(ref row, dist);
        int best = 0;
        double bestD = dist[0];
        for (int j = 1; j < k; j++) if (dist[j] < bestD) { bestD = dist[j]; best = j; }
        distance = bestD;
        return best;
    }

    /// <summary>Nearest centre, its squared distance and the second-smallest squared distance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NearestTwo(ref double row, out double first, out double second)
    {
        Span<double> dist = padded <= 512 ? stackalloc double[padded] : new double[padded];
        All(ref row, dist);
        int best = 0;
        double d1 = double.PositiveInfinity, d2 = double.PositiveInfinity;
        for (int j = 0; j < k; j++)
        {
            double dj = dist[j];
            if (dj < d1) { d2 = d1; d1 = dj; best = j; }
            else if (dj < d2) d2 = dj;
        }
        first = d1; second = d2;
        return best;
    }

    /// <summary>Squared distances to every (padded) centre.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void All(ref double row, Span<double> result)
    {
        ref double c0 = ref transposed[0];
        if (Vector256.IsHardwareAccelerated)
        {
            for (int j = 0; j < padded; j += 4)
            {
                var acc = Vector256<double>.Zero;
                for (int t = 0; t < d; t++)
                {
                    var diff = Vector256.LoadUnsafe(ref c0, (nuint)(t * padded + j)) - Vector256.Create(Unsafe.Add(ref row, t));
                    acc += diff * diff;
                }
                acc.StoreUnsafe(ref result[j]);
            }
            return;
        }
        for (int j = 0; j < padded; j++)
        {
            double s = 0;
            for (int t = 0; t < d; t++) { double diff = Unsafe.Add(ref c0, t * padded + j) - Unsafe.Add(ref row, t); s += diff * diff; }
            result[j] = s;
        }
    }
}
