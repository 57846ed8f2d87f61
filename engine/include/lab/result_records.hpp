// The trade-off result's records, declared (engine/src/tradeoff/result_records.*): `lab-cli
// results` prints this, and tools/lab docs writes the web shell's result types from it.
#pragma once
#include "lab/json.hpp"

namespace lab {

// [{name, doc, fields: [{name, type, doc, optional, nullable, choices?}]}]
Json describe_result_records();

}  // namespace lab
