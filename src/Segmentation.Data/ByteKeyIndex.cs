using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Segmentation.Data;

/// <summary>
/// Dense numbers (0, 1, 2, … in order of first sight) for byte strings — the UTF-8 bytes of ids read from Arrow batches —
/// without a .NET string per lookup: open addressing with linear probing, keys of up to 16 bytes compared in the slot itself
/// (one cache line per lookup), every key's bytes kept once in an arena.
/// </summary>
internal sealed class ByteKeyIndex
{
    private struct Slot
    {
        public ulong K0, K1;
        public int Length, Entry;
    }

    /// <summary>A key's two words (its bytes, or a hash of a long key) and its slot hash.</summary>
    internal readonly record struct KeyHash(ulong K0, ulong K1, ulong Slot);

    private Slot[] slots;
    private byte[] arena = new byte[4096];
    private int[] starts;
    private int arenaLength;

    /// <summary>An index sized for about <paramref name="expected"/> keys (it grows as needed).</summary>
    public ByteKeyIndex(int expected)
    {
        int capacity = Math.Max(expected, 256);
        slots = new Slot[BitOperations.RoundUpToPowerOf2((uint)capacity * 2)];
        starts = new int[capacity + 1];
    }

    /// <summary>Keys seen so far.</summary>
    public int Count { get; private set; }

    /// <summary>The number of <paramref name="key"/>, a new one (= the count before) when it was not seen yet.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key) => GetOrAdd(key, Hash(key));

    /// <summary>The slot hash of <paramref name="key"/> (for <see cref="Prefetch"/> and <see cref="GetOrAdd(ReadOnlySpan{byte}, in KeyHash)"/>).</summary>
    public static KeyHash Hash(ReadOnlySpan<byte> key)
    {
        var (k0, k1) = Words(key);
        return new KeyHash(k0, k1, Mix(k0, k1, key.Length));
    }

    /// <summary>Asks the processor to fetch the slot where a key of hash <paramref name="hash"/> starts its probe (a lookup soon after then
    /// finds it in cache: the table of a million keys is far larger than the caches).</summary>
    public unsafe void Prefetch(in KeyHash hash)
    {
        if (!Sse.IsSupported) return;
        // A stale address after the table grew or moved is harmless: a prefetch never faults.
        ref var first = ref MemoryMarshal.GetArrayDataReference(slots);
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref first, (int)hash.Slot & (slots.Length - 1))));
    }

    /// <summary>The number of <paramref name="key"/> whose hash is <paramref name="hash"/>.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key, in KeyHash hash)
    {
        int found = Probe(key, hash, out int slot);
        if (found >= 0) return found;
        int number = Count;
        if (number + 1 >= starts.Length) Array.Resize(ref starts, starts.Length * 2);
        if (arenaLength + key.Length > arena.Length) Array.Resize(ref arena, Math.Max(arena.Length * 2, arenaLength + key.Length));
        key.CopyTo(arena.AsSpan(arenaLength));
        starts[number] = arenaLength;
        arenaLength += key.Length;
        starts[number + 1] = arenaLength;
        slots[slot] = new Slot { K0 = hash.K0, K1 = hash.K1, Length = key.Length, Entry = number + 1 };
        Count = number + 1;
        if (Count * 2 > slots.Length) Rehash();
        return number;
    }

    /// <summary>The number of <paramref name="key"/> whose hash is <paramref name="hash"/>; −1 when it was not seen.</summary>
    public int Find(ReadOnlySpan<byte> key, in KeyHash hash) => Probe(key, hash, out _);

    // The number of the key, or −1 with slot at the empty slot where it goes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Probe(ReadOnlySpan<byte> key, in KeyHash hash, out int slot)
    {
        ulong k0 = hash.K0, k1 = hash.K1;
        int mask = slots.Length - 1;
        slot = (int)hash.Slot & mask;
        while (true)
        {
            ref var s = ref slots[slot];
            if (s.Entry == 0) return -1;
            if (s.K0 == k0 && s.K1 == k1 && s.Length == key.Length && (key.Length <= 16 || key.SequenceEqual(Key(s.Entry - 1))))
                return s.Entry - 1;
            slot = (slot + 1) & mask;
        }
    }

    /// <summary>The bytes of key number <paramref name="number"/>.</summary>
    public ReadOnlySpan<byte> Key(int number) => arena.AsSpan(starts[number], starts[number + 1] - starts[number]);

    /// <summary>The key numbers in ordinal (byte-wise, a prefix first) order of their keys — the order of SQL's binary collation.</summary>
    public int[] OrdinalOrder()
    {
        var order = new int[Count];
        var heads = new UInt128[Count];
        Span<byte> head = stackalloc byte[16];
        for (int i = 0; i < Count; i++)
        {
            order[i] = i;
            // The first 16 bytes big-endian, zero-padded: ordered like the keys' bytes up to ties (equal heads), which the bytes break.
            head.Clear();
            var key = Key(i);
            key[..Math.Min(16, key.Length)].CopyTo(head);
            heads[i] = BinaryPrimitives.ReadUInt128BigEndian(head);
        }
        Array.Sort(heads, order);
        for (int i = 0; i < Count;)
        {
            int j = i + 1;
            while (j < Count && heads[j] == heads[i]) j++;
            if (j - i > 1) Array.Sort(order, i, j - i, Comparer<int>.Create((x, y) => Key(x).SequenceCompareTo(Key(y))));
            i = j;
        }
        return order;
    }

    // A key of up to 16 bytes as two little-endian words, zero-padded; a longer one as its hash (the slot then compares the arena's bytes).
    private static (ulong K0, ulong K1) Words(ReadOnlySpan<byte> key)
    {
        int length = key.Length;
        if (length > 16) return (LongHash(key), 0);
        if (length >= 8)
        {
            ulong k0 = BinaryPrimitives.ReadUInt64LittleEndian(key);
            // Bytes 8 … length - 1: the last eight bytes read at once, shifted down past those already in k0.
            ulong k1 = length == 8 ? 0 : BinaryPrimitives.ReadUInt64LittleEndian(key[(length - 8)..]) >> (8 * (16 - length));
            return (k0, k1);
        }
        ulong k = 0;
        for (int i = 0; i < length; i++) k |= (ulong)key[i] << (8 * i);
        return (k, 0);
    }

    private void Rehash()
    {
        var old = slots;
        slots = new Slot[old.Length * 2];
        int mask = slots.Length - 1;
        foreach (var s in old)
        {
            if (s.Entry == 0) continue;
            int slot = (int)Mix(s.K0, s.K1, s.Length) & mask;
            while (slots[slot].Entry != 0) slot = (slot + 1) & mask;
            slots[slot] = s;
        }
    }

    // splitmix64's finaliser over the (padded) key words and the length.
    private static ulong Mix(ulong k0, ulong k1, int length)
    {
        ulong h = (k0 * 0x9E3779B97F4A7C15UL) ^ (k1 * 0xBF58476D1CE4E5B9UL) ^ (ulong)length;
        h = (h ^ (h >> 31)) * 0x94D049BB133111EBUL;
        return h ^ (h >> 29);
    }

    // Keys longer than 16 bytes: 8 bytes at a time, each word mixed in (the slot then compares the arena's bytes).
    private static ulong LongHash(ReadOnlySpan<byte> key)
    {
        ulong h = (ulong)key.Length;
        int i = 0;
        for (; i + 8 <= key.Length; i += 8) h = Mix(h, BinaryPrimitives.ReadUInt64LittleEndian(key[i..]), 8);
        ulong tail = 0;
        for (int shift = 0; i < key.Length; i++, shift += 8) tail |= (ulong)key[i] << shift;
        return Mix(h, tail, key.Length);
    }
}
