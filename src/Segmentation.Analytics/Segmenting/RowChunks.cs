namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// Fixed row chunks for parallel loops. The chunk size never depends on the number of threads, and
/// partial results are kept per chunk and combined in chunk order, so floating-point sums are the same
/// with 1 thread or many.
/// </summary>
internal static class RowChunks
{
    /// <summary>Rows per chunk (a constant: changing it changes the rounding of sums, not their meaning).</summary>
    public const int Size = 4096;

    public static int Count(int rows) => (rows + Size - 1) / Size;

    public static ParallelOptions Options(int maxDegreeOfParallelism) =>
        new() { MaxDegreeOfParallelism = maxDegreeOfParallelism <= 0 ? -1 : maxDegreeOfParallelism };

    /// <summary>Runs <paramref name="body"/>(chunk, start, end) over all chunks, in parallel when there is more than one.</summary>
    public static void For(int rows, ParallelOptions options, Action<int, int, int> body)
    {
        int chunks = Count(rows);
        if (chunks <= 1 || options.MaxDegreeOfParallelism == 1)
        {
            for (int c = 0; c < chunks; c++) body(c, c * Size, Math.Min(rows, (c + 1) * Size));
            return;
        }
        Parallel.For(0, chunks, options, c => body(c, c * Size, Math.Min(rows, (c + 1) * Size)));
    }

    /// <summary>Sum of per-chunk values in chunk order.</summary>
    public static double SumInOrder(double[] perChunk)
    {
        double s = 0;
        for (int i = 0; i < perChunk.Length; i++) s += perChunk[i];
        return s;
    }
}
