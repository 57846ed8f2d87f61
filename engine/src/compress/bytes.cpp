#include "compress/bytes.hpp"

#include <cstring>

#include "lab/error.hpp"

namespace lab {

void ByteWriter::u16(std::uint16_t v) {
  out_.push_back(static_cast<std::uint8_t>(v & 0xFF));
  out_.push_back(static_cast<std::uint8_t>(v >> 8));
}

void ByteWriter::u32(std::uint32_t v) {
  for (int shift = 0; shift < 32; shift += 8) out_.push_back(static_cast<std::uint8_t>((v >> shift) & 0xFF));
}

void ByteWriter::f32(float v) {
  std::uint32_t u;
  std::memcpy(&u, &v, sizeof u);
  u32(u);
}

void ByteReader::fail(const std::string& message) const {
  throw Error(Location{}, "serialized model, byte " + std::to_string(pos_) + ": " + message);
}

void ByteReader::need(std::size_t n, const char* what) const {
  if (in_.size() - pos_ < n) fail(std::string("truncated while reading ") + what);
}

std::uint8_t ByteReader::u8(const char* what) {
  need(1, what);
  return in_[pos_++];
}

std::uint16_t ByteReader::u16(const char* what) {
  need(2, what);
  const auto v = static_cast<std::uint16_t>(in_[pos_] | (in_[pos_ + 1] << 8));
  pos_ += 2;
  return v;
}

std::uint32_t ByteReader::u32(const char* what) {
  need(4, what);
  std::uint32_t v = 0;
  for (int k = 3; k >= 0; --k) v = (v << 8) | in_[pos_ + static_cast<std::size_t>(k)];
  pos_ += 4;
  return v;
}

float ByteReader::f32(const char* what) {
  const std::uint32_t u = u32(what);
  float v;
  std::memcpy(&v, &u, sizeof v);
  return v;
}

}  // namespace lab
