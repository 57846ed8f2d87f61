// exp(-|z|) over a buffer, two lanes at a time: the logistic fit's one transcendental per row
// and iteration (13 % of a 100k-row path in wasm, where std::exp is musl's scalar routine).
// One routine for every build also makes native and wasm fits agree to the last bit (glibc's
// and musl's exp may differ by an ulp).
//
// Method: x = max(-|z|, -746) (below, exp underflows to zero); k = round(x / ln 2) by the
// 1.5 * 2^52 shift; r = x - k ln 2 with ln 2 split in two (Cody-Waite: k * kLn2Hi is exact),
// |r| <= ln(2) / 2; exp(r) by its Taylor polynomial to r^13 (truncation < 2e-17 relative);
// then times 2^k as two powers of two, so results down to the subnormals are rounded once.
// Within 2 ulp of the exact value (tested against std::exp); no fused multiply-add in any build.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <Eigen/Core>

#include "kernels/simd.hpp"

namespace lab::kernels {
namespace exp_detail {

// Unsigned: exponent arithmetic on any input (even NaN) wraps instead of overflowing.
using u64x2 = std::uint64_t __attribute__((vector_size(16)));

constexpr double kLog2e = 1.4426950408889634;
constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 32 significant bits
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kShift = 6755399441055744.0;  // 1.5 * 2^52: x + kShift rounds x to an integer
constexpr double kFloor = -746.0;
constexpr std::uint64_t kShiftBits = 0x4338000000000000;
constexpr std::uint64_t kExponentBias = 1023;

// 1 / i! for i = 13 down to 2.
constexpr double kInverseFactorial[] = {1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0,
                                        1.0 / 362880.0,     1.0 / 40320.0,     1.0 / 5040.0,     1.0 / 720.0,
                                        1.0 / 120.0,        1.0 / 24.0,        1.0 / 6.0,        0.5};

inline std::uint64_t bits_of(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}
inline double double_of(std::uint64_t b) {
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}
inline u64x2 bits_of(f64x2 x) { return reinterpret_cast<u64x2>(x); }
inline f64x2 double_of(u64x2 b) { return reinterpret_cast<f64x2>(b); }

// The same steps on a double or on two lanes, so the vector loop and its scalar tail agree.
template <typename V>
inline V exp_nonpositive(V x) {
  const V t = x * kLog2e + kShift;
  const V k = t - kShift;
  const V r = (x - k * kLn2Hi) - k * kLn2Lo;
  V p = r * kInverseFactorial[0] + kInverseFactorial[1];
  for (int i = 2; i < 12; ++i) p = p * r + kInverseFactorial[i];
  p = (p * r + 1.0) * r + 1.0;
  // 2^k as 2^k1 * 2^k2 with k1 = round(k / 2): both within the normal exponents.
  const V k1 = (k * 0.5 + kShift) - kShift;
  const V k2 = k - k1;
  const V scale1 = double_of((bits_of(k1 + kShift) - kShiftBits + kExponentBias) << 52);
  const V scale2 = double_of((bits_of(k2 + kShift) - kShiftBits + kExponentBias) << 52);
  return (p * scale1) * scale2;
}

inline double clamp_minus_abs(double z) { return std::max(-std::abs(z), kFloor); }

}  // namespace exp_detail

// e[i] = exp(-|z[i]|) for i < n.
inline void exp_minus_abs(const double* z, double* e, Eigen::Index n) {
  using namespace exp_detail;
  Eigen::Index i = 0;
  for (; i + 2 <= n; i += 2) {
    const f64x2 x{clamp_minus_abs(z[i]), clamp_minus_abs(z[i + 1])};
    store(e + i, exp_nonpositive<f64x2>(x));
  }
  for (; i < n; ++i) e[i] = exp_nonpositive<double>(clamp_minus_abs(z[i]));
}

}  // namespace lab::kernels
