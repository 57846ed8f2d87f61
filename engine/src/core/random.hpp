// The project's own PRNG and sampling. std::*_distribution differ between libstdc++ (native)
// and libc++ (wasm), so every random draw that must match across builds (splits, initial
// weights, shuffles, dropout masks) goes through this header: xoshiro256** seeded by splitmix64,
// with explicit uniform, bounded-integer and Box-Muller sampling.
#pragma once
#include <cmath>
#include <cstdint>
#include <vector>

namespace lab {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto& s : state_) s = splitmix64(x);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // Uniform integer in [0, n) without modulo bias (rejection sampling).
  // The rejected draws are those at or above UINT64_MAX - UINT64_MAX % n, which is above
  // UINT64_MAX - n: that bound is computed only for a draw past it (a chance of n in 2^64), so a
  // draw costs one division, not two (a shuffle of 100k rows is 100k draws; same draws as before).
  std::uint64_t below(std::uint64_t n) {
    if (n <= 1) return 0;
    std::uint64_t x;
    do x = next();
    while (x > UINT64_MAX - n && x >= UINT64_MAX - UINT64_MAX % n);
    return x % n;
  }

  // Standard normal by Box-Muller (one value per call; the pair's second half is dropped so
  // the stream position never depends on earlier calls' parity).
  double normal() {
    double u1 = uniform();
    while (u1 <= 0.0) u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

  template <typename T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }

  // A child stream for a sub-task (fold, layer, epoch) that does not disturb this one's order.
  Rng fork(std::uint64_t salt) const { return Rng(state_[0] ^ (salt * 0x9E3779B97F4A7C15ull) ^ state_[3]); }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t state_[4];
};

}  // namespace lab
