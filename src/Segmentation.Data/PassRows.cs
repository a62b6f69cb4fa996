using Apache.Arrow;

namespace Segmentation.Data;

/// <summary>
/// The rules the in-process passes over the transactions (<see cref="CustomerAggregatePass"/>, <see cref="CustomerMonthPass"/>) share
/// to read a row exactly as the SQL reads it: money as DECIMAL(18, 2) cents, a timestamp's day, the limits beyond which the SQL
/// answers, and the lookup of a batch's ids.
/// </summary>
internal static class PassRows
{
    private const long MicrosPerDay = 86_400_000_000L;
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly long MinMicros = (DateTime.MinValue.Ticks - EpochTicks) / 10;
    private static readonly long MaxMicros = (DateTime.MaxValue.Ticks - EpochTicks) / 10;

    /// <summary>Amounts and costs from here on are left to the SQL: their cents stay far inside 64 bits and exact in a double.</summary>
    private const double MoneyLimit = 1e13;

    /// <summary>True for an amount or cost the passes take (NaN and ±∞ are not).</summary>
    public static bool IsMoney(double value) => Math.Abs(value) < MoneyLimit;

    /// <summary>The value as DECIMAL(18, 2), in whole cents: round half away from zero (checked against DuckDB's cast on 13 M values).</summary>
    public static long Cents(double value) => (long)Math.Round(value * 100, MidpointRounding.AwayFromZero);

    /// <summary>True for a timestamp (µs since 1970) inside .NET's range.</summary>
    public static bool IsTime(long micros) => micros >= MinMicros && micros <= MaxMicros;

    /// <summary>1970-01-01 as a <see cref="DateOnly.DayNumber"/>: a pass's day d (since 1970) is <c>DateOnly.FromDayNumber(EpochDay + d)</c>.</summary>
    public static readonly int EpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>CAST(timestamp AS DATE): the day since 1970, rounded down (before 1970 too).</summary>
    public static long Day(long micros) => micros / MicrosPerDay - (micros % MicrosPerDay < 0 ? 1 : 0);

    /// <summary>A session with a default collation, which makes the SQL compare text by it, not by bytes: left to the SQL.</summary>
    public static bool HasDefaultCollation(DataWorkspace ws) => ws.Scalar<string>("SELECT current_setting('default_collation')") is { Length: > 0 };

    /// <summary>
    /// The number of each id of <paramref name="id"/> in <paramref name="ids"/> (added when <paramref name="add"/>, else −1 for an id
    /// not there or NULL), into <paramref name="numbers"/>: the hashes first, then the lookups with the slot of a row a few ahead
    /// prefetched, so that the cache misses of a million-key table overlap.
    /// </summary>
    public static void Number(StringArray id, ByteKeyIndex ids, bool add, ByteKeyIndex.KeyHash[] hashes, int[] numbers)
    {
        int n = id.Length;
        var offsets = id.ValueOffsets;
        var bytes = id.ValueBuffer.Span;
        for (int i = 0; i < n; i++) hashes[i] = ByteKeyIndex.Hash(bytes[offsets[i]..offsets[i + 1]]);
        const int Ahead = 12;
        bool nulls = id.NullCount > 0;
        for (int i = 0; i < n; i++)
        {
            if (i + Ahead < n) ids.Prefetch(hashes[i + Ahead]);
            var key = bytes[offsets[i]..offsets[i + 1]];
            numbers[i] = nulls && id.IsNull(i) ? -1 : add ? ids.GetOrAdd(key, hashes[i]) : ids.Find(key, hashes[i]);
        }
    }
}
