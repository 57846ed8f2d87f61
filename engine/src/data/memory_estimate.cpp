#include "data/memory_estimate.hpp"

#include <algorithm>
#include <cstdio>

#include "core/limits.hpp"
#include "lab/error.hpp"

namespace lab {
namespace {

// sizeof(std::string) in the browser engine (wasm32 libc++); the native build's is larger, but
// the estimate is the browser's, and the same on every build so native and wasm refuse alike.
constexpr double kStringObjectBytes = 12;

// Widest hidden-layer list any model of the spec asks for (the spec's own and the trade-off
// variants'); the largest one sets the peak, as variants train one after another.
std::vector<std::size_t> widest_hidden(const Json& spec) {
  std::vector<std::size_t> best;
  std::size_t best_units = 0;
  auto consider = [&](const Json& model) {
    if (!model.is_object() || !model.contains("hidden") || !model["hidden"].is_array()) return;
    std::vector<std::size_t> hidden;
    std::size_t units = 0;
    for (const auto& h : model["hidden"])
      if (h.is_number()) {
        hidden.push_back(h.get<std::size_t>());
        units += hidden.back();
      }
    if (units > best_units) {
      best_units = units;
      best = hidden;
    }
  };
  if (spec.contains("model")) consider(spec["model"]);
  if (spec.contains("variants") && spec["variants"].is_array())
    for (const auto& v : spec["variants"])
      if (v.is_object() && v.contains("model")) consider(v["model"]);
  return best;
}

}  // namespace

RunSize text_run_size(const std::string& csv_text, std::size_t features) {
  RunSize size;
  size.csv_bytes = csv_text.size();
  std::size_t lines = static_cast<std::size_t>(std::count(csv_text.begin(), csv_text.end(), '\n'));
  if (!csv_text.empty() && csv_text.back() != '\n') ++lines;
  size.rows = lines > 0 ? lines - 1 : 0;
  const std::size_t header_end = std::min(csv_text.find('\n'), csv_text.size());
  size.csv_columns = static_cast<std::size_t>(std::count(
                         csv_text.begin(), csv_text.begin() + static_cast<std::ptrdiff_t>(header_end), ',')) +
                     1;
  size.design_columns = features > 0 ? features : std::max<std::size_t>(size.csv_columns, 2) - 1;
  return size;
}

std::size_t estimate_run_bytes(const RunSize& size, const Json& spec) {
  const double rows = static_cast<double>(size.rows);
  const double cells = rows * static_cast<double>(size.csv_columns);
  // The CSV text, its cells as strings (the table: a string object each plus the text again),
  // and the typed columns (a double or a string per cell).
  double bytes = 2.0 * static_cast<double>(size.csv_bytes) + cells * (kStringObjectBytes + 8.0);
  // The design matrix (train + validation + test) and the copies training and evaluation make
  // of it (standardized/shuffled batches, float copies for the deployed formats, permuted
  // columns for importance): four in all.
  bytes += 4.0 * rows * static_cast<double>(size.design_columns) * sizeof(double);
  // An MLP: weights, gradients, two Adam moments and the best weights kept by early stopping
  // (5 copies), and the activations of a full pass over every row (forward and backward).
  const std::vector<std::size_t> hidden = widest_hidden(spec);
  double in = static_cast<double>(size.design_columns), params = 0, units = 0;
  for (std::size_t h : hidden) {
    params += (in + 1) * static_cast<double>(h);
    units += static_cast<double>(h);
    in = static_cast<double>(h);
  }
  params += in + 1;
  bytes += 5.0 * params * sizeof(double) + 2.0 * rows * units * sizeof(double);
  // The engine itself: code, stack and the allocator's working set.
  bytes += 24.0 * (1u << 20);
  return static_cast<std::size_t>(std::min(bytes, 1e18));
}

std::string format_bytes(double bytes) {
  char text[32];
  const double gib = bytes / (1u << 30);
  if (bytes >= (1u << 30) && gib == static_cast<double>(static_cast<long long>(gib)))
    std::snprintf(text, sizeof text, "%.0f GiB", gib);
  else if (bytes >= (1u << 30))
    std::snprintf(text, sizeof text, "%.1f GiB", bytes / (1u << 30));
  else
    std::snprintf(text, sizeof text, "%.0f MiB", bytes / (1u << 20));
  return text;
}

void check_run_memory(const RunSize& size, const Json& spec) {
  const std::size_t need = estimate_run_bytes(size, spec);
  if (need <= limits::kMaxRunMemoryBytes) return;
  fail_field("dataset", "this run needs ~" + format_bytes(static_cast<double>(need)) + " of memory (" +
                            std::to_string(size.rows) + " rows x " + std::to_string(size.design_columns) +
                            " design columns), above the " +
                            format_bytes(static_cast<double>(limits::kMaxRunMemoryBytes)) +
                            " limit of the browser engine; use fewer rows or features, or a smaller model");
}

}  // namespace lab
