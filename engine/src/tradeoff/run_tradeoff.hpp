// The trade-off runner: every entry of spec["variants"] trained, compressed and measured, then
// ranked per deployment scenario. run_experiment (run/run.cpp) dispatches a spec with
// variants here, as it dispatches single fits to experiment/'s runners.
#pragma once
#include "data/dataset_builder.hpp"
#include "lab/json.hpp"
#include "lab/run_context.hpp"

namespace lab {

OrderedJson run_tradeoff(const Json& spec, const PreparedData& data, const RunContext& context);

}  // namespace lab
