using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Segmentation.Analytics.Segmenting;

/// <summary>Squared Euclidean distances between rows of contiguous row-major arrays (SIMD where available).</summary>
/// <remarks>
/// The summation order is fixed for a given dimension count (4-lane partial sums, then the scalar tail), so
/// the same inputs give the same bits on the same machine, whatever the thread that computes them.
/// </remarks>
internal static class SquaredEuclidean
{
    /// <summary>‖a − b‖² over <paramref name="dims"/> coordinates starting at the two references.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Distance(ref double a, ref double b, int dims)
    {
        int i = 0;
        double s = 0;
        if (Vector256.IsHardwareAccelerated && dims >= 4)
        {
            var acc = Vector256<double>.Zero;
            for (; i <= dims - 4; i += 4)
            {
                var diff = Vector256.LoadUnsafe(ref a, (nuint)i) - Vector256.LoadUnsafe(ref b, (nuint)i);
                acc += diff * diff;
            }
            s = Vector256.Sum(acc);
        }
        for (; i < dims; i++)
        {
            double t = Unsafe.Add(ref a, i) - Unsafe.Add(ref b, i);
            s += t * t;
        }
        return s;
    }

    /// <summary>‖a − b‖² of two spans of equal length.</summary>
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        Distance(ref Unsafe.AsRef(in a[0]), ref Unsafe.AsRef(in b[0]), a.Length);

    /// <summary>
    /// Index of the nearest centre (lowest index on ties) of the row at <paramref name="row"/>, with its squared distance.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Nearest(ref double row, double[] centres, int clusters, int dims, out double distance)
    {
        ref double c0 = ref centres[0];
        int best = 0;
        double bestD = Distance(ref row, ref c0, dims);
        for (int j = 1; j < clusters; j++)
        {
            double dj = Distance(ref row, ref Unsafe.Add(ref c0, j * dims), dims);
            if (dj < bestD) { bestD = dj; best = j; }
        }
        distance = bestD;
        return best;
    }
}
