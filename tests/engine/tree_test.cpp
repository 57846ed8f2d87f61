// Trees: CART and its cost-complexity pruning path against scikit-learn
// (tests/fixtures/parity/tree_ccp.json, from tools/make_tree_fixtures.py), and gradient
// boosting's early stopping rule with either split mode (hist_boosting_test.cpp has the rest of
// the histogram trees).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "data/dataset_builder.hpp"
#include "lab/experiment.hpp"
#include "models/boosting.hpp"
#include "models/tree.hpp"
#include "test_support.hpp"

namespace {

using lab::Json;

struct Fixture {
  Json json;
  lab::FloatRows X;
  Eigen::VectorXd y;
};

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture out;
    out.json = Json::parse(lab::test::read_source("tests/fixtures/parity/tree_ccp.json"));
    const Json& rows = out.json["X"];
    out.X.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows[0].size()));
    out.y.resize(static_cast<Eigen::Index>(rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      for (std::size_t j = 0; j < rows[i].size(); ++j)
        out.X(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j].get<float>();
      out.y(static_cast<Eigen::Index>(i)) = out.json["y"][i].get<double>();
    }
    return out;
  }();
  return f;
}

lab::TreeOptions options_of(const Json& params) {
  lab::TreeOptions o;
  o.max_depth = params["max_depth"].get<int>();
  o.min_samples_split = params["min_samples_split"].get<int>();
  o.min_samples_leaf = params["min_samples_leaf"].get<int>();
  return o;
}

TEST(TreeParity, CostComplexityPathMatchesScikitLearn) {
  const Fixture& f = fixture();
  ASSERT_EQ(f.json["cases"].size(), 3u);
  for (const Json& c : f.json["cases"]) {
    const lab::Tree tree = lab::fit_decision_tree(f.X, f.y, options_of(c["params"]));
    const lab::CcpPath path = lab::cost_complexity_pruning_path(tree);
    const auto alphas = c["ccp_alphas"].get<std::vector<double>>();
    const auto impurities = c["impurities"].get<std::vector<double>>();
    ASSERT_EQ(path.ccp_alphas.size(), alphas.size()) << c["params"].dump();
    for (std::size_t k = 0; k < alphas.size(); ++k) {
      EXPECT_NEAR(path.ccp_alphas[k], alphas[k], 1e-12) << c["params"].dump() << " step " << k;
      EXPECT_NEAR(path.impurities[k], impurities[k], 1e-12) << c["params"].dump() << " step " << k;
    }
  }
}

TEST(TreeParity, TreeStructureMatchesWhereScikitLearnIsUnambiguous) {
  const Fixture& f = fixture();
  int compared = 0;
  for (const Json& c : f.json["cases"]) {
    const lab::Tree tree = lab::fit_decision_tree(f.X, f.y, options_of(c["params"]));
    const Json& ref = c["tree"];
    EXPECT_EQ(tree.nodes.size(), ref["feature"].size()) << c["params"].dump();  // same size either way
    if (!c["structure_invariant"].get<bool>()) continue;
    ++compared;
    ASSERT_EQ(tree.nodes.size(), ref["feature"].size());
    for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
      const lab::TreeNode& n = tree.nodes[i];
      const int feature = ref["feature"][i].get<int>();
      EXPECT_EQ(n.is_leaf() ? -2 : n.feature, feature) << "node " << i;
      EXPECT_EQ(n.samples, ref["samples"][i].get<int>()) << "node " << i;
      EXPECT_NEAR(n.impurity, ref["impurity"][i].get<double>(), 1e-12) << "node " << i;
      if (!n.is_leaf()) {
        EXPECT_EQ(n.left, ref["left"][i].get<int>()) << "node " << i;  // preorder ids, as scikit-learn numbers them
        EXPECT_EQ(n.right, ref["right"][i].get<int>()) << "node " << i;
        EXPECT_NEAR(n.threshold, ref["threshold"][i].get<double>(), 1e-6) << "node " << i;
      }
    }
  }
  EXPECT_GE(compared, 1);
}

TEST(TreeParity, PrunedTreesPredictWhatScikitLearnsDo) {
  const Fixture& f = fixture();
  for (const Json& c : f.json["cases"]) {
    const lab::Tree full = lab::fit_decision_tree(f.X, f.y, options_of(c["params"]));
    for (const Json& p : c["pruned"]) {
      lab::TreeOptions o = options_of(c["params"]);
      o.ccp_alpha = p["ccp_alpha"].get<double>();
      const lab::Tree pruned = lab::fit_decision_tree(f.X, f.y, o);
      EXPECT_EQ(pruned.leaves(), p["leaves"].get<int>()) << c["params"].dump() << " alpha " << o.ccp_alpha;
      EXPECT_EQ(static_cast<int>(pruned.nodes.size()), p["nodes"].get<int>());
      const Eigen::VectorXd proba = pruned.predict(f.X);
      for (Eigen::Index i = 0; i < proba.size(); ++i)
        EXPECT_NEAR(proba(i), p["proba"][static_cast<std::size_t>(i)].get<double>(), 1e-12) << "row " << i;
      EXPECT_LE(pruned.leaves(), full.leaves());
    }
    // The path's per-step subtrees are the trees prune_tree keeps at those alphas.
    // Pruning at an alpha the next step shares goes past step k: only distinct alphas compare.
    const lab::CcpPath path = lab::cost_complexity_pruning_path(full);
    int distinct_alphas = 0;
    for (std::size_t k = 1; k < path.ccp_alphas.size(); ++k) {
      const lab::Tree step = lab::subtree_at_step(full, path, k);
      EXPECT_EQ(step.leaves(), path.leaves[k]) << k;
      if (k + 1 < path.ccp_alphas.size() && path.ccp_alphas[k + 1] > path.ccp_alphas[k]) {
        ++distinct_alphas;
        EXPECT_EQ(lab::prune_tree(full, path.ccp_alphas[k]).nodes.size(), step.nodes.size()) << k;
      }
    }
    EXPECT_GE(distinct_alphas, 1) << c["params"].dump();
  }
}

TEST(Tree, LimitsAreRespected) {
  const Fixture& f = fixture();
  lab::TreeOptions o;
  o.max_depth = 2;
  EXPECT_LE(lab::fit_decision_tree(f.X, f.y, o).depth(), 2);
  o = lab::TreeOptions{};
  o.min_samples_leaf = 7;
  for (const auto& n : lab::fit_decision_tree(f.X, f.y, o).nodes) EXPECT_GE(n.samples, 7);
  o = lab::TreeOptions{};
  o.min_samples_split = 30;
  int splits = 0;
  for (const auto& n : lab::fit_decision_tree(f.X, f.y, o).nodes)
    if (!n.is_leaf()) {
      ++splits;
      EXPECT_GE(n.samples, 30);
    }
  EXPECT_GE(splits, 1);
  // A pure node is never split; an unlimited tree fits its training rows.
  const lab::Tree full = lab::fit_decision_tree(f.X, f.y, lab::TreeOptions{});
  int pure = 0;
  for (const auto& n : full.nodes)
    if (n.impurity == 0) {
      ++pure;
      EXPECT_TRUE(n.is_leaf());
    }
  EXPECT_GE(pure, 1);
  EXPECT_EQ((full.predict(f.X).array().round() == f.y.array()).count(), f.y.size());
}

// ---- boosting -----------------------------------------------------------------------------

TEST(Boosting, NoChangeRuleOnAScriptedLossCurve) {
  // Improves to stage 4, then wobbles: stage 5 beats an older loss, stages 6-8 beat none.
  const std::vector<double> losses{0.9, 0.7, 0.6, 0.5, 0.65, 0.7, 0.69, 0.68, 0.1};
  lab::NoChangeStopper stopper(3, 0.0);
  int stopped = 0;
  for (std::size_t i = 0; i < losses.size() && !stopped; ++i)
    if (stopper.should_stop(static_cast<int>(i), losses[i])) stopped = static_cast<int>(i) + 1;
  EXPECT_EQ(stopped, 6);
  EXPECT_EQ(lab::test::sklearn_stop_stage(losses, 3, 0.0), 6);
  // tol turns small improvements into no improvement.
  lab::NoChangeStopper strict(1, 0.05);
  EXPECT_FALSE(strict.should_stop(0, 1.0));
  EXPECT_FALSE(strict.should_stop(1, 0.9));
  EXPECT_TRUE(strict.should_stop(2, 0.86));
}

lab::PreparedData titanic() {
  lab::RunContext context;
  context.base_dir = LAB_SOURCE_DIR;
  lab::Json spec = lab::test::titanic_spec();
  return lab::prepare_data(lab::normalize_spec(spec), context);
}

// Both split modes: histogram (the default) and exact.
TEST(Boosting, EarlyStoppingStopsWhereTheValidationLossStoppedImproving) {
  const lab::PreparedData d = titanic();
  const lab::FloatRows X = lab::to_float_rows(d.X_train), X_val = lab::to_float_rows(d.X_val);
  for (const bool exact : {false, true}) {
    lab::BoostingOptions o;
    o.exact_splits = exact;
    o.n_estimators = 400;
    o.learning_rate = 0.2;
    o.n_iter_no_change = 5;
    o.subsample = 0.8;
    o.seed = 3;
    lab::BoostingHistory h;
    const lab::BoostedTrees model = lab::fit_boosting(X, d.y_train, &X_val, &d.y_val, o, &h);
    ASSERT_TRUE(h.stopped_early) << "exact " << exact;
    const int stages = static_cast<int>(model.trees.size());
    EXPECT_LT(stages, 400);
    EXPECT_EQ(static_cast<int>(h.val_loss.size()), stages);
    EXPECT_EQ(lab::test::sklearn_stop_stage(h.val_loss, 5, o.tol), stages) << "exact " << exact;
    EXPECT_LT(h.best_stage, stages);  // the best stage came before the stop
    // Without early stopping every stage runs, and the training loss keeps falling.
    o.n_iter_no_change = 0;
    o.n_estimators = 60;
    lab::BoostingHistory all;
    EXPECT_EQ(lab::fit_boosting(X, d.y_train, &X_val, &d.y_val, o, &all).trees.size(), 60u);
    EXPECT_LT(all.train_loss.back(), all.train_loss.front());
  }
}

TEST(Boosting, IsDeterministicAndBeatsTheBaseRate) {
  const lab::PreparedData d = titanic();
  const lab::FloatRows X = lab::to_float_rows(d.X_train), X_test = lab::to_float_rows(d.X_test);
  for (const bool exact : {false, true}) {
    lab::BoostingOptions o;
    o.exact_splits = exact;
    o.n_estimators = 50;
    o.subsample = 0.5;
    o.seed = 11;
    const Eigen::VectorXd a = lab::fit_boosting(X, d.y_train, nullptr, nullptr, o, nullptr).predict_proba(X_test);
    const Eigen::VectorXd b = lab::fit_boosting(X, d.y_train, nullptr, nullptr, o, nullptr).predict_proba(X_test);
    EXPECT_EQ(a, b);
    long right = 0;
    for (Eigen::Index i = 0; i < a.size(); ++i) right += (a(i) > 0.5) == (d.y_test(i) > 0.5);
    EXPECT_GT(static_cast<double>(right) / static_cast<double>(a.size()), 0.75) << "exact " << exact;
  }
}

}  // namespace
