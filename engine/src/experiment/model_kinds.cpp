// Every model's options, declared once and bound to the struct the model reads.
#include "experiment/model_kinds.hpp"

#include "core/limits.hpp"
#include "experiment/runners.hpp"
#include "lab/error.hpp"
#include "models/boosting.hpp"
#include "models/linear_regression.hpp"
#include "models/mlp.hpp"
#include "models/regularization_path.hpp"
#include "models/tree.hpp"

namespace lab {
namespace {

using S = std::shared_ptr<const Schema>;
using T = OptionType;
using L = LogisticRunOptions;
using B = BoostingOptions;

// The path and cross-validation sections the penalized linear models share.
S path_schema() {
  return make_schema("path", {
                                 Option::integer("n_lambda", 100)
                                     .range(2, limits::kMaxLambdas)
                                     .bind(&RegularizationPathOptions::n_lambda)
                                     .describe("number of log-spaced lambda values from lambda_max down"),
                                 Option::number("lambda_min_ratio", 1e-4)
                                     .above(0)
                                     .below(1)
                                     .log()
                                     .bind(&RegularizationPathOptions::lambda_min_ratio)
                                     .describe("smallest lambda as a fraction of lambda_max"),
                                 Option::choice("span", {"own", "shared"}, "own")
                                     .bind_flag(&RegularizationPathOptions::shared_span, "shared")
                                     .describe("own: from this L1 share's lambda_max down (glmnet's path); shared: "
                                               "the range every L1 share needs, from ridge's lambda_max down to "
                                               "lasso's times lambda_min_ratio, so L1 and L2 paths share one axis"),
                             });
}

S cv_schema() {
  return make_schema(
      "cv",
      {
          Option::integer("folds", 5)
              .range(2, limits::kMaxFolds)
              .bind(&CrossValidationOptions::folds)
              .describe("k of k-fold cross-validation over the training rows (stratified by class for classifiers)"),
          Option::integer("seed", 0)
              .range(0, limits::kMaxSeed)
              .bind(&CrossValidationOptions::seed)
              .describe("seed of the fold assignment"),
      });
}

S logistic_schema() {
  auto path = path_schema();
  auto cv = cv_schema();
  return make_schema(
      "logistic_regression",
      {
          Option::number("lambda", 0.01)
              .range(0, 1e6)
              .log()
              .bind(&L::fit, &LogisticOptions::lambda)
              .describe("penalty strength; scikit-learn's C = 1 / (n_train * lambda)"),
          Option::number("l1_ratio", 0)
              .range(0, 1)
              .bind(&L::fit, &LogisticOptions::l1_ratio)
              .describe("elastic-net mixing alpha: 0 = L2 (ridge), 1 = L1 (lasso)"),
          Option::integer("max_iter", 1000)
              .range(1, 100000)
              .bind(&L::fit, &LogisticOptions::max_iter)
              .describe("outer (Newton) iterations per lambda"),
          Option::number("tol", 1e-14)
              .above(0)
              .below(1)
              .log()
              .bind(&L::fit, &LogisticOptions::tol)
              .describe("stop when the largest weighted coefficient change is below tol"),
          Option::object("path", path).bind(&L::path).describe("also fit the whole regularization path (warm-started)"),
          Option::object("cv", cv).bind(&L::cv).describe(
              "choose lambda_min and lambda_1se by cross-validation (needs path)"),
          Option::choice("select", {"lambda", "lambda_min", "lambda_1se"}, "lambda")
              .bind(&L::select)
              .describe("which lambda the final model uses"),
      });
}

S linear_regression_schema() {
  using R = LinearRegressionRunOptions;
  using F = LinearRegressionOptions;
  return make_schema("linear_regression",
                     {
                         Option::number("lambda", 0.01)
                             .range(0, 1e6)
                             .log()
                             .bind(&R::fit, &F::lambda)
                             .describe("penalty strength (scikit-learn's ElasticNet alpha); 0: plain least squares"),
                         Option::number("l1_ratio", 0.5)
                             .range(0, 1)
                             .bind(&R::fit, &F::l1_ratio)
                             .describe("elastic-net mixing alpha: 0 = ridge, 1 = lasso"),
                         Option::integer("max_iter", 10000)
                             .range(1, 1000000)
                             .bind(&R::fit, &F::max_iter)
                             .describe("coordinate-descent passes per lambda"),
                         Option::number("tol", 1e-14)
                             .above(0)
                             .below(1)
                             .log()
                             .bind(&R::fit, &F::tol)
                             .describe("stop when the largest scaled squared coefficient change is below tol"),
                         Option::object("path", path_schema())
                             .bind(&R::path)
                             .describe("also fit the whole regularization path (warm-started, strong-rule screening)"),
                         Option::object("cv", cv_schema())
                             .bind(&R::cv)
                             .describe("choose lambda_min and lambda_1se by cross-validated mean squared error"),
                         Option::choice("select", {"lambda", "lambda_min", "lambda_1se"}, "lambda")
                             .bind(&R::select)
                             .describe("which lambda the final model uses"),
                     });
}

S mlp_schema() {
  return make_schema(
      "mlp", {
                 Option::list("hidden", T::Integer, Json::array({32, 32}))
                     .range(1, limits::kMaxUnits)
                     .items(limits::kMaxLayers)
                     .bind(&MlpOptions::hidden)
                     .describe("units per hidden layer"),
                 Option::choice("activation", {"relu", "tanh", "sigmoid"}, "relu")
                     .bind(&MlpOptions::activation)
                     .describe("hidden-layer activation"),
                 Option::number("dropout", 0)
                     .range(0, 1)
                     .below(1)
                     .bind(&MlpOptions::dropout)
                     .describe("inverted dropout rate after each hidden layer (training only)"),
                 Option::boolean("batch_norm", false)
                     .bind(&MlpOptions::batch_norm)
                     .describe("batch normalization before each hidden activation (running statistics at inference)"),
                 Option::number("l2", 0)
                     .range(0, 10)
                     .log()
                     .bind(&MlpOptions::l2)
                     .describe("Keras-style kernel L2 penalty: l2 * sum(w^2) added to the loss"),
                 Option::number("l1", 0)
                     .range(0, 10)
                     .log()
                     .bind(&MlpOptions::l1)
                     .describe("Keras-style kernel L1 penalty: l1 * sum(|w|) added to the loss"),
                 Option::choice("init", {"auto", "he", "glorot"}, "auto")
                     .bind(&MlpOptions::init)
                     .describe("weight init (uniform); auto: he for relu, glorot otherwise"),
             });
}

S decision_tree_schema() {
  return make_schema("decision_tree",
                     {
                         Option::integer("max_depth", limits::kMaxTreeDepth)
                             .range(1, limits::kMaxTreeDepth)
                             .bind(&TreeOptions::max_depth)
                             .describe("deepest level a split may create (the root is level 0)"),
                         Option::integer("min_samples_split", 2)
                             .range(2, limits::kMaxRows)
                             .bind(&TreeOptions::min_samples_split)
                             .describe("fewest training rows a node needs to be split"),
                         Option::integer("min_samples_leaf", 1)
                             .range(1, limits::kMaxRows)
                             .bind(&TreeOptions::min_samples_leaf)
                             .describe("fewest training rows each side of a split keeps"),
                         Option::number("ccp_alpha", 0)
                             .range(0, 1)
                             .bind(&TreeOptions::ccp_alpha)
                             .describe("minimal cost-complexity pruning: every weakest link with effective alpha <= "
                                       "ccp_alpha is pruned (scikit-learn's ccp_alpha)"),
                     });
}

S gradient_boosting_schema() {
  return make_schema(
      "gradient_boosting",
      {
          Option::integer("n_estimators", 100)
              .range(1, limits::kMaxTrees)
              .bind(&B::n_estimators)
              .describe("boosting stages (trees), at most"),
          Option::number("learning_rate", 0.1)
              .above(0)
              .range(0, 1)
              .log()
              .bind(&B::learning_rate)
              .describe("shrinkage: each tree's contribution is scaled by this"),
          Option::number("subsample", 1)
              .above(0)
              .range(0, 1)
              .bind(&B::subsample)
              .describe("share of training rows each tree sees (drawn without replacement)"),
          Option::integer("max_depth", 3)
              .range(1, limits::kMaxTreeDepth)
              .bind(&B::tree, &TreeOptions::max_depth)
              .describe("depth of each tree"),
          Option::integer("min_samples_split", 2)
              .range(2, limits::kMaxRows)
              .bind(&B::tree, &TreeOptions::min_samples_split)
              .describe("fewest rows a node needs to be split"),
          Option::integer("min_samples_leaf", 1)
              .range(1, limits::kMaxRows)
              .bind(&B::tree, &TreeOptions::min_samples_leaf)
              .describe("fewest rows each side of a split keeps"),
          Option::integer("n_iter_no_change", 10)
              .optional()
              .range(1, limits::kMaxTrees)
              .bind(&B::n_iter_no_change)
              .describe("early stopping: stop when the validation loss has not beaten any of the last n stages' by tol "
                        "(scikit-learn's rule, on the split's validation rows)"),
          Option::number("tol", 1e-4)
              .range(0, 1)
              .bind(&B::tol)
              .describe("early stopping: smallest decrease of the validation log loss that counts"),
          Option::integer("seed", 0).range(0, limits::kMaxSeed).bind(&B::seed).describe("seed of the row subsampling"),
          Option::choice("splits", {"histogram", "exact"}, "histogram")
              .bind_flag(&B::exact_splits, "exact")
              .describe("histogram: features binned once, splits between bins (scikit-learn's HistGradientBoosting*, "
                        "LightGBM); exact: every threshold between sorted values (GradientBoosting*), slower"),
          Option::integer("max_bins", limits::kMaxBins)
              .range(2, limits::kMaxBins)
              .bind(&B::max_bins)
              .describe("histogram splits: bins per feature (one per distinct value when there are fewer; quantiles "
                        "otherwise)"),
          Option::number("l2_regularization", 0)
              .range(0, 1000)
              .bind(&B::l2_regularization)
              .describe(
                  "histogram splits: L2 penalty on leaf values, added to the hessian sums of every gain and leaf"),
      });
}

}  // namespace

const std::vector<ModelKind>& model_kinds() {
  static const std::vector<ModelKind> kinds{
      {"logistic_regression",
       logistic_schema(),
       {{TaskKind::Binary, &run_logistic}, {TaskKind::Multiclass, &run_multinomial}}},
      {"linear_regression", linear_regression_schema(), {{TaskKind::Regression, &run_linear}}},
      {"mlp",
       mlp_schema(),
       {{TaskKind::Binary, &run_mlp}, {TaskKind::Multiclass, &run_mlp}, {TaskKind::Regression, &run_mlp}}},
      {"decision_tree",
       decision_tree_schema(),
       {{TaskKind::Binary, &run_tree}, {TaskKind::Multiclass, &run_tree}, {TaskKind::Regression, &run_tree}}},
      {"gradient_boosting",
       gradient_boosting_schema(),
       {{TaskKind::Binary, &run_boosting},
        {TaskKind::Multiclass, &run_boosting},
        {TaskKind::Regression, &run_boosting}}},
  };
  return kinds;
}

const ModelKind& model_kind(const std::string& type) {
  for (const auto& k : model_kinds())
    if (k.type == type) return k;
  fail_field("model.type", "unknown model type '" + type + "'");
}

Runner ModelKind::runner(const Task& task) const {
  for (const auto& [kind, run] : runners)
    if (kind == task.kind) return run;
  std::string others;
  for (const auto& k : model_kinds())
    for (const auto& entry : k.runners)
      if (entry.first == task.kind) others += (others.empty() ? "'" : ", '") + k.type + "'";
  fail_field("model.type",
             "'" + type + "' does not predict " + task.name() + " targets, and this target is one " +
                 "(dataset.task decides it from the target column unless set); models that do: " + others);
}

}  // namespace lab
