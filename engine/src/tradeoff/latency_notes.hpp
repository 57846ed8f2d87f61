// Plain sentences for a variant whose measured latency goes against what the lesson says of
// its kind of compression (pruning and int8 make predictions faster), saying why; and for two
// forms whose times the rounds cannot tell apart. Read from the measurement, not assumed: a
// pruned form that runs the dense kernel, an int8 form slower per row than float32 on a small
// layer, a float16 form that computes in float32.
#pragma once
#include <string>
#include <vector>

#include "eval/latency.hpp"

namespace lab {

struct LatencyFacts {
  std::string name, format;  // the variant and its format_name
  std::string base;          // the listed variant it was made from
  double sparsity = 0;       // share of zero parameters
  std::string single_kernel, batch_kernel;
  Comparison single, batch;  // its time / the base's time, round by round
  int batch_rows = 0;
};

// One note: the English sentence and what it is made of, so a page in another language words
// it from its catalog (web/i18n: tradeoff.note.*) with the same numbers.
struct LatencyNote {
  std::string verdict;  // slower | within_noise
  std::string calls;    // single | batch
  std::string reason;   // fp16_widened | sparse_ran_dense | sparse_index_cost | int8_one_row | int8_small_layers |
                        // more_work | same_work
  Comparison comparison;
  double sparsity = 0;
  int batch_rows = 0;
  std::string text;
  OrderedJson to_json() const;
};

std::vector<LatencyNote> latency_notes(const LatencyFacts& facts);

// The run's sentence when the machine was busy while timing (spread: round_spread), else "".
std::string busy_note(double spread);

}  // namespace lab
