// Little-endian byte streams for the model formats. Every field is written byte by byte, so a
// file saved natively loads in the browser build and the other way round.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace lab {

class ByteWriter {
 public:
  void u8(std::uint8_t v) { out_.push_back(v); }
  void i8(std::int8_t v) { out_.push_back(static_cast<std::uint8_t>(v)); }
  void u16(std::uint16_t v);
  void u32(std::uint32_t v);
  void f32(float v);
  std::vector<std::uint8_t>& bytes() { return out_; }

 private:
  std::vector<std::uint8_t> out_;
};

// Reads what ByteWriter wrote; a read past the end throws lab::Error naming the offset and
// what was being read, never reads out of bounds.
class ByteReader {
 public:
  explicit ByteReader(const std::vector<std::uint8_t>& bytes) : in_(bytes) {}
  std::uint8_t u8(const char* what);
  std::int8_t i8(const char* what) { return static_cast<std::int8_t>(u8(what)); }
  std::uint16_t u16(const char* what);
  std::uint32_t u32(const char* what);
  float f32(const char* what);
  std::size_t offset() const { return pos_; }
  bool at_end() const { return pos_ == in_.size(); }
  [[noreturn]] void fail(const std::string& message) const;

 private:
  void need(std::size_t n, const char* what) const;
  const std::vector<std::uint8_t>& in_;
  std::size_t pos_ = 0;
};

}  // namespace lab
