// The "widget" section of a widget file, one schema per widget type (docs/widgets.md).
#pragma once
#include <map>
#include <string>

#include "lesson/report.hpp"

namespace lab::lesson {

// Checks spec["widget"] and the parts of the spec its type relies on (the experiments of an
// optimization_lab, the variants and scenarios of a performance_tradeoff_explorer).
// `experiments` holds each experiment's normalized spec; it is empty when the spec itself
// did not pass lab::normalize_spec, and the controls are then checked against the schema only.
void check_widget_section(const Json& spec, const std::map<std::string, Json>& experiments, Report& report);

}  // namespace lab::lesson
