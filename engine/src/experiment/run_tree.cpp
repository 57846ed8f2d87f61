// Decision-tree and gradient-boosting runs: fit, evaluate, and show what the lesson discusses
// (a tree's cost-complexity pruning path; boosting's validation curve and where it stopped).
// Every task: Gini over the classes or squared error for a tree; log loss, multinomial
// deviance or squared error for boosting.
#include <cmath>

#include "experiment/model_kinds.hpp"
#include "experiment/runners.hpp"
#include "metrics/task_metrics.hpp"

namespace lab {
namespace {

Predictor float_predictor(const std::function<Prediction(const FloatRows&)>& predict) {
  return [predict](const Eigen::MatrixXd& X) { return predict(to_float_rows(X)); };
}

// The two numbers a path row shows: the kind's main score and its loss.
OrderedJson brief(const Task& task, const Eigen::VectorXd& y, const Prediction& p) {
  if (y.size() == 0) return OrderedJson();
  if (!task.classification()) return OrderedJson{{"mse", task_loss(task, y, p)}, {"r2", main_score(task, y, p)}};
  return OrderedJson{{"accuracy", main_score(task, y, p)}, {"log_loss", task_loss(task, y, p)}};
}

// A tree's prediction for the task: P(class 1), the class shares, or the leaf mean.
Prediction tree_prediction(const Task& task, const Tree& tree, const FloatRows& X) {
  if (task.kind == TaskKind::Multiclass) return tree.predict_shares(X);
  return tree.predict(X);
}

OrderedJson number_or_null(double v) { return std::isfinite(v) ? OrderedJson(v) : OrderedJson(); }

constexpr std::size_t kScoredSteps = 100;

}  // namespace

SplitCriterion tree_criterion(const Task& task) {
  return task.classification() ? SplitCriterion::Gini : SplitCriterion::SquaredError;
}

BoostingLoss boosting_loss(const Task& task) {
  switch (task.kind) {
    case TaskKind::Binary:
      return BoostingLoss::LogLoss;
    case TaskKind::Multiclass:
      return BoostingLoss::MultinomialDeviance;
    case TaskKind::Regression:
      return BoostingLoss::SquaredError;
  }
  return BoostingLoss::LogLoss;
}

OrderedJson run_tree(const Json& spec, const PreparedData& d, const RunContext& context) {
  const TreeOptions options = model_options<TreeOptions>("decision_tree", spec["model"]);
  const FloatRows X = to_float_rows(d.X_train);
  TreeOptions grow = options;
  grow.ccp_alpha = 0;
  const Tree full = fit_decision_tree(X, d.y_train, grow, tree_criterion(d.task), d.task.class_count());
  const Tree tree = options.ccp_alpha > 0 ? prune_tree(full, options.ccp_alpha) : full;
  report_fitted(context);
  auto predict = float_predictor([&](const FloatRows& F) { return tree_prediction(d.task, tree, F); });

  // The pruning path with each subtree's size and scores, so a learner can pick ccp_alpha. A
  // deep tree on many rows has thousands of steps; the scored rows are then spread over the
  // path (at most kScoredSteps, always the first and the last), the alphas all kept.
  const CcpPath path = cost_complexity_pruning_path(full);
  OrderedJson rows = OrderedJson::array();
  const FloatRows X_val = to_float_rows(d.X_val);
  const std::size_t steps = path.ccp_alphas.size();
  std::vector<std::size_t> scored;
  for (std::size_t k = 0; k < kScoredSteps && k < steps; ++k)
    scored.push_back(steps <= kScoredSteps ? k : k * (steps - 1) / (kScoredSteps - 1));
  for (std::size_t i = 0; i < scored.size(); ++i) {
    const std::size_t k = scored[i];
    // Step 0 at alpha 0 is the unpruned tree (scikit-learn does not prune at ccp_alpha = 0).
    const Tree pruned = k == 0 ? full : subtree_at_step(full, path, k);
    OrderedJson row;
    row["step"] = k;
    row["ccp_alpha"] = path.ccp_alphas[k];
    row["impurity"] = path.impurities[k];
    row["leaves"] = pruned.leaves();
    row["depth"] = pruned.depth();
    row["train"] = brief(d.task, d.y_train, tree_prediction(d.task, pruned, X));
    row["validation"] = brief(d.task, d.y_val, tree_prediction(d.task, pruned, X_val));
    rows.push_back(row);
    report(context, "path", static_cast<int>(i) + 1, static_cast<int>(scored.size()),
           Json{{"ccp_alpha", path.ccp_alphas[k]}});
  }

  OrderedJson result;
  result["model"] = {{"type", "decision_tree"},
                     {"criterion", d.task.classification() ? "gini" : "squared_error"},
                     {"max_depth", options.max_depth},
                     {"min_samples_split", options.min_samples_split},
                     {"min_samples_leaf", options.min_samples_leaf},
                     {"ccp_alpha", options.ccp_alpha},
                     {"depth", tree.depth()},
                     {"leaves", tree.leaves()},
                     {"nodes", tree.nodes.size()},
                     {"unpruned_leaves", full.leaves()}};
  result["metrics"] = split_metrics(d, predict);
  result["ccp_path"] = {
      {"ccp_alphas", path.ccp_alphas}, {"impurities", path.impurities}, {"leaves", path.leaves}, {"scored", rows}};
  OrderedJson gini = OrderedJson::object();  // impurity decrease: Gini, or variance for regression
  const std::vector<double> importance = tree.feature_importances(static_cast<int>(X.cols()));
  for (std::size_t j = 0; j < importance.size(); ++j) gini[d.preprocessor.columns[j]] = importance[j];
  result["importance"] = {{"gini", gini},
                          {"permutation", permutation_block(d, predict, spec["split"]["seed"].get<std::uint64_t>())}};
  return result;
}

OrderedJson run_boosting(const Json& spec, const PreparedData& d, const RunContext& context) {
  const BoostingOptions options = model_options<BoostingOptions>("gradient_boosting", spec["model"]);
  const FloatRows X = to_float_rows(d.X_train), X_val = to_float_rows(d.X_val);
  BoostingHistory history;
  OrderedJson rows = OrderedJson::array();
  const BoostedTrees model = fit_boosting(
      X, d.y_train, &X_val, &d.y_val, options, &history,
      [&](int stage, double train_loss, double val_loss) {
        Json row{{"stage", stage}, {"loss", train_loss}, {"val_loss", number_or_null(val_loss)}};
        rows.push_back(row);
        report(context, "boost", stage, options.n_estimators, row);
      },
      boosting_loss(d.task), d.task.class_count());
  report_fitted(context);
  auto predict = float_predictor([&](const FloatRows& F) { return model.predict(F); });
  const int stages = model.stages();
  long leaves = 0;
  for (const auto& t : model.trees) leaves += t.leaves();

  OrderedJson result;
  result["model"] = {{"type", "gradient_boosting"},
                     {"n_estimators", options.n_estimators},
                     {"stages", stages},
                     {"learning_rate", options.learning_rate},
                     {"subsample", options.subsample},
                     {"max_depth", options.tree.max_depth},
                     {"splits", options.exact_splits ? "exact" : "histogram"},
                     {"leaves", leaves},
                     {"trees", model.trees.size()}};
  const char* loss_names[] = {"log_loss", "multinomial_deviance", "squared_error"};
  result["model"]["loss"] = loss_names[static_cast<int>(model.loss)];
  if (model.loss == BoostingLoss::MultinomialDeviance) {
    OrderedJson init = OrderedJson::object();
    for (std::size_t c = 0; c < model.class_init.size(); ++c) init[d.task.classes[c]] = model.class_init[c];
    result["model"]["init"] = init;
  } else {
    result["model"]["init"] = model.init;
  }
  result["metrics"] = split_metrics(d, predict);
  result["history"] = rows;
  if (options.n_iter_no_change > 0) {
    result["early_stopping"] = {
        {"n_iter_no_change", options.n_iter_no_change},
        {"tol", options.tol},
        {"stopped_stage", history.stopped_early ? OrderedJson(stages) : OrderedJson()},
        {"best_stage", history.best_stage},
        {"best_val_loss", history.best_stage
                              ? OrderedJson(history.val_loss[static_cast<std::size_t>(history.best_stage - 1)])
                              : OrderedJson()},
        {"stages_run", stages},
        {"stages_saved", options.n_estimators - stages}};
  }
  result["importance"] = {{"permutation", permutation_block(d, predict, spec["split"]["seed"].get<std::uint64_t>())}};
  return result;
}

}  // namespace lab
