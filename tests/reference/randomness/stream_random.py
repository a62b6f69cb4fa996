"""Reference draws of Segmentation.Analytics.Randomness.StreamRandom, from an independent implementation of the same
construction (SplitMix64 key mixing into xoshiro256** state; Blackman & Vigna 2018, Steele et al. 2014) in plain Python
integers. The literals in tests/Segmentation.Analytics.Tests/Randomness/StreamRandomTests.cs come from this script.
Run: /usr/bin/python3 tests/reference/randomness/stream_random.py"""
import math

M = (1 << 64) - 1


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


class StreamRandom:
    def __init__(self, seed, a=0, b=0, c=0):
        x = mix(seed ^ mix(((a + 0x632BE59BD9B4E019) & M) ^ mix(((b + 0x8CB92BA72F3D8DD7) & M) ^ mix((c + 0x9E3779B97F4A7C15) & M))))
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & M
            self.s.append(mix(x))

    def next_uint64(self):
        s0, s1, s2, s3 = self.s
        result = (rotl((s1 * 5) & M, 7) * 9) & M
        t = (s1 << 17) & M
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def next_double(self):
        return (self.next_uint64() >> 11) * (1.0 / 9007199254740992.0)

    def next_int(self, n):
        return (self.next_uint64() * n) >> 64

    def normal(self):
        u1 = 1.0 - self.next_double()
        u2 = self.next_double()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def int_seed(seed):
    """The int-seed constructor: the 32-bit seed sign-extended to 64 bits."""
    return seed & M


r = StreamRandom(int_seed(42))
print("seed 42, stream 0: NextUInt64 x3 =", ", ".join(f"0x{r.next_uint64():016X}UL" for _ in range(3)))
r = StreamRandom(int_seed(42))
print("seed 42, stream 0: NextDouble x2 =", ", ".join(repr(r.next_double()) for _ in range(2)))
r = StreamRandom(int_seed(-1), 7)
print("seed -1, stream 7: NextInt(10) x8 =", ", ".join(str(r.next_int(10)) for _ in range(8)))
r = StreamRandom(int_seed(42))
print("seed 42, stream 0: NextInt(1000003) x3 =", ", ".join(str(r.next_int(1000003)) for _ in range(3)))
r = StreamRandom(20261, 5, 3, 2)
print("keys (20261, 5, 3, 2): Normal x2 =", ", ".join(repr(r.normal()) for _ in range(2)))
