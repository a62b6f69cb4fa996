using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// Hamerly's per-row bounds, stored so that a centre update touches k numbers instead of n rows.
/// </summary>
/// <remarks>
/// Hamerly (2010) keeps u(i) ≥ ‖x_i − c_a‖ (a = label of row i) and l(i) ≤ min_{j≠a} ‖x_i − c_j‖, and after every
/// update moves them: u += ‖Δc_a‖, l −= max_j ‖Δc_j‖. Here the moves are folded into two running totals, the drift
/// D_j = Σ‖Δc_j‖ of each centre and the fall P = Σ max_j‖Δc_j‖, and row i stores u(i) − D_a and l(i) + P from the
/// last time it was tightened; the current bounds are stored + D_a and stored − P. The result is the same bound
/// as moving every row every iteration (up to rounding, covered by <see cref="Slack"/>), but rows whose bound
/// test passes are only read. (The fall uses the largest shift for every row. Hamerly's refinement, the second
/// largest for the rows of the fastest centre, would need a per-centre fall and one more lookup per row; measured on
/// 1 M × 8, k = 8, it cost more than the rescans it saved.)
/// The stored values are single precision rounded outwards (up for u, down for l), so they stay valid
/// bounds at half the memory traffic; every distance that decides a label is computed in double precision,
/// so labels, centres and inertia are exactly those of a plain Lloyd pass.
/// </remarks>
internal sealed class HamerlyBounds(int rows, int clusters)
{
    /// <summary>Relative margin of the bound test: covers the rounding of the running totals (≈ 1e-16 × number of iterations).</summary>
    public const double Slack = 1 + 1e-12;

    /// <summary>u(i) − D_{label(i)}, rounded up.</summary>
    public readonly float[] Upper = GC.AllocateUninitializedArray<float>(rows); // the first pass writes every row

    /// <summary>l(i) + P, rounded down.</summary>
    public readonly float[] Lower = GC.AllocateUninitializedArray<float>(rows);

    /// <summary>D_j: total distance centre j has moved.</summary>
    public readonly double[] Drift = new double[clusters];

    /// <summary>P: total of the largest centre move of every update.</summary>
    public double Fall { get; private set; }

    /// <summary>Records one centre update with per-centre moves ‖Δc_j‖.</summary>
    public void Move(double[] shift)
    {
        double largest = 0;
        for (int j = 0; j < shift.Length; j++)
        {
            Drift[j] += shift[j];
            if (shift[j] > largest) largest = shift[j];
        }
        Fall += largest;
    }

    // A float is within half an ulp ≤ 2^-24·|v| of the double it comes from, so pushing v out by 2^-22·|v| (plus a
    // little for subnormals) before the conversion makes the rounding land on the right side without a branch.
    private const double Outward = 1.0 / (1 << 22);
    private const double Tiny = 1e-37;

    /// <summary>
    /// Stores the bounds of row i from its squared distances to the nearest and the second-nearest centre: u = √nearest
    /// (label a, so u − D_a is stored, rounded up) and l = √second (l + P stored, rounded down). Both in one SIMD register.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(int i, double nearest, double second, double driftOfLabel, double fall)
    {
        if (Vector128.IsHardwareAccelerated)
        {
            var v = Vector128.Sqrt(Vector128.Create(nearest, second)) + Vector128.Create(-driftOfLabel, fall);
            var push = Vector128.Abs(v) * Outward + Vector128.Create(Tiny);
            v = Vector128.Min(v + push * Vector128.Create(1.0, -1.0), Vector128.Create(double.PositiveInfinity, float.MaxValue));
            var f = Vector128.Narrow(v, v);
            Upper[i] = f.ToScalar();
            Lower[i] = f.GetElement(1);
            return;
        }
        Upper[i] = Up(Math.Sqrt(nearest) - driftOfLabel);
        Lower[i] = Down(Math.Sqrt(second) + fall);
    }

    /// <summary>A float ≥ v (v a finite double below float.MaxValue), at most a few ulps above it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Up(double v) => (float)(v + Math.Abs(v) * Outward + Tiny);

    /// <summary>A float ≤ v, at most a few ulps below it (−∞ when v is below −float.MaxValue; never above v).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Down(double v) => (float)Math.Min(v - Math.Abs(v) * Outward - Tiny, float.MaxValue);
}
