// libFuzzer harness: the CSV reader and the typed-column step on arbitrary bytes. Any input
// must parse or throw lab::Error; crashes, hangs, leaks and undefined behaviour are findings,
// and so is a broken promise: every cell valid UTF-8 (results are JSON), every number read
// exactly as strtod reads it (the reader has a fast path).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/utf8.hpp"
#include "data/csv.hpp"
#include "data/table.hpp"
#include "lab/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    lab::CsvTable t = lab::parse_csv(text, "fuzz.csv");
    for (const auto& name : t.header)
      if (lab::first_invalid_utf8(name) != std::string::npos) __builtin_trap();
    for (std::size_t r = 0; r < t.rows(); ++r)
      for (std::size_t c = 0; c < t.columns(); ++c) {
        const auto cell = t.cell(r, c);
        if (cell && lab::first_invalid_utf8(std::string(*cell)) != std::string::npos) __builtin_trap();
      }
    lab::Frame frame = lab::make_frame(t, t.header, "fuzz.csv");
    for (std::size_t c = 0; c < frame.columns.size(); ++c) {
      if (!frame.columns[c].numeric) continue;
      for (std::size_t r = 0; r < frame.rows(); ++r) {
        const auto cell = t.cell(r, c);
        if (!cell) continue;
        const double expected = std::strtod(std::string(*cell).c_str(), nullptr);
        const double got = frame.columns[c].number[r];
        if (std::memcmp(&expected, &got, sizeof got) != 0) __builtin_trap();
      }
    }
  } catch (const lab::Error&) {
  }
  return 0;
}
