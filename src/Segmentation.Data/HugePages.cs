using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Segmentation.Data;

/// <summary>
/// Large arrays read at random (a million customers' sums, touched once per transaction) backed by the kernel's transparent huge
/// pages where it offers them on request (Linux, <c>/sys/kernel/mm/transparent_hugepage/enabled</c> = <c>madvise</c>, as on Debian):
/// one 2 MB page instead of 512 small ones, so the first touch faults once per 2 MB and a random access misses the address
/// translation cache far less (on a virtual machine each miss walks two page tables).
/// </summary>
/// <remarks>The array is allocated pinned (it never moves, so the advice stays with its memory) and uninitialised; the advice is
/// given before its pages are first touched. Elsewhere, or when the kernel refuses, it is a plain array.</remarks>
internal static class HugePages
{
    private const int MadviseHugePage = 14;   // MADV_HUGEPAGE
    private const long HugePage = 2 << 20;
    private static bool unavailable = !OperatingSystem.IsLinux();

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int Madvise(nint address, nuint length, int advice);

    /// <summary>An uninitialised array of <paramref name="length"/> elements, on huge pages when it spans some and the system offers
    /// them; small arrays are ordinary ones.</summary>
    public static T[] NewArray<T>(int length) where T : unmanaged
    {
        long bytes = (long)length * Unsafe.SizeOf<T>();
        if (unavailable || bytes < 4 * HugePage) return GC.AllocateUninitializedArray<T>(length);
        var array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        unsafe
        {
            long start = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
            long from = (start + HugePage - 1) & ~(HugePage - 1), to = (start + bytes) & ~(HugePage - 1);
            try
            {
                if (to > from && Madvise((nint)from, (nuint)(to - from), MadviseHugePage) != 0) unavailable = true;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                unavailable = true;
            }
        }
        return array;
    }

    /// <summary>A <see cref="NewArray{T}"/> array with every element zero.</summary>
    public static T[] NewZeroedArray<T>(int length) where T : unmanaged
    {
        var array = NewArray<T>(length);
        array.AsSpan().Clear();
        return array;
    }

    /// <summary><see cref="Array.Resize{T}(ref T[], int)"/> into a <see cref="NewArray{T}"/> array: the elements past the old ones
    /// are not initialised (the caller writes them before reading).</summary>
    public static void Resize<T>(ref T[] array, int length) where T : unmanaged
    {
        var grown = NewArray<T>(length);
        array.AsSpan(0, Math.Min(array.Length, length)).CopyTo(grown);
        array = grown;
    }
}
