#include "core/utf8.hpp"

namespace lab {

std::size_t utf8_sequence_length(const std::string& s, std::size_t i) {
  const auto byte = [&s](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  // The lead byte fixes the length and the range of the second byte (Unicode 15, table 3-7).
  std::size_t len = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (c >= 0xC2 && c <= 0xDF)
    len = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else
    return 0;
  if (i + len > s.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return len;
}

std::size_t first_invalid_utf8(const std::string& s, std::size_t from) {
  for (std::size_t i = from; i < s.size();) {
    const std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string::npos;
}

std::string valid_utf8(const std::string& s) {
  std::string out;
  std::size_t start = 0;
  while (start < s.size()) {
    const std::size_t bad = first_invalid_utf8(s, start);
    if (bad == std::string::npos) {
      out.append(s, start, std::string::npos);
      break;
    }
    out.append(s, start, bad - start);
    out += "\xEF\xBF\xBD";
    start = bad + 1;
  }
  return out;
}

}  // namespace lab
