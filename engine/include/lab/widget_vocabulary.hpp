// The names a widget file may use, declared once here: the widget file checks read them, and
// front ends ask for them (the wasm module's widgetVocabulary()) instead of keeping copies.
#pragma once
#include <string>
#include <vector>

#include "lab/json.hpp"

namespace lab {

// What an optimization_lab panel can draw ("chart"), from the result sections of docs/spec.md.
const std::vector<std::string>& chart_kinds();

// What a trade-off variant is measured by: the axes a performance_tradeoff_explorer may plot.
const std::vector<std::string>& tradeoff_metrics();

// The limits a learner's budget may set: the fields of a scenario's declared "constraints".
std::vector<std::string> budget_keys();

// The placeholders a "what to notice" template may use: per chart kind of an optimization_lab
// panel, and under "tradeoff" for the explorer. Front ends compute each from the run's numbers;
// `compared` marks the ones that need a panel's second experiment.
struct NoticeVariable {
  std::string name;
  std::string meaning;
  bool compared = false;
};
const std::vector<NoticeVariable>& notice_variables(const std::string& chart);  // empty: none

// {widget_types, chart_kinds, tradeoff_metrics, budget_keys, notice_variables}.
Json widget_vocabulary();

}  // namespace lab
