#include "compress/half.hpp"

#include <cstring>

namespace lab {
namespace {

std::uint32_t bits_of(float f) {
  std::uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

float float_of(std::uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

// Drops the low `shift` bits of `value`, rounding to nearest with ties to even.
std::uint32_t shift_round_even(std::uint32_t value, std::uint32_t shift) {
  const std::uint32_t kept = value >> shift;
  const std::uint32_t rest = value & ((1u << shift) - 1);
  const std::uint32_t half = 1u << (shift - 1);
  return kept + ((rest > half || (rest == half && (kept & 1u))) ? 1u : 0u);
}

}  // namespace

std::uint16_t float_to_half(float value) {
  const std::uint32_t x = bits_of(value);
  const auto sign = static_cast<std::uint16_t>((x >> 16) & 0x8000u);
  const std::uint32_t magnitude = x & 0x7FFFFFFFu;
  if (magnitude > 0x7F800000u)  // NaN: keep it a (quiet) NaN with the payload's top bits
    return static_cast<std::uint16_t>(sign | 0x7E00u | ((magnitude >> 13) & 0x3FFu));
  if (magnitude >= 0x477FF000u)  // >= 65520, the midpoint above 65504, rounds (to even) to infinity
    return static_cast<std::uint16_t>(sign | 0x7C00u);
  const std::uint32_t exponent = magnitude >> 23;
  if (exponent < 113) {               // below 2^-14: a half subnormal, in units of 2^-24
    if (exponent < 102) return sign;  // below 2^-25: rounds to zero
    const std::uint32_t significand = (magnitude & 0x7FFFFFu) | 0x800000u;
    // A carry into bit 10 correctly yields the smallest normal half (0x0400).
    return static_cast<std::uint16_t>(sign | shift_round_even(significand, 126 - exponent));
  }
  // Normal: rebias the exponent (127 -> 15) and round the significand from 23 to 10 bits; a
  // carry out of the significand correctly increments the exponent.
  const std::uint32_t rebased = ((exponent - 112) << 23) | (magnitude & 0x7FFFFFu);
  return static_cast<std::uint16_t>(sign | shift_round_even(rebased, 13));
}

float half_to_float(std::uint16_t half) {
  const std::uint32_t sign = static_cast<std::uint32_t>(half & 0x8000u) << 16;
  std::uint32_t exponent = (half >> 10) & 0x1Fu;
  std::uint32_t mantissa = half & 0x3FFu;
  if (exponent == 0x1F) return float_of(sign | 0x7F800000u | (mantissa << 13));
  if (exponent == 0) {
    if (mantissa == 0) return float_of(sign);
    // Subnormal half: normalize (every half subnormal is a normal float).
    exponent = 1;
    while (!(mantissa & 0x400u)) {
      mantissa <<= 1;
      --exponent;
    }
    mantissa &= 0x3FFu;
  }
  return float_of(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

}  // namespace lab
