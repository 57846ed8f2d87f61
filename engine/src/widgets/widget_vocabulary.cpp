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

const std::vector<NoticeVariable>& notice_variables(const std::string& chart) {
  // Run roles of a loss_curves panel: its first experiment is the reference, its second the
  // one compared with it.
  static const std::vector<NoticeVariable> loss_curves = [] {
    std::vector<NoticeVariable> out;
    for (const bool compared : {false, true}) {
      const std::string role = compared ? "compared" : "reference";
      const std::string which = compared ? "the panel's second experiment" : "the panel's first experiment";
      out.push_back({role, "the label of " + which, compared});
      out.push_back({role + "_gap", "train minus validation main score of " + which + "'s final model", compared});
      out.push_back({role + "_val_score", "validation main score of " + which, compared});
      out.push_back({role + "_test_score", "test main score of " + which, compared});
      out.push_back({role + "_val_loss", "validation loss of " + which + "'s final model", compared});
      out.push_back({role + "_epochs", "epochs " + which + " ran", compared});
      out.push_back(
          {role + "_best_epoch", "early stopping's best epoch in " + which + " (empty without it)", compared});
    }
    return out;
  }();
  static const std::vector<NoticeVariable> learning_rate = {
      {"best", "the label of the experiment with the lowest final validation loss"},
      {"worst", "the label of the experiment with the highest final validation loss"},
      {"best_val_loss", "its final validation loss (best)"},
      {"worst_val_loss", "its final validation loss (worst)"},
      {"best_val_score", "the best experiment's validation main score"},
      {"worst_val_score", "the worst experiment's validation main score"}};
  static const std::vector<NoticeVariable> coefficient_path = {
      {"lambda", "the penalty strength shown"},
      {"penalty", "the penalty in words: ridge (L2), lasso (L1) or elastic net"},
      {"nonzero", "coefficients that are not zero at that strength"},
      {"features", "the model's coefficient count"},
      {"score", "validation main score at that strength (rows the path did not train on)"},
      {"best_lambda", "the strength cross-validation picks"},
      {"best_score", "cross-validation's main score at its best strength"}};
  static const std::vector<NoticeVariable> tradeoff = {
      {"scenario", "the selected deployment scenario's title"},
      {"choice", "the variant the scenario chooses"},
      {"choice_score", "its test main score"},
      {"choice_latency", "its latency of the scenario's kind (one row or one batch)"},
      {"choice_size", "its serialized size"},
      {"most_accurate", "the variant with the best test main score"},
      {"fastest", "the variant with the lowest latency of the scenario's kind"},
      {"smallest", "the smallest variant"}};
  static const std::vector<NoticeVariable> none;
  if (chart == "loss_curves") return loss_curves;
  if (chart == "learning_rate") return learning_rate;
  if (chart == "coefficient_path") return coefficient_path;
  if (chart == "tradeoff") return tradeoff;
  return none;
}

Json widget_vocabulary() {
  Json notices = Json::object();
  for (const std::string& chart : chart_kinds())
    for (const auto& v : notice_variables(chart)) notices[chart].push_back(v.name);
  for (const auto& v : notice_variables("tradeoff")) notices["tradeoff"].push_back(v.name);
  return Json{{"widget_types", known_widget_types()},
              {"chart_kinds", chart_kinds()},
              {"tradeoff_metrics", tradeoff_metrics()},
              {"budget_keys", budget_keys()},
              {"notice_variables", notices}};
}

}  // namespace lab
