// Linear (least-squares) regression runs: the final model, and optionally the regularization
// path and cross-validation over it, shaped as logistic regression's results are.
#include <cmath>
#include <optional>

#include "data/split.hpp"
#include "experiment/runners.hpp"
#include "parallel/path_pieces.hpp"
#include "models/linear_regression.hpp"
#include "tasks/task_metrics.hpp"

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
  const LinearRegressionRunOptions run = spec_options<LinearRegressionRunOptions>("model.linear_regression", m);
  LinearRegressionOptions options = run.fit;
  const auto& names = d.preprocessor.columns;
  OrderedJson result;

  std::vector<double> lambdas;
  std::optional<std::vector<RegressionModel>> path_fits;
  std::optional<CrossValidation> cv;
  if (m.contains("path") || m.contains("cv")) {
    const int count = run.path.n_lambda;
    lambdas = lambda_sequence(regression_lambda_max(d.X_train, d.y_train, options.l1_ratio), count, run.path.lambda_min_ratio);
    path_fits = path_piece<RegressionModel>(context, [&] {
      return fit_regression_path(d.X_train, d.y_train, lambdas, options, [&](int k, const RegressionModel& fit) {
        report(context, "path", k + 1, count, Json{{"lambda", lambdas[static_cast<std::size_t>(k)]}, {"nonzero", fit.nonzero()}});
        return true;
      });
    });
  }
  if (m.contains("cv")) {
    const int folds = run.cv.folds;
    // One stratum: the folds of a numeric target are a seeded shuffle dealt round-robin.
    const auto fold_of_row = stratified_folds(std::vector<int>(static_cast<std::size_t>(d.y_train.size()), 0), folds, run.cv.seed);
    cv = cross_validate_regression(d.X_train, d.y_train, fold_of_row, folds, lambdas, options, [&](int f) {
      report(context, "cv", f + 1, folds);
      return true;
    }, fold_source(context));
  }
  if (sharing(context)) return OrderedJson();  // this instance's pieces are in its WorkShare

  std::vector<RegressionModel> path;
  if (path_fits) {
    path = std::move(*path_fits);
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

  if (cv) {
    result["cv"] = {{"folds", cv->folds},
                    {"metric", "mse"},
                    {"lambda_min", lambdas[static_cast<std::size_t>(cv->index_min)]},
                    {"lambda_1se", lambdas[static_cast<std::size_t>(cv->index_1se)]},
                    {"index_min", cv->index_min},
                    {"index_1se", cv->index_1se},
                    {"mean", cv->mean},
                    {"se", cv->se}};
    if (run.select == "lambda_min") options.lambda = lambdas[static_cast<std::size_t>(cv->index_min)];
    if (run.select == "lambda_1se") options.lambda = lambdas[static_cast<std::size_t>(cv->index_1se)];
  }

  // The final model, warm-started from the nearest path point at or above its lambda.
  LeastSquaresData data(d.X_train, d.y_train);
  const RegressionModel* warm = nullptr;
  for (std::size_t k = 0; k < lambdas.size(); ++k)
    if (lambdas[k] >= options.lambda) warm = &path[k];
  const RegressionModel model = fit_linear_regression(data, options, warm);
  auto predict = [&](const Eigen::MatrixXd& X) { return model.predict(X); };

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
  for (std::size_t j = 0; j < names.size(); ++j) magnitude[names[j]] = std::abs(model.coef(static_cast<Eigen::Index>(j)));
  ordered["importance"] = {{"coefficient", magnitude},
                           {"permutation", permutation_block(d, predict, spec["split"]["seed"].get<std::uint64_t>())}};
  return ordered;
}

}  // namespace lab
