// Linear (least-squares) regression runs: the final model, and optionally the regularization
// path and cross-validation over it, shaped as logistic regression's results are.
#include <cmath>
#include <functional>

#include "data/split.hpp"
#include "experiment/model_kinds.hpp"
#include "experiment/path_stage.hpp"
#include "experiment/runners.hpp"
#include "metrics/task_metrics.hpp"
#include "models/linear_regression.hpp"

namespace lab {
namespace {

OrderedJson coefficients_json(const RegressionModel& m, const std::vector<std::string>& names) {
  OrderedJson c = OrderedJson::object();
  for (std::size_t j = 0; j < names.size(); ++j) c[names[j]] = m.coef(static_cast<Eigen::Index>(j));
  return c;
}

OrderedJson brief_metrics(const RegressionModel& m, const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
  if (y.size() == 0) return OrderedJson();
  const Eigen::VectorXd v = m.predict(X);
  // mse beside rmse: cross-validation ranks the path by MSE, so the path's own curve and the CV
  // band can share an axis.
  const double mse = (v - y).squaredNorm() / static_cast<double>(y.size());
  return OrderedJson{{"mse", mse}, {"rmse", std::sqrt(mse)}, {"r2", r2_score(y, v)}};
}

}  // namespace

OrderedJson run_linear(const Json& spec, const PreparedData& d, const RunContext& context) {
  const Json& m = spec["model"];
  const LinearRegressionRunOptions run = model_options<LinearRegressionRunOptions>("linear_regression", m);
  LinearRegressionOptions options = run.fit;
  const auto& names = d.preprocessor.columns;
  OrderedJson result;

  const PathStage<RegressionModel> stage = path_stage<RegressionModel>(
      m, context, run.path, options.l1_ratio, run.cv.folds,
      [&](double l1_ratio) { return regression_lambda_max(d.X_train, d.y_train, l1_ratio); },
      [&](const std::vector<double>& lambdas, const std::function<bool(int, const RegressionModel&)>& step) {
        return fit_regression_path(d.X_train, d.y_train, lambdas, options, step);
      },
      [&](const std::vector<double>& lambdas, const std::function<bool(int)>& on_fold, const FoldSource& source) {
        // One stratum: the folds of a numeric target are a seeded shuffle dealt round-robin.
        const auto fold_of_row = stratified_folds(std::vector<int>(static_cast<std::size_t>(d.y_train.size()), 0),
                                                  run.cv.folds, run.cv.seed);
        return cross_validate_regression(d.X_train, d.y_train, fold_of_row, run.cv.folds, lambdas, options, on_fold,
                                         source);
      });
  if (sharing(context)) return OrderedJson();  // this instance's pieces are in its WorkShare

  const std::vector<double>& lambdas = stage.lambdas;
  const std::vector<RegressionModel> path = stage.path ? *stage.path : std::vector<RegressionModel>();
  if (stage.path) {
    OrderedJson rows = OrderedJson::array();
    for (std::size_t k = 0; k < path.size(); ++k) {
      OrderedJson row;
      row["lambda"] = lambdas[k];
      row["intercept"] = path[k].intercept;
      row["coefficients"] = coefficients_json(path[k], names);
      row["nonzero"] = path[k].nonzero();
      row["train"] = brief_metrics(path[k], d.X_train, d.y_train);
      row["validation"] = brief_metrics(path[k], d.X_val, d.y_val);
      rows.push_back(row);
    }
    result["path"] = rows;
  }

  if (stage.cv) result["cv"] = cv_json(*stage.cv, lambdas, "mse");
  options.lambda = selected_lambda(run.select, options.lambda, stage.cv, lambdas);

  // The final model, warm-started from the nearest path point at or above its lambda.
  LeastSquaresData data(d.X_train, d.y_train);
  const RegressionModel* warm = nullptr;
  for (std::size_t k = 0; k < lambdas.size(); ++k)
    if (lambdas[k] >= options.lambda) warm = &path[k];
  const RegressionModel model = fit_linear_regression(data, options, warm);
  report_fitted(context);
  auto predict = [&](const Eigen::MatrixXd& X) { return model.predict(X); };
  // The importance's fast form: the same prediction as link(X W + b).
  const LinearScores linear{[&](const Eigen::MatrixXd& X) -> Eigen::MatrixXd { return model.predict(X); }, model.coef,
                            [](const Eigen::MatrixXd& s) -> Prediction { return s; }};

  OrderedJson model_json;
  model_json["type"] = "linear_regression";
  model_json["lambda"] = options.lambda;
  model_json["l1_ratio"] = options.l1_ratio;
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
