#include "tradeoff/latency_notes.hpp"

#include <cmath>
#include <cstdio>

namespace lab {
namespace {

std::string percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100))) + " %"; }

std::string times(double ratio) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f×", ratio);
  return buf;
}

std::string range(const Comparison& c) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f–%.2f×", c.low, c.high);
  return buf;
}

// "per row" / "per batch of 263 rows"
std::string kind_words(bool batch, int rows) {
  return batch ? "per batch of " + std::to_string(rows) + " rows" : "per row";
}

}  // namespace

std::vector<LatencyNote> latency_notes(const LatencyFacts& f) {
  std::vector<LatencyNote> notes;
  for (const bool batch : {false, true}) {
    const Comparison& c = batch ? f.batch : f.single;
    const std::string kind = kind_words(batch, f.batch_rows);
    const std::string kernel = batch ? f.batch_kernel : f.single_kernel;
    if (c.verdict == "faster") continue;
    const std::string measured = c.verdict == "slower"
                                     ? f.name + " took " + times(c.ratio) + " the time of " + f.base + " " + kind
                                     : f.name + " is within measurement noise of " + f.base + " " + kind +
                                           " (round by round it took " + range(c) + " its time)";
    std::string reason, why;
    if (f.format == "mlp_fp16") {
      reason = "fp16_widened";
      why =
          "float16 only halves the stored bytes: the weights are widened back to float32 when the model loads, "
          "so it runs the same float32 arithmetic.";
    } else if (f.format == "mlp_sparse" && kernel == "dense") {
      reason = "sparse_ran_dense";
      why = "at " + percent(f.sparsity) +
            " zeros, skipping them was slower here than multiplying the whole matrix (the sparse kernel reads an "
            "index for every weight it keeps), so this form runs the dense kernel " +
            kind + ": pruning saved bytes, not time.";
    } else if (f.format == "mlp_sparse") {
      reason = "sparse_index_cost";
      why =
          "the sparse kernel skips the zeros but reads an index for every weight it keeps and cannot use the "
          "vector units as fully, which the skipped work only outweighs at high sparsity.";
    } else if (f.format == "mlp_int8" && !batch) {
      reason = "int8_one_row";
      why =
          "one row is little work: turning the row into int8 and the results back into floats costs about as much "
          "as the integer multiply saves; int8 pays on batches and on wider layers.";
    } else if (f.format == "mlp_int8") {
      reason = "int8_small_layers";
      why =
          "this network's layers are small, so converting activations to int8 and back weighs as much as the "
          "integer arithmetic saves.";
    } else if (c.verdict == "slower") {
      reason = "more_work";
      why = "it does more work per prediction than " + f.base + ".";
    } else {
      reason = "same_work";
      why = "the two do about the same work per prediction.";
    }
    notes.push_back(
        LatencyNote{c.verdict, batch ? "batch" : "single", reason, c, f.sparsity, f.batch_rows, measured + ": " + why});
  }
  return notes;
}

OrderedJson LatencyNote::to_json() const {
  return {{"text", text},
          {"verdict", verdict},
          {"calls", calls},
          {"reason", reason},
          {"ratio", comparison.ratio},
          {"low", comparison.low},
          {"high", comparison.high},
          {"sparsity", sparsity},
          {"batch_rows", batch_rows}};
}

std::string busy_note(double spread) {
  if (!(spread > kBusySpread)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f×", spread);
  return std::string("The page was busy while the forms were timed (the same call's time varied ") + buf +
         " from round to round, about 1.1× when quiet): latencies are less certain than usual, so differences "
         "under about 2× may not hold on a rerun.";
}

}  // namespace lab
