#include "lab/widget_vocabulary.hpp"

#include "lab/option_path.hpp"
#include "lab/options.hpp"
#include "lab/spec_schema.hpp"
#include "lab/widget_file.hpp"

namespace lab {

const std::vector<std::string>& chart_kinds() {
  static const std::vector<std::string> kinds = {"coefficient_path", "cv_curve", "loss_curves", "learning_rate",
                                                 "metrics"};
  return kinds;
}

const std::vector<std::string>& tradeoff_metrics() {
  // score and loss: the task's main score and loss (accuracy and log loss, or R² and MSE), the
  // axes a widget over any kind of target can name; the rest are the kinds' row metrics.
  static const std::vector<std::string> metrics = {"score",      "loss",     "accuracy",  "auc",  "f1",
                                                   "log_loss",   "f1_macro", "r2",        "rmse", "mae",
                                                   "latency_ms", "size_kb",  "parameters"};
  return metrics;
}

std::vector<std::string> budget_keys() {
  // Taken from the declaration, so a new constraint is a budget key without another list.
  std::vector<std::string> keys;
  const Option* constraints = resolve_option_path(spec_schema(), "scenarios.constraints").option;
  if (constraints && constraints->fields)
    for (const auto& o : constraints->fields->options) keys.push_back(o.name);
  return keys;
}

Json widget_vocabulary() {
  return Json{{"widget_types", known_widget_types()},
              {"chart_kinds", chart_kinds()},
              {"tradeoff_metrics", tradeoff_metrics()},
              {"budget_keys", budget_keys()}};
}

}  // namespace lab
