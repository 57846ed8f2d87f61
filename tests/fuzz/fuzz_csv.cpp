// libFuzzer harness: the CSV reader on arbitrary bytes. Any input must parse or throw
// lab::Error; crashes, hangs, leaks and undefined behaviour are findings.
#include <cstddef>
#include <cstdint>
#include <string>

#include "data/csv.hpp"
#include "lab/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    lab::CsvTable t = lab::parse_csv(text, "fuzz.csv");
    for (const auto& row : t.rows)
      if (row.size() != t.header.size()) __builtin_trap();  // the reader's own promise
  } catch (const lab::Error&) {
  }
  return 0;
}
