#include "compress/weight_storage.hpp"

#include <vector>

namespace lab {
namespace {

void put(ByteWriter& out, float v) { out.f32(v); }
void put(ByteWriter& out, std::int8_t v) { out.i8(v); }
void take(ByteReader& in, float& v) { v = in.f32("a weight"); }
void take(ByteReader& in, std::int8_t& v) { v = in.i8("a weight"); }

template <class T>
WeightEncoding write_kernel(ByteWriter& out, const T* w, int rows, int cols) {
  const std::size_t n = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
  long stored = 0;
  for (std::size_t i = 0; i < n; ++i) stored += w[i] != T(0);
  const WeightEncoding e = smallest_encoding(rows, cols, stored, sizeof(T));
  out.u8(static_cast<std::uint8_t>(e));
  if (e == WeightEncoding::Dense) {
    for (std::size_t i = 0; i < n; ++i) put(out, w[i]);
  } else if (e == WeightEncoding::Bitmap) {
    for (std::size_t i = 0; i < n; i += 8) {
      std::uint8_t bits = 0;
      for (std::size_t b = 0; b < 8 && i + b < n; ++b) bits |= static_cast<std::uint8_t>((w[i + b] != T(0)) << b);
      out.u8(bits);
    }
    for (std::size_t i = 0; i < n; ++i)
      if (w[i] != T(0)) put(out, w[i]);
  } else {
    out.u32(static_cast<std::uint32_t>(stored));
    std::uint32_t count = 0;
    out.u32(0);
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < cols; ++c) count += w[static_cast<std::size_t>(r) * cols + c] != T(0);
      out.u32(count);
    }
    for (std::size_t i = 0; i < n; ++i)
      if (w[i] != T(0)) out.u16(static_cast<std::uint16_t>(i % static_cast<std::size_t>(cols)));
    for (std::size_t i = 0; i < n; ++i)
      if (w[i] != T(0)) put(out, w[i]);
  }
  return e;
}

template <class T>
WeightEncoding read_kernel(ByteReader& in, T* w, int rows, int cols) {
  const std::size_t n = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
  const std::uint8_t code = in.u8("the weight encoding");
  if (code > static_cast<std::uint8_t>(WeightEncoding::Csr)) in.fail("unknown weight encoding " + std::to_string(code));
  const auto e = static_cast<WeightEncoding>(code);
  for (std::size_t i = 0; i < n; ++i) w[i] = T(0);
  if (e == WeightEncoding::Dense) {
    for (std::size_t i = 0; i < n; ++i) take(in, w[i]);
  } else if (e == WeightEncoding::Bitmap) {
    std::vector<bool> present(n);
    for (std::size_t i = 0; i < n; i += 8) {
      const std::uint8_t bits = in.u8("a presence bitmap byte");
      for (std::size_t b = 0; b < 8 && i + b < n; ++b) present[i + b] = (bits >> b) & 1u;
    }
    for (std::size_t i = 0; i < n; ++i)
      if (present[i]) take(in, w[i]);
  } else {
    const std::uint32_t stored = in.u32("the non-zero count");
    if (stored > n) in.fail("more non-zeros than kernel entries");
    std::vector<std::uint32_t> row_ptr;
    for (int r = 0; r <= rows; ++r) row_ptr.push_back(in.u32("a row pointer"));
    if (row_ptr.front() != 0 || row_ptr.back() != stored) in.fail("row pointers do not span the non-zeros");
    std::vector<std::size_t> at;
    for (int r = 0; r < rows; ++r) {
      if (row_ptr[static_cast<std::size_t>(r)] > row_ptr[static_cast<std::size_t>(r) + 1])
        in.fail("row pointers decrease");
      for (std::uint32_t k = row_ptr[static_cast<std::size_t>(r)]; k < row_ptr[static_cast<std::size_t>(r) + 1]; ++k) {
        const std::uint16_t c = in.u16("a column index");
        if (c >= cols) in.fail("a column index outside the layer");
        at.push_back(static_cast<std::size_t>(r) * cols + c);
      }
    }
    for (std::size_t k : at) take(in, w[k]);
  }
  return e;
}

}  // namespace

std::string encoding_name(WeightEncoding e) {
  switch (e) {
    case WeightEncoding::Dense:
      return "dense";
    case WeightEncoding::Bitmap:
      return "bitmap";
    case WeightEncoding::Csr:
      return "csr";
  }
  return "dense";
}

std::size_t encoded_bytes(WeightEncoding e, int out, int in, long stored, std::size_t value_bytes) {
  const std::size_t n = static_cast<std::size_t>(out) * static_cast<std::size_t>(in);
  const auto s = static_cast<std::size_t>(stored);
  switch (e) {
    case WeightEncoding::Dense:
      return n * value_bytes;
    case WeightEncoding::Bitmap:
      return (n + 7) / 8 + s * value_bytes;
    case WeightEncoding::Csr:
      return 4 + 4 * (static_cast<std::size_t>(out) + 1) + s * (2 + value_bytes);
  }
  return n * value_bytes;
}

WeightEncoding smallest_encoding(int out, int in, long stored, std::size_t value_bytes) {
  WeightEncoding best = WeightEncoding::Dense;  // ties keep the plainest encoding
  for (WeightEncoding e : {WeightEncoding::Bitmap, WeightEncoding::Csr})
    if (encoded_bytes(e, out, in, stored, value_bytes) < encoded_bytes(best, out, in, stored, value_bytes)) best = e;
  return best;
}

void check_kernel_entries(const ByteReader& in, int rows, int cols) {
  constexpr long long kMaxEntries = 1LL << 26;  // 8 layers of 1024 x 8192 is far below
  if (static_cast<long long>(rows) * cols > kMaxEntries)
    in.fail("a layer of " + std::to_string(static_cast<long long>(rows) * cols) + " weights (at most " +
            std::to_string(kMaxEntries) + ")");
}

WeightEncoding write_weights(ByteWriter& out, const float* w, int rows, int cols) {
  return write_kernel(out, w, rows, cols);
}
WeightEncoding write_weights(ByteWriter& out, const std::int8_t* w, int rows, int cols) {
  return write_kernel(out, w, rows, cols);
}
WeightEncoding read_weights(ByteReader& in, float* w, int rows, int cols) { return read_kernel(in, w, rows, cols); }
WeightEncoding read_weights(ByteReader& in, std::int8_t* w, int rows, int cols) {
  return read_kernel(in, w, rows, cols);
}

}  // namespace lab
