// IEEE 754 binary16 ("float16") conversion, written out rather than taken from the compiler:
// _Float16 is not available on every target this engine builds for, and the storage format
// must round the same way everywhere. float -> half rounds to nearest, ties to even; values at
// or above 65520 become infinity, tiny values become subnormals or signed zero, NaN stays NaN.
// half -> float is exact.
#pragma once
#include <cstdint>

namespace lab {

std::uint16_t float_to_half(float value);
float half_to_float(std::uint16_t half);

}  // namespace lab
