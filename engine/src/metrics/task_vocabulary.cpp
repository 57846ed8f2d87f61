#include "metrics/task_vocabulary.hpp"

#include <array>

namespace lab {

const std::vector<MetricInfo>& metric_infos() {
  static const std::pair<double, double> unit{0.0, 1.0};
  static const std::vector<MetricInfo> metrics = {
      {"accuracy", "accuracy", true, unit}, {"log_loss", "log loss", false, std::nullopt},
      {"auc", "AUC", true, unit},           {"f1", "F1", true, unit},
      {"f1_macro", "macro F1", true, unit}, {"f1_weighted", "weighted F1", true, unit},
      {"r2", "R²", true, std::nullopt},     {"rmse", "RMSE", false, std::nullopt},
      {"mae", "MAE", false, std::nullopt},  {"mse", "mean squared error", false, std::nullopt},
  };
  return metrics;
}

const MetricInfo* metric_info(const std::string& name) {
  for (const auto& m : metric_infos())
    if (m.name == name) return &m;
  return nullptr;
}

const TaskKindInfo& task_kind_info(TaskKind kind) {
  static const std::array<TaskKindInfo, 3> kinds = {{
      {TaskKind::Binary,
       {"accuracy", "log_loss", "auc", "f1"},
       {"log_loss", "accuracy"},
       "accuracy",
       "log_loss",
       "log_loss"},
      {TaskKind::Multiclass,
       {"accuracy", "log_loss", "f1_macro", "f1_weighted"},
       {"log_loss", "accuracy"},
       "accuracy",
       "log_loss",
       "log_loss"},
      {TaskKind::Regression, {"r2", "rmse", "mae"}, {"mse", "r2"}, "r2", "mse", "mse"},
  }};
  return kinds[static_cast<std::size_t>(kind)];
}

OrderedJson task_kinds_json() {
  OrderedJson tasks = OrderedJson::object();
  for (const std::string& name : task_names()) {
    const TaskKindInfo& k = task_kind_info(task_kind(name));
    tasks[name] = OrderedJson{{"table_metrics", k.table_metrics},
                              {"path_metrics", k.path_metrics},
                              {"main_score", k.main_score},
                              {"loss", k.loss},
                              {"cv_metric", k.cv_metric}};
  }
  OrderedJson metrics = OrderedJson::object();
  for (const auto& m : metric_infos()) {
    metrics[m.name] =
        OrderedJson{{"label", m.label},
                    {"higher_is_better", m.higher_is_better},
                    {"bounds", m.bounds ? OrderedJson::array({m.bounds->first, m.bounds->second}) : OrderedJson()}};
  }
  return OrderedJson{{"tasks", tasks}, {"metrics", metrics}};
}

}  // namespace lab
