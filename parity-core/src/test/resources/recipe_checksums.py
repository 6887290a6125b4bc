"""Independent computation of the TensorRecipe checksums pinned in TensorRecipeTest.

SplitMix64 (Steele, Lea, Flood 2014; the generator behind java.util.SplittableRandom) written from its
published constants, with the derivations TensorRecipe documents: u = (next >>> 11) * 2^-53,
uniform = low + (high - low) * u rounded once to the dtype, randint by rejection on (next >>> 1) % span.
Run: python3 recipe_checksums.py
"""
import struct

MASK = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + GOLDEN_GAMMA) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0 ** -53

    def bounded(self, span):
        while True:
            r = self.next() >> 1
            v = r % span
            if r - v + (span - 1) < (1 << 63):
                return v


def f32_bits(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


def f64_bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def uniform(seed, low, high, n):
    g = SplitMix64(seed)
    return [low + (high - low) * g.unit() for _ in range(n)]


def main():
    vals = uniform(42, -2.0, 3.0, 1000)
    print("uniform seed 42 [-2,3) n=1000 float32 sum of bit patterns:", sum(f32_bits(v) for v in vals))
    print("uniform seed 42 [-2,3) n=1000 float64 sum of bit patterns mod 2^64:", sum(f64_bits(v) for v in vals) & MASK)
    print("first three float64:", [repr(v) for v in vals[:3]])
    g = SplitMix64(7)
    labels = [g.bounded(10) for _ in range(1000)]
    print("randint seed 7 [0,10) n=1000 sum:", sum(labels), "weighted sum:", sum(i * l for i, l in enumerate(labels)))
    print("first ten labels:", labels[:10])
    g = SplitMix64(-3)
    print("seed -3 first next() as signed:", (lambda z: z - (1 << 64) if z >= (1 << 63) else z)(g.next()))


main()
