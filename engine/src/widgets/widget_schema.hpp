// The "widget" section of a widget file, one schema per widget type (docs/widgets.md).
#pragma once
#include <map>
#include <string>

#include "documents/report.hpp"

namespace lab::lesson {

// What lab::normalize_spec made of the widget file's spec.
struct NormalizedSpec {
  bool ok = false;  // the spec passed; `spec` holds it with defaults
  Json spec;
  std::map<std::string, Json> experiments;  // each experiment's normalized spec
};

// Checks spec["widget"] and the parts of the spec its type relies on (the experiments of an
// optimization_lab, the variants and scenarios of a performance_tradeoff_explorer). When the
// spec did not pass normalize_spec, controls are checked against the schema only.
void check_widget_section(const Json& spec, const NormalizedSpec& normalized, Report& report);

// The "widget" section's field tables and rules in describe_schema's vocabulary.
Json describe_widget_section();

}  // namespace lab::lesson
