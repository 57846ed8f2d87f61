// The explorer's run setup: what the learner may change about the whole run (which retrains
// and re-times every variant), next to the per-variant compression controls. Two parts:
//   "setup":       controls over options of the spec itself (latency.batch_rows), checked
//                  against the declarations like every control;
//   "model_sizes": named choices of the spec's MLP size (model.hidden), each checked by the
//                  engine's own spec rules, one of them the size the file starts with.
#pragma once
#include "documents/report.hpp"
#include "widgets/widget_schema.hpp"

namespace lab::lesson {

void check_tradeoff_setup(const Json& spec, const Json& widget, const NormalizedSpec& normalized, Report& report);

// The model_sizes entry's fields, for the generated JSON Schema.
Json describe_model_size_fields();

}  // namespace lab::lesson
