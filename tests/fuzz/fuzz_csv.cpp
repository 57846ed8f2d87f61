// libFuzzer harness: the CSV reader and the typed-column step on arbitrary bytes. Any input
// must parse or throw lab::Error; crashes, hangs, leaks and undefined behaviour are findings,
// and so is a broken promise: every cell valid UTF-8 (results are JSON), every number read
// exactly as strtod reads it (the reader has a fast path), and read_frame, which reads the text
// straight into typed columns, agreeing with the two steps it replaces.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "data/csv.hpp"
#include "data/table.hpp"
#include "lab/error.hpp"

namespace {

// read_frame (straight into typed columns, what a run uses) must read every input exactly as
// make_frame(parse_csv(...)) does: the same columns bit for bit, or the same error.
void same_frames(const lab::Frame& want, const lab::Frame& got) {
  if (got.lines != want.lines || got.columns.size() != want.columns.size()) __builtin_trap();
  for (std::size_t c = 0; c < want.columns.size(); ++c) {
    const lab::Column& w = want.columns[c];
    const lab::Column& g = got.columns[c];
    if (g.name != w.name || g.numeric != w.numeric || g.missing != w.missing || g.text != w.text ||
        g.number.size() != w.number.size())
      __builtin_trap();
    if (!w.number.empty() && std::memcmp(g.number.data(), w.number.data(), w.number.size() * sizeof(double)) != 0)
      __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  lab::Frame two_steps;
  std::string two_steps_error;
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
    two_steps = std::move(frame);
  } catch (const lab::Error& e) {
    two_steps_error = e.what();
  }
  try {
    const lab::Frame one_step =
        lab::read_frame(text, "fuzz.csv", [](const std::vector<std::string>& header) { return header; });
    if (!two_steps_error.empty()) __builtin_trap();
    same_frames(two_steps, one_step);
  } catch (const lab::Error& e) {
    if (two_steps_error != e.what()) __builtin_trap();
  }
  return 0;
}
