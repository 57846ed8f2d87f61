// Widget files: an experiment spec plus a "widget" section (engine/src/widgets/; the format is
// described in docs/widgets.md).
#pragma once
#include <string>
#include <vector>

#include "lab/diagnostic.hpp"
#include "lab/json.hpp"

namespace lab {

// Checks a widget file's text (JSON: an experiment spec plus a "widget" section).
// Never throws; reads no files (the CSV is checked by validate_paths).
std::vector<Diagnostic> validate_widget(const std::string& text, const std::string& filename);

// A widget text file to translate (widgets/i18n/STEM.LANG.json, docs/i18n.md): {$schema, lang,
// widget: "../STEM.json", text: {pointer: the English text}} for every string of the widget
// file a learner reads. `widget_text` is the widget file's JSON text; throws lab::Error if it
// is not JSON.
Json widget_text_template(const std::string& widget_text, const std::string& widget_filename, const std::string& lang);

// Widget types a lesson may reference ("optimization_lab", "performance_tradeoff_explorer").
const std::vector<std::string>& known_widget_types();

}  // namespace lab
