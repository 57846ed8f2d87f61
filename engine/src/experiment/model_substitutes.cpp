#include "experiment/model_substitutes.hpp"

#include "lab/task_vocabulary.hpp"
#include "metrics/task_vocabulary.hpp"

namespace lab {

const std::vector<ModelSubstitute>& model_substitutes() {
  static const std::vector<ModelSubstitute> substitutes = {
      {TaskKind::Regression,
       "logistic_regression",
       "linear_regression",
       {{"logistic", "linear"}, {"Logistic", "Linear"}}},
  };
  return substitutes;
}

Json task_vocabulary() {
  Json out = task_kinds_json();
  Json in_place_of = Json::array();
  for (const auto& s : model_substitutes()) {
    Json rename = Json::object();
    for (const auto& [from, to] : s.rename) rename[from] = to;
    in_place_of.push_back(Json{{"task", task_name(s.task)}, {"model", s.model}, {"use", s.use}, {"rename", rename}});
  }
  out["in_place_of"] = in_place_of;
  return out;
}

}  // namespace lab
