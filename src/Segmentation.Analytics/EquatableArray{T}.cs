using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Analytics;

/// <summary>
/// A read-only array with value semantics: two instances are equal when they hold equal elements in the same order
/// (<see cref="EqualityComparer{T}.Default"/>, so NaN equals NaN), and the hash code follows the elements. Fitted models
/// hold their learned vectors in it, so a model record compares by value and nobody can change a model after fitting.
/// </summary>
/// <remarks>
/// Built by copying (<see cref="EquatableArray.Create{T}(ReadOnlySpan{T})"/>, the implicit conversion from <c>T[]</c>, a
/// collection expression); the elements are never exposed writable. Hot loops read <see cref="AsSpan"/>, not a copy.
/// Serialised by <see cref="ModelJson"/> (and any <c>System.Text.Json</c> options) exactly as a <c>T[]</c>: a JSON array
/// of the elements, so model files written from arrays keep their bytes.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
[JsonConverter(typeof(EquatableArrayJsonConverter))]
[CollectionBuilder(typeof(EquatableArray), nameof(EquatableArray.Create))]
public sealed class EquatableArray<T> : IReadOnlyList<T>, IEquatable<EquatableArray<T>>
{
    private readonly T[] items;

    private EquatableArray(T[] items) => this.items = items;

    /// <summary>The array with no elements.</summary>
    public static EquatableArray<T> Empty { get; } = new([]);

    /// <summary>Number of elements.</summary>
    public int Length => items.Length;

    /// <summary>Number of elements (<see cref="IReadOnlyCollection{T}"/>).</summary>
    public int Count => items.Length;

    /// <summary>The element at <paramref name="index"/>.</summary>
    /// <exception cref="IndexOutOfRangeException">The index is outside 0..Length − 1.</exception>
    public T this[int index] => items[index];

    /// <summary>The elements as a read-only span (no copy).</summary>
    public ReadOnlySpan<T> AsSpan() => items;

    /// <summary>A writable copy of the elements.</summary>
    public T[] ToArray() => (T[])items.Clone();

    /// <summary>Copies the elements to <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="Length"/>.</exception>
    public void CopyTo(Span<T> destination) => items.CopyTo(destination);

    /// <summary>Takes ownership of <paramref name="items"/> without copying: the caller must not keep or change it.</summary>
    internal static EquatableArray<T> Own(T[] items) => items.Length == 0 ? Empty : new(items);

    /// <summary>A copy of <paramref name="array"/>, or null for null.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(array))]
    public static implicit operator EquatableArray<T>?(T[]? array) => array is null ? null : EquatableArray.Create<T>(array);

    /// <summary>Element-wise equality.</summary>
    public static bool operator ==(EquatableArray<T>? left, EquatableArray<T>? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Element-wise inequality.</summary>
    public static bool operator !=(EquatableArray<T>? left, EquatableArray<T>? right) => !(left == right);

    /// <summary>True when <paramref name="other"/> holds equal elements in the same order.</summary>
    public bool Equals(EquatableArray<T>? other) =>
        other is not null && (ReferenceEquals(items, other.items) || items.AsSpan().SequenceEqual(other.items, EqualityComparer<T>.Default));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <summary>A hash of the elements (equal arrays hash alike).</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(items.Length);
        foreach (var item in items) hash.Add(item);
        return hash.ToHashCode();
    }

    /// <summary>The elements in brackets, comma-separated (invariant culture).</summary>
    public override string ToString() =>
        "[" + string.Join(", ", items.Select(x => x is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : x?.ToString())) + "]";

    /// <summary>An enumerator over the elements (no allocation in <c>foreach</c>).</summary>
    public Enumerator GetEnumerator() => new(items);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    /// <summary>Enumerates the elements in order.</summary>
    public struct Enumerator
    {
        private readonly T[] items;
        private int index;

        internal Enumerator(T[] items)
        {
            this.items = items;
            index = -1;
        }

        /// <summary>The current element.</summary>
        public readonly T Current => items[index];

        /// <summary>Moves to the next element; false after the last.</summary>
        public bool MoveNext() => ++index < items.Length;
    }
}
