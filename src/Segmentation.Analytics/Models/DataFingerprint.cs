using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Models;

/// <summary>
/// SHA-256 fingerprint of the data a model was fitted on: the column names, then the rows in a canonical order (by
/// customer id, ordinal; input order without an id column), each numeric value as its IEEE-754 little-endian bytes
/// (missing = NaN) and each categorical value as its UTF-8 bytes with a length prefix (−1 = missing).
/// </summary>
/// <remarks>The same customers with the same values give the same fingerprint whatever the row order of the file.</remarks>
public static class DataFingerprint
{
    /// <summary>Lower-case hex SHA-256 of the named columns of <paramref name="frame"/>.</summary>
    public static string Compute(DataFrame frame, IReadOnlyList<string> numeric, IReadOnlyList<string> categorical, string idColumn)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int n = checked((int)frame.Rows.Count);
        var order = Enumerable.Range(0, n).ToArray();
        if (frame.Columns.IndexOf(idColumn) >= 0)
        {
            var ids = FrameColumns.Keys(frame, idColumn, nameof(frame), out _);
            Array.Sort(order, (a, b) => string.CompareOrdinal(ids[a], ids[b]) is var c && c != 0 ? c : a.CompareTo(b));
        }
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes("segmentation-fingerprint-v1\n" + string.Join("\n", numeric) + "\n--\n" + string.Join("\n", categorical) + "\n"));
        var numbers = numeric.Select(c => FrameColumns.Numbers(frame, c, nameof(frame))).ToArray();
        var keys = categorical.Select(c => FrameColumns.Keys(frame, c, nameof(frame), out _)).ToArray();
        Span<byte> buffer = stackalloc byte[8];
        foreach (int i in order)
        {
            foreach (var x in numbers)
            {
                BinaryPrimitives.WriteInt64LittleEndian(buffer, BitConverter.DoubleToInt64Bits(double.IsNaN(x[i]) ? double.NaN : x[i]));
                sha.AppendData(buffer);
            }
            foreach (var k in keys)
            {
                var bytes = k[i] is null ? [] : Encoding.UTF8.GetBytes(k[i]!);
                BinaryPrimitives.WriteInt32LittleEndian(buffer, k[i] is null ? -1 : bytes.Length);
                sha.AppendData(buffer[..4]);
                sha.AppendData(bytes);
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
