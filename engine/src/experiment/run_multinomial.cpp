// Multi-class logistic regression runs: logistic regression's result shapes with one entry
// per class: intercept {class: value}, coefficients {class: {column: value}}, in the model and
// in every path row.
#include <cmath>
#include <functional>

#include "data/split.hpp"
#include "experiment/model_kinds.hpp"
#include "experiment/path_stage.hpp"
#include "experiment/runners.hpp"
#include "metrics/task_metrics.hpp"
#include "models/multinomial.hpp"

namespace lab {
namespace {

OrderedJson intercepts_json(const SoftmaxModel& m, const Task& task) {
  OrderedJson b = OrderedJson::object();
  for (std::size_t c = 0; c < task.classes.size(); ++c) b[task.classes[c]] = m.intercept(static_cast<Eigen::Index>(c));
  return b;
}

OrderedJson coefficients_json(const SoftmaxModel& m, const Task& task, const std::vector<std::string>& names) {
  OrderedJson all = OrderedJson::object();
  for (std::size_t c = 0; c < task.classes.size(); ++c) {
    OrderedJson row = OrderedJson::object();
    for (std::size_t j = 0; j < names.size(); ++j)
      row[names[j]] = m.coef(static_cast<Eigen::Index>(c), static_cast<Eigen::Index>(j));
    all[task.classes[c]] = row;
  }
  return all;
}

OrderedJson brief_metrics(const SoftmaxModel& m, const Task& task, const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
  if (y.size() == 0) return OrderedJson();
  const Eigen::MatrixXd p = m.predict_proba(X);
  return OrderedJson{{"accuracy", main_score(task, y, p)}, {"log_loss", multiclass_log_loss(y, p)}};
}

}  // namespace

OrderedJson run_multinomial(const Json& spec, const PreparedData& d, const RunContext& context) {
  const Json& m = spec["model"];
  const LogisticRunOptions run = model_options<LogisticRunOptions>("logistic_regression", m);
  LogisticOptions options = run.fit;
  const auto& names = d.preprocessor.columns;
  const int classes = d.task.class_count();
  OrderedJson result;

  const PathStage<SoftmaxModel> stage = path_stage<SoftmaxModel>(
      m, context, run.path, options.l1_ratio, run.cv.folds,
      [&](double l1_ratio) { return multinomial_lambda_max(d.X_train, d.y_train, classes, l1_ratio); },
      [&](const std::vector<double>& lambdas, const std::function<bool(int, const SoftmaxModel&)>& step) {
        return fit_multinomial_path(d.X_train, d.y_train, classes, lambdas, options, step);
      },
      [&](const std::vector<double>& lambdas, const std::function<bool(int)>& on_fold, const FoldSource& source) {
        std::vector<int> labels(static_cast<std::size_t>(d.y_train.size()));
        for (Eigen::Index i = 0; i < d.y_train.size(); ++i)
          labels[static_cast<std::size_t>(i)] = static_cast<int>(d.y_train(i));
        const auto fold_of_row = stratified_folds(labels, run.cv.folds, run.cv.seed);
        return cross_validate_multinomial(d.X_train, d.y_train, classes, fold_of_row, run.cv.folds, lambdas, options,
                                          on_fold, source);
      });
  if (sharing(context)) return OrderedJson();  // this instance's pieces are in its WorkShare

  const std::vector<double>& lambdas = stage.lambdas;
  const std::vector<SoftmaxModel> path = stage.path ? *stage.path : std::vector<SoftmaxModel>();
  if (stage.path) {
    OrderedJson rows = OrderedJson::array();
    for (std::size_t k = 0; k < path.size(); ++k) {
      OrderedJson row;
      row["lambda"] = lambdas[k];
      row["intercept"] = intercepts_json(path[k], d.task);
      row["coefficients"] = coefficients_json(path[k], d.task, names);
      row["nonzero"] = path[k].nonzero();
      row["train"] = brief_metrics(path[k], d.task, d.X_train, d.y_train);
      row["validation"] = brief_metrics(path[k], d.task, d.X_val, d.y_val);
      rows.push_back(row);
    }
    result["path"] = rows;
  }

  if (stage.cv) result["cv"] = cv_json(*stage.cv, lambdas, "log_loss");
  options.lambda = selected_lambda(run.select, options.lambda, stage.cv, lambdas);

  const SoftmaxModel* warm = nullptr;
  for (std::size_t k = 0; k < lambdas.size(); ++k)
    if (lambdas[k] >= options.lambda) warm = &path[k];
  const SoftmaxModel model = fit_multinomial(d.X_train, d.y_train, classes, options, warm);
  report_fitted(context);
  auto predict = [&](const Eigen::MatrixXd& X) { return model.predict_proba(X); };
  // The importance's fast form: the same prediction as link(X W + b).
  const LinearScores linear{[&](const Eigen::MatrixXd& X) -> Eigen::MatrixXd { return model.decision(X); },
                            model.coef.transpose(),
                            [](const Eigen::MatrixXd& s) -> Prediction { return softmax_rows(s); }};

  OrderedJson model_json;
  model_json["type"] = "logistic_regression";
  model_json["multi_class"] = "multinomial";
  model_json["lambda"] = options.lambda;
  model_json["l1_ratio"] = options.l1_ratio;
  model_json["C"] =
      options.lambda > 0 ? OrderedJson(1.0 / (options.lambda * static_cast<double>(d.y_train.size()))) : OrderedJson();
  model_json["classes"] = d.task.classes;
  model_json["intercept"] = intercepts_json(model, d.task);
  model_json["coefficients"] = coefficients_json(model, d.task, names);
  model_json["nonzero"] = model.nonzero();
  model_json["parameters"] = model.coef.size() + model.intercept.size();
  model_json["n_iter"] = model.n_iter;

  OrderedJson ordered;
  ordered["model"] = model_json;
  ordered["metrics"] = split_metrics(d, predict);
  if (result.contains("path")) ordered["path"] = result["path"];
  if (result.contains("cv")) ordered["cv"] = result["cv"];
  // A column matters as much as its largest coefficient over the classes.
  OrderedJson magnitude = OrderedJson::object();
  for (std::size_t j = 0; j < names.size(); ++j)
    magnitude[names[j]] = model.coef.col(static_cast<Eigen::Index>(j)).cwiseAbs().maxCoeff();
  ordered["importance"] = {{"coefficient", magnitude},
                           {"permutation", permutation_block(d, linear, spec["split"]["seed"].get<std::uint64_t>())}};
  return ordered;
}

}  // namespace lab
