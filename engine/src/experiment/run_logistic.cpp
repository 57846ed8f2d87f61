// Logistic regression runs: the final model, and optionally the regularization path and
// cross-validation over it (which can choose the final lambda).
#include <cmath>
#include <functional>

#include "data/split.hpp"
#include "experiment/model_kinds.hpp"
#include "experiment/path_stage.hpp"
#include "experiment/runners.hpp"
#include "metrics/metrics.hpp"
#include "models/regularization_path.hpp"

namespace lab {
namespace {

OrderedJson coefficients_json(const LinearModel& m, const std::vector<std::string>& names) {
  OrderedJson c = OrderedJson::object();
  for (std::size_t j = 0; j < names.size(); ++j) c[names[j]] = m.coef(static_cast<Eigen::Index>(j));
  return c;
}

OrderedJson brief_metrics(double accuracy, double log_loss) {
  return OrderedJson{{"accuracy", accuracy}, {"log_loss", log_loss}};
}

// A path point's accuracy and log loss on some rows: the fit already has them for its own
// training rows; other rows take one pass over the decision values (no separate probability,
// accuracy and log-loss passes).
OrderedJson brief_metrics(const LinearModel& m, const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                          bool training_rows) {
  if (y.size() == 0) return OrderedJson();
  if (training_rows && std::isfinite(m.train_log_loss)) return brief_metrics(m.train_accuracy, m.train_log_loss);
  const LossAndAccuracy at = decision_loss_and_accuracy(m.decision(X), y);
  return brief_metrics(at.accuracy, at.log_loss);
}

}  // namespace

OrderedJson run_logistic(const Json& spec, const PreparedData& d, const RunContext& context) {
  const Json& m = spec["model"];
  const LogisticRunOptions run = model_options<LogisticRunOptions>("logistic_regression", m);
  LogisticOptions options = run.fit;
  const auto& names = d.preprocessor.columns;
  OrderedJson result;

  const PathStage<LinearModel> stage = path_stage<LinearModel>(
      m, context, run.path, options.l1_ratio, run.cv.folds,
      [&](double l1_ratio) { return lambda_max(d.X_train, d.y_train, l1_ratio); },
      [&](const std::vector<double>& lambdas, const std::function<bool(int, const LinearModel&)>& step) {
        return fit_path(d.X_train, d.y_train, lambdas, options, step);
      },
      [&](const std::vector<double>& lambdas, const std::function<bool(int)>& on_fold, const FoldSource& source) {
        std::vector<int> labels(static_cast<std::size_t>(d.y_train.size()));
        for (Eigen::Index i = 0; i < d.y_train.size(); ++i) labels[static_cast<std::size_t>(i)] = d.y_train(i) > 0.5;
        const auto fold_of_row = stratified_folds(labels, run.cv.folds, run.cv.seed);
        return cross_validate(d.X_train, d.y_train, fold_of_row, run.cv.folds, lambdas, options, on_fold, source);
      });
  if (sharing(context)) return OrderedJson();  // this instance's pieces are in its WorkShare

  const std::vector<double>& lambdas = stage.lambdas;
  const std::vector<LinearModel> path = stage.path ? *stage.path : std::vector<LinearModel>();
  if (stage.path) {
    OrderedJson rows = OrderedJson::array();
    for (std::size_t k = 0; k < path.size(); ++k) {
      OrderedJson row;
      row["lambda"] = lambdas[k];
      row["intercept"] = path[k].intercept;
      row["coefficients"] = coefficients_json(path[k], names);
      row["nonzero"] = path[k].nonzero();
      row["train"] = brief_metrics(path[k], d.X_train, d.y_train, true);
      row["validation"] = brief_metrics(path[k], d.X_val, d.y_val, false);
      rows.push_back(row);
    }
    result["path"] = rows;
  }

  if (stage.cv) result["cv"] = cv_json(*stage.cv, lambdas, nullptr);
  options.lambda = selected_lambda(run.select, options.lambda, stage.cv, lambdas);

  // The final model, warm-started from the nearest path point when there is one.
  const LinearModel* warm = nullptr;
  for (const auto& fit : path) warm = &fit;
  for (std::size_t k = 0; k < lambdas.size(); ++k)
    if (lambdas[k] >= options.lambda) warm = &path[k];
  LinearModel model = fit_logistic(d.X_train, d.y_train, options, warm);
  report_fitted(context);
  auto predict = [&](const Eigen::MatrixXd& X) { return model.predict_proba(X); };
  // The importance's fast form: the same prediction as link(X W + b).
  const LinearScores linear{
      [&](const Eigen::MatrixXd& X) -> Eigen::MatrixXd { return model.decision(X); }, model.coef,
      [](const Eigen::MatrixXd& s) -> Prediction { return s.unaryExpr([](double z) { return sigmoid(z); }); },
      [](const Eigen::VectorXd& y, const Eigen::MatrixXd& s) { return decision_accuracy(s.col(0), y); }};

  OrderedJson model_json;
  model_json["type"] = "logistic_regression";
  model_json["lambda"] = options.lambda;
  model_json["l1_ratio"] = options.l1_ratio;
  model_json["C"] =
      options.lambda > 0 ? OrderedJson(1.0 / (options.lambda * static_cast<double>(d.y_train.size()))) : OrderedJson();
  model_json["intercept"] = model.intercept;
  model_json["coefficients"] = coefficients_json(model, names);
  model_json["nonzero"] = model.nonzero();
  model_json["parameters"] = model.coef.size() + 1;
  model_json["n_iter"] = model.n_iter;

  OrderedJson ordered;
  ordered["model"] = model_json;
  ordered["metrics"] = split_metrics(d, predict);
  if (result.contains("path")) ordered["path"] = result["path"];
  if (result.contains("cv")) ordered["cv"] = result["cv"];
  OrderedJson magnitude = OrderedJson::object();
  for (std::size_t j = 0; j < names.size(); ++j)
    magnitude[names[j]] = std::abs(model.coef(static_cast<Eigen::Index>(j)));
  ordered["importance"] = {{"coefficient", magnitude},
                           {"permutation", permutation_block(d, linear, spec["split"]["seed"].get<std::uint64_t>())}};
  return ordered;
}

}  // namespace lab
