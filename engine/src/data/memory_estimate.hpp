// How much memory a run will need, estimated from the data and the model before training starts,
// so that a run the browser engine cannot hold (its wasm memory stops at
// limits::kMaxRunMemoryBytes) ends with an error naming the estimate and the limit instead of an
// out-of-memory abort halfway through. The factors were measured on the wasm build
// (docs/limits.md, "Measured"); the estimate is meant to err on the high side.
#pragma once
#include <cstddef>
#include <string>

#include "lab/run_context.hpp"

namespace lab {

struct RunSize {
  std::size_t csv_bytes = 0;    // the CSV text
  std::size_t rows = 0;         // data rows after filtering
  std::size_t csv_columns = 0;  // columns of the CSV as read
  std::size_t design_columns = 0;
};

// The size read from the CSV text alone, before it is parsed (most of a big run's memory is its
// parsed table): rows from the line ends, columns from the header's commas, design columns
// from `features` (0: every column but the target). A quoted newline or comma, or a `where`
// filter, makes it larger than the parsed size, never smaller for unquoted data.
RunSize text_run_size(const std::string& csv_text, std::size_t features);

// Bytes the run is estimated to need at its peak.
std::size_t estimate_run_bytes(const RunSize& size, const Json& spec);

// Throws lab::Error on field "dataset" when the estimate is above limits::kMaxRunMemoryBytes.
void check_run_memory(const RunSize& size, const Json& spec);

// "1.2 GiB", "850 MiB": the sizes the message shows.
std::string format_bytes(double bytes);

}  // namespace lab
