// Logistic regression runs: the final model, and optionally the regularization path and
// cross-validation over it (which can choose the final lambda).
#include <cmath>
#include <optional>

#include "data/split.hpp"
#include "eval/metrics.hpp"
#include "experiment/runners.hpp"
#include "models/regularization_path.hpp"
#include "parallel/path_pieces.hpp"

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
OrderedJson brief_metrics(const LinearModel& m, const Eigen::MatrixXd& X, const Eigen::VectorXd& y, bool training_rows) {
  if (y.size() == 0) return OrderedJson();
  if (training_rows && std::isfinite(m.train_log_loss)) return brief_metrics(m.train_accuracy, m.train_log_loss);
  const LossAndAccuracy at = decision_loss_and_accuracy(m.decision(X), y);
  return brief_metrics(at.accuracy, at.log_loss);
}

}  // namespace

OrderedJson run_logistic(const Json& spec, const PreparedData& d, const RunContext& context) {
  const Json& m = spec["model"];
  const LogisticRunOptions run = spec_options<LogisticRunOptions>("model.logistic_regression", m);
  LogisticOptions options = run.fit;
  const auto& names = d.preprocessor.columns;
  OrderedJson result;

  std::vector<double> lambdas;
  std::optional<std::vector<LinearModel>> path_fits;
  std::optional<CrossValidation> cv;
  if (m.contains("path") || m.contains("cv")) {
    const int count = run.path.n_lambda;
    const double top = lambda_max(d.X_train, d.y_train, options.l1_ratio);
    lambdas = lambda_sequence(top, count, run.path.lambda_min_ratio);
    path_fits = path_piece<LinearModel>(context, [&] {
      return fit_path(d.X_train, d.y_train, lambdas, options, [&](int k, const LinearModel& fit) {
        report(context, "path", k + 1, count,
               Json{{"lambda", lambdas[static_cast<std::size_t>(k)]}, {"nonzero", fit.nonzero()}});
        return true;
      });
    });
  }
  if (m.contains("cv")) {
    std::vector<int> labels(static_cast<std::size_t>(d.y_train.size()));
    for (Eigen::Index i = 0; i < d.y_train.size(); ++i) labels[static_cast<std::size_t>(i)] = d.y_train(i) > 0.5;
    const int folds = run.cv.folds;
    auto fold_of_row = stratified_folds(labels, folds, run.cv.seed);
    cv = cross_validate(d.X_train, d.y_train, fold_of_row, folds, lambdas, options, [&](int f) {
      report(context, "cv", f + 1, folds);
      return true;
    }, fold_source(context));
  }
  if (sharing(context)) return OrderedJson();  // this instance's pieces are in its WorkShare

  std::vector<LinearModel> path;
  if (path_fits) {
    path = std::move(*path_fits);
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

  if (cv) {
    result["cv"] = {{"folds", cv->folds},
                    {"lambda_min", lambdas[static_cast<std::size_t>(cv->index_min)]},
                    {"lambda_1se", lambdas[static_cast<std::size_t>(cv->index_1se)]},
                    {"index_min", cv->index_min},
                    {"index_1se", cv->index_1se},
                    {"mean", cv->mean},
                    {"se", cv->se}};
    const std::string& select = run.select;
    if (select == "lambda_min") options.lambda = lambdas[static_cast<std::size_t>(cv->index_min)];
    if (select == "lambda_1se") options.lambda = lambdas[static_cast<std::size_t>(cv->index_1se)];
  }

  // The final model, warm-started from the nearest path point when there is one.
  const LinearModel* warm = nullptr;
  for (const auto& fit : path) warm = &fit;
  for (std::size_t k = 0; k < lambdas.size(); ++k)
    if (lambdas[k] >= options.lambda) warm = &path[k];
  LinearModel model = fit_logistic(d.X_train, d.y_train, options, warm);
  auto predict = [&](const Eigen::MatrixXd& X) { return model.predict_proba(X); };

  OrderedJson model_json;
  model_json["type"] = "logistic_regression";
  model_json["lambda"] = options.lambda;
  model_json["l1_ratio"] = options.l1_ratio;
  model_json["C"] = options.lambda > 0 ? OrderedJson(1.0 / (options.lambda * static_cast<double>(d.y_train.size()))) : OrderedJson();
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
