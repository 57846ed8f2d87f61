// Widget files: an experiment spec plus a "widget" section (engine/src/widgets/; the format is
// described in docs/widgets.md).
#pragma once
#include <string>
#include <vector>

#include "lab/diagnostic.hpp"

namespace lab {

// Checks a widget file's text (JSON: an experiment spec plus a "widget" section).
// Never throws; reads no files (the CSV is checked by validate_paths).
std::vector<Diagnostic> validate_widget(const std::string& text, const std::string& filename);

// Widget types a lesson may reference ("optimization_lab", "performance_tradeoff_explorer").
const std::vector<std::string>& known_widget_types();

}  // namespace lab
