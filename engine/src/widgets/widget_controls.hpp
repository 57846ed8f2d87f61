// Widget controls and presets, checked against the engine's option declarations
// (lab/options.hpp): a control names an option by dotted path ("model.lambda",
// "train.learning_rate") and may narrow its range for the UI, never widen it.
#pragma once
#include <string>
#include <vector>

#include "documents/report.hpp"
#include "lab/options.hpp"

namespace lab::lesson {

// An experiment a control acts on: its name and its normalized spec (defaults filled).
struct ControlTarget {
  std::string experiment;
  Json spec;
};

struct ResolvedControl {
  bool ok = false;
  std::string option;                // the path as written
  const Option* declared = nullptr;  // nullptr when the engine leaves the section undeclared (Any)
  double min = 0, max = 0;
  std::vector<std::string> choices;
};

// Checks a control's fields, that its option exists (under `prefix`, e.g. "variants."),
// applies to each target's model type, fits the declared range, and that each target's
// current value lies inside the control's range.
ResolvedControl check_control(const Json& control, const Path& at, const std::vector<ControlTarget>& targets,
                              const std::string& prefix, Report& report);

// Presets: [{name, set: {option: value}}], each option one of `controls`, each value inside it.
void check_presets(const Json& presets, const Path& at, const std::vector<ResolvedControl>& controls, Report& report);

// The control and preset tables in describe_schema's vocabulary, for the generated JSON Schema.
// Whether an option exists and the control's range fits its declaration need the spec: those
// checks stay in check_control (docs/schema.md).
Json describe_control_fields();
Json describe_preset_fields();

// The value at a dotted option path in a normalized spec ("model.mlp.dropout" skips the
// variant name); nullptr if absent.
const Json* value_at(const Json& spec, const std::string& dotted);

}  // namespace lab::lesson
