// How a kernel's weights are stored: whichever of three encodings is smallest for its zeros,
// chosen per layer when the model is written, so pruning never makes a model bigger and a
// pruned int8 model keeps the savings of both.
//   dense:  every value, row-major (out x in)
//   bitmap: one bit per entry (row-major, least significant bit first; set = stored), then the
//           stored values in order: pays 1/8 byte per entry, wins from a few zeros on
//   csr:    the non-zero count (u32), out + 1 row pointers (u32), a column index (u16) and the
//           value of each non-zero: wins when most entries are zero
// Values are float32 (4 bytes) or int8 (1 byte): the break-evens differ (a float32 kernel is
// smaller as a bitmap from about 3 % zeros, an int8 one from 12.5 %; csr overtakes the bitmap
// below 1/16 of the entries stored, 1/8 for int8).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "compress/bytes.hpp"

namespace lab {

enum class WeightEncoding : std::uint8_t { Dense = 0, Bitmap = 1, Csr = 2 };

std::string encoding_name(WeightEncoding e);  // "dense", "bitmap", "csr"

// Bytes each encoding takes for an out x in kernel with `stored` non-zero values of
// `value_bytes` each (the encoding byte not counted).
std::size_t encoded_bytes(WeightEncoding e, int out, int in, long stored, std::size_t value_bytes);
WeightEncoding smallest_encoding(int out, int in, long stored, std::size_t value_bytes);

// Writes the encoding byte and the payload of the row-major out x in kernel `w`; returns the
// encoding chosen.
WeightEncoding write_weights(ByteWriter& out, const float* w, int rows, int cols);
WeightEncoding write_weights(ByteWriter& out, const std::int8_t* w, int rows, int cols);
// Fails (naming the offset) for a kernel of more entries than any model the engine writes: a
// reader allocates the kernel before its bytes prove it real.
void check_kernel_entries(const ByteReader& in, int rows, int cols);
// Reads what write_weights wrote into the row-major `w` (zeros where nothing is stored); bad
// bytes throw lab::Error naming the offset.
WeightEncoding read_weights(ByteReader& in, float* w, int rows, int cols);
WeightEncoding read_weights(ByteReader& in, std::int8_t* w, int rows, int cols);

}  // namespace lab
