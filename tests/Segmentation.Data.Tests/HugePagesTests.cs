namespace Segmentation.Data.Tests;

/// <summary>
/// <see cref="HugePages"/> hands out ordinary, usable arrays whatever the kernel does with the advice: every element written is
/// read back, <see cref="HugePages.Resize{T}"/> keeps the old elements, and arrays below the threshold or above it behave alike.
/// </summary>
public sealed class HugePagesTests
{
    [Theory]
    [InlineData(1_000)]          // 8 kB: an ordinary array
    [InlineData(3_000_001)]      // 24 MB, not a multiple of a huge page: advised where offered
    public void Every_element_written_is_read_back(int length)
    {
        var array = HugePages.NewArray<long>(length);
        Assert.Equal(length, array.Length);
        for (int i = 0; i < array.Length; i++) array[i] = i * 7L - 3;
        long sum = 0;
        for (int i = 0; i < array.Length; i++) sum += array[i] - (i * 7L - 3);
        Assert.Equal(0, sum);
        Assert.Equal(length * 7L - 10, array[^1]);
    }

    [Fact]
    public void A_zeroed_array_is_zero_even_where_memory_was_used_before()
    {
        var used = HugePages.NewArray<long>(2_000_000);
        used.AsSpan().Fill(-1);
        used = null;
        GC.Collect();
        var zeroed = HugePages.NewZeroedArray<long>(2_000_000);
        Assert.True(zeroed.AsSpan().IndexOfAnyExcept(0L) < 0);
    }

    [Fact]
    public void Resize_keeps_the_old_elements_in_place()
    {
        var array = HugePages.NewArray<int>(1_500_000);
        for (int i = 0; i < array.Length; i++) array[i] = i ^ 0x5A5A;
        var before = array;
        HugePages.Resize(ref array, 4_000_000);
        Assert.NotSame(before, array);
        Assert.Equal(4_000_000, array.Length);
        for (int i = 0; i < 1_500_000; i++) Assert.Equal(i ^ 0x5A5A, array[i]);
        array.AsSpan(1_500_000).Fill(-1);
        Assert.Equal(-1, array[^1]);

        HugePages.Resize(ref array, 10);   // shrinking keeps the prefix too
        Assert.Equal(new[] { 0 ^ 0x5A5A, 1 ^ 0x5A5A, 2 ^ 0x5A5A }, array[..3]);
        Assert.Equal(10, array.Length);
    }
}
