// A widget file parsed and checked, with positions, for validate_widget and for the
// cross-file checks of validate_paths (the CSV it names, the type a lesson expects).
#pragma once
#include <string>
#include <vector>

#include "documents/report.hpp"

namespace lab::lesson {

struct WidgetDocument {
  Json spec;  // the whole file; null if it is not valid JSON
  PositionIndex positions;
  bool spec_ok = false;  // the spec part passed lab::normalize_spec
};

WidgetDocument read_widget(const std::string& text, const std::string& filename, std::vector<Diagnostic>& diagnostics);

// The spec an experiment runs: its JSON merge patch applied to the base spec (docs/spec.md:
// a patch whose model.type differs replaces the whole model).
Json apply_experiment(const Json& base, const Json& patch);

}  // namespace lab::lesson
