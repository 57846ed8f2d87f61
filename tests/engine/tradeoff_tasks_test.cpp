// Trade-off runs beyond yes/no: every variant kind (linear, tree, boosting, MLP and its
// compressed forms, a distilled student) on a multi-class target (iris) and on a numeric one
// (synthetic, with a known linear answer); the output heads' formats round-trip; distillation's
// softmax and squared-error gradients match finite differences.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "compress/classic_formats.hpp"
#include "compress/mlp_formats.hpp"
#include "compress/quantize.hpp"
#include "compress/serialize.hpp"
#include "core/random.hpp"
#include "export/model_parts.hpp"
#include "gradient_check.hpp"
#include "lab/experiment.hpp"
#include "models/mlp.hpp"
#include "test_support.hpp"
#include "tradeoff/result_records.hpp"

namespace {

using lab::Json;

// Each variant kind once, plus compression of the shared MLP and a distilled student.
Json variants() {
  return Json::parse(R"([
    {"name": "Linear", "model": {"type": "LINEAR"}},
    {"name": "Tree", "model": {"type": "decision_tree", "max_depth": 5}},
    {"name": "Boosted", "model": {"type": "gradient_boosting", "n_estimators": 30}},
    {"name": "MLP", "model": {"type": "mlp"}},
    {"name": "MLP fp16", "compress": {"quantize": {"bits": 16}}},
    {"name": "MLP int8", "compress": {"quantize": {"bits": 8}}},
    {"name": "MLP pruned 70%", "compress": {"prune": {"sparsity": 0.7, "epochs": 5}}},
    {"name": "MLP half the units", "compress": {"prune": {"sparsity": 0.5, "structure": "units", "epochs": 5}}},
    {"name": "Student", "model": {"type": "mlp", "hidden": [8]}, "compress": {"distill": {"teacher": "Boosted"}}}
  ])");
}

lab::OrderedJson run(const Json& spec, const lab::RunContext& c) { return lab::run_experiment(spec, c); }

std::map<std::string, lab::OrderedJson> by_name(const lab::OrderedJson& result) {
  std::map<std::string, lab::OrderedJson> out;
  for (const auto& row : result["variants"]) out[row["name"].get<std::string>()] = row;
  return out;
}

Json iris_spec() {
  Json s = Json::parse(R"({
    "dataset": {"csv": "widgets/data/iris.csv", "target": "species"},
    "split": {"test": 0.3, "validation": 0.2, "stratify": true, "seed": 3},
    "model": {"type": "mlp", "hidden": [32, 32]},
    "train": {"epochs": 80, "learning_rate": 0.01, "batch_size": 16, "seed": 5},
    "latency": {"batch_rows": 64}
  })");
  s["variants"] = variants();
  s["variants"][0]["model"]["type"] = "logistic_regression";
  return s;
}

// y = 3 x1 - 2 x2 + 0.5 x3 + 10 + noise(0.3): a linear model recovers it, R² near 1.
std::string regression_csv() {
  lab::Rng rng(17);
  std::string csv = "x1,x2,x3,y\n";
  for (int i = 0; i < 400; ++i) {
    const double x1 = rng.uniform(-2, 2), x2 = rng.uniform(-2, 2), x3 = rng.uniform(-2, 2);
    const double y = 3 * x1 - 2 * x2 + 0.5 * x3 + 10 + 0.3 * rng.normal();
    csv += std::to_string(x1) + "," + std::to_string(x2) + "," + std::to_string(x3) + "," + std::to_string(y) + "\n";
  }
  return csv;
}

Json regression_spec() {
  Json s = Json::parse(R"({
    "dataset": {"csv": "reg.csv", "target": "y"},
    "split": {"test": 0.25, "validation": 0.2, "seed": 1},
    "model": {"type": "mlp", "hidden": [32, 32]},
    "train": {"epochs": 60, "learning_rate": 0.01, "batch_size": 32, "seed": 2},
    "latency": {"batch_rows": 64}
  })");
  s["variants"] = variants();
  s["variants"][0]["model"] = {{"type", "linear_regression"}, {"lambda", 0.001}};
  return s;
}

void expect_sound_rows(const lab::OrderedJson& result) {
  // Every field as the engine declares it (tradeoff/result_records.*: the web shell's types).
  EXPECT_EQ(lab::result_mismatches("TradeoffResult", Json::parse(result.dump())), std::vector<std::string>{});
  for (const auto& row : result["variants"]) {
    EXPECT_TRUE(row["round_trip_identical"].get<bool>()) << row["name"];
    EXPECT_GT(row["size_bytes"].get<long>(), 0) << row["name"];
    EXPECT_TRUE(row["score"].is_number()) << row["name"];
  }
  EXPECT_FALSE(result["pareto"].empty());
  EXPECT_EQ(result["scenarios"].size(), 3u);
}

TEST(TradeoffTasks, IrisVariantsAreMultiClassModelsWithSoftmaxOrShareHeads) {
  lab::RunContext c;
  c.base_dir = LAB_SOURCE_DIR;
  const auto result = run(iris_spec(), c);
  EXPECT_EQ(result["data"]["task"], "multiclass");
  EXPECT_EQ(result["score"]["name"], "accuracy");
  expect_sound_rows(result);
  auto rows = by_name(result);
  for (const char* name : {"Linear", "Tree", "Boosted", "MLP", "MLP fp16", "MLP int8"})
    EXPECT_GE(rows[name]["accuracy"].get<double>(), 0.85) << name;
  EXPECT_EQ(rows["Linear"]["head"], "softmax");
  EXPECT_EQ(rows["Tree"]["head"], "identity");  // leaves hold the class shares
  EXPECT_EQ(rows["Boosted"]["head"], "softmax");
  EXPECT_EQ(rows["MLP int8"]["head"], "softmax");
  EXPECT_EQ(rows["Linear"]["parameters"].get<long>(), 3 * 4 + 3);
  EXPECT_EQ(rows["MLP int8"]["metrics"]["confusion"].size(), 3u);
  EXPECT_EQ(rows["MLP int8"]["base"]["name"], "MLP");
  EXPECT_LE(std::abs(rows["MLP int8"]["score_change"].get<double>()), 0.05);
  EXPECT_EQ(rows["MLP half the units"]["format"], "mlp_fp32");
  EXPECT_EQ(rows["MLP pruned 70%"]["format"], "mlp_sparse");
  EXPECT_EQ(rows["Student"]["base"]["name"], "Boosted");
  EXPECT_TRUE(rows["Student"]["training"].contains("student_alone_accuracy"));
  EXPECT_EQ(result["scenarios"][0]["ranking"].size(), rows.size());
}

TEST(TradeoffTasks, ANumericTargetGivesRegressionRowsInTheTargetsUnits) {
  lab::RunContext c;
  c.files["reg.csv"] = regression_csv();
  Json spec = regression_spec();
  // A scenario written for a yes/no target (ranking by AUC), run on a numeric one: it ranks by
  // R² and says why; one whose metric applies (MAE, lower is better) ranks by that.
  spec["scenarios"] = Json::parse(R"([
    {"name": "risk", "latency": "batch", "metric": "auc", "weights": {"accuracy": 1, "latency": 0, "size": 0}},
    {"name": "error", "latency": "batch", "metric": "mae", "weights": {"accuracy": 1, "latency": 0, "size": 0}},
    {"name": "plain"}])");
  const auto result = run(spec, c);
  EXPECT_EQ(result["scenarios"][0]["metric"], "score");
  EXPECT_EQ(result["scenarios"][0]["metric_note"], "ranked by r2: AUC does not apply to a regression target");
  EXPECT_EQ(result["scenarios"][1]["metric"], "mae");
  EXPECT_EQ(result["scenarios"][0]["metric_fallback"]["wanted"], "auc");
  EXPECT_EQ(result["scenarios"][0]["metric_fallback"]["used"], "r2");
  EXPECT_EQ(result["scenarios"][0]["metric_fallback"]["task"], "regression");
  EXPECT_TRUE(result["scenarios"][1]["metric_note"].is_null());
  EXPECT_TRUE(result["scenarios"][1]["metric_fallback"].is_null());
  std::string least_error;
  double best = 1e300;
  for (const auto& row : result["variants"])
    if (row["mae"].get<double>() < best) best = row["mae"].get<double>(), least_error = row["name"];
  EXPECT_EQ(result["scenarios"][1]["ranking"][0]["name"], least_error);
  EXPECT_EQ(result["data"]["task"], "regression");
  EXPECT_EQ(result["score"]["name"], "r2");
  EXPECT_EQ(result["score"]["loss"], "mse");
  expect_sound_rows(result);
  auto rows = by_name(result);
  EXPECT_GT(rows["Linear"]["r2"].get<double>(), 0.98);
  EXPECT_LT(rows["Linear"]["rmse"].get<double>(), 0.45);  // the noise is 0.3
  EXPECT_EQ(rows["Linear"]["head"], "identity");
  EXPECT_EQ(rows["MLP"]["head"], "affine");  // trained standardized, answers in the target's units
  for (const char* name :
       {"Tree", "Boosted", "MLP", "MLP fp16", "MLP int8", "MLP pruned 70%", "MLP half the units", "Student"})
    EXPECT_GT(rows[name]["r2"].get<double>(), 0.6) << name;
  EXPECT_FALSE(rows["MLP"].contains("accuracy"));
  EXPECT_TRUE(rows["Student"]["training"].contains("student_alone_r2"));
  // The scenario texts name the score the task ranks by.
  EXPECT_NE(result["scenarios"][0]["method"].get<std::string>().find("r2"), std::string::npos);
  EXPECT_NE(result["scenarios"][1]["method"].get<std::string>().find("MAE"), std::string::npos);
}

TEST(TradeoffTasks, SeededRunsRepeatExactly) {
  lab::RunContext c;
  c.files["reg.csv"] = regression_csv();
  Json s = regression_spec();
  s["variants"] = Json::array({s["variants"][3], s["variants"][5]});
  const auto a = run(s, c), b = run(s, c);
  for (std::size_t i = 0; i < a["variants"].size(); ++i)
    EXPECT_EQ(a["variants"][i]["metrics"], b["variants"][i]["metrics"]);
}

// ---- formats with other heads ----------------------------------------------------------------

lab::FloatRows rows(int n, int cols, std::uint64_t seed) {
  lab::Rng rng(seed);
  lab::FloatRows X(n, cols);
  for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = static_cast<float>(rng.uniform(-2, 2));
  return X;
}

void expect_round_trip(const lab::DeployedModel& m, const lab::FloatRows& X) {
  const auto bytes = lab::save_model(m);
  const auto loaded = lab::load_model(bytes);
  EXPECT_EQ(loaded->head().kind, m.head().kind) << lab::format_name(m.format());
  EXPECT_EQ(loaded->predict(X), m.predict(X)) << lab::format_name(m.format());
  EXPECT_EQ(lab::save_model(*loaded), bytes) << lab::format_name(m.format());
}

TEST(TradeoffTasks, EveryFormatRoundTripsWithSoftmaxAndAffineHeads) {
  lab::Rng init(4);
  lab::MlpOptions o;
  o.hidden = {6, 5};
  lab::Mlp softmax_mlp(4, o, init, lab::MlpHead::Softmax, 3);
  const lab::FrozenMlp net = lab::FrozenMlp::from(softmax_mlp);
  const lab::FloatRows X = rows(40, 4, 8);
  std::vector<std::unique_ptr<lab::DeployedModel>> forms;
  forms.push_back(std::make_unique<lab::MlpFp32Model>(net));
  forms.push_back(std::make_unique<lab::MlpFp16Model>(net));
  forms.push_back(std::make_unique<lab::MlpInt8Model>(net, lab::QuantizeOptions{}, X));
  forms.push_back(std::make_unique<lab::MlpSparseModel>(net));
  for (auto& f : forms) {
    f->set_head(lab::OutputHead::softmax(3));
    expect_round_trip(*f, X);
    const Eigen::MatrixXd p = f->predict(X);
    EXPECT_EQ(p.cols(), 3);
    EXPECT_LT((p.rowwise().sum().array() - 1).abs().maxCoeff(), 1e-12) << lab::format_name(f->format());
  }
  // The dense float form is the Mlp's own prediction.
  EXPECT_LT((forms[0]->predict(X) - softmax_mlp.predict(X.cast<double>())).cwiseAbs().maxCoeff(), 1e-6);

  lab::MlpFp32Model affine(lab::FrozenMlp::from(lab::Mlp(4, o, init, lab::MlpHead::Linear, 1)));
  affine.set_head(lab::OutputHead::affine(2.5f, -7.0f));
  expect_round_trip(affine, X);
  EXPECT_EQ(lab::save_model(affine).size(),
            lab::save_model(lab::MlpFp32Model(affine.net())).size() + 8);  // scale, shift
  const Eigen::MatrixXf raw = affine.scores(X);
  EXPECT_NEAR(affine.predict(X)(3, 0), raw(0, 3) * 2.5 - 7.0, 1e-5);

  lab::SoftmaxModel multinomial{Eigen::Vector3d(0.5, -0.25, -0.25), Eigen::MatrixXd::Zero(3, 4), 0};
  multinomial.coef(1, 2) = 1.5;
  lab::LinearDeployed linear(multinomial);
  linear.set_head(lab::OutputHead::softmax(3));
  expect_round_trip(linear, X);
  const Eigen::MatrixXd expected = multinomial.predict_proba(X.cast<double>());
  EXPECT_LT((linear.predict(X) - expected).cwiseAbs().maxCoeff(), 1e-6);

  // A multi-class tree keeps every leaf's class shares.
  Eigen::VectorXd y(40);
  for (Eigen::Index i = 0; i < 40; ++i) y(i) = X(i, 0) < -0.7 ? 0 : X(i, 0) < 0.7 ? 1 : 2;
  const lab::Tree tree = lab::fit_decision_tree(X, y, lab::TreeOptions{}, lab::SplitCriterion::Gini, 3);
  const lab::TreeDeployed deployed(4, lab::CompactTree::from(tree));
  EXPECT_EQ(deployed.score_count(), 3);
  expect_round_trip(deployed, X);
  EXPECT_LT((deployed.predict(X) - tree.predict_shares(X)).cwiseAbs().maxCoeff(), 1e-7);
}

TEST(TradeoffTasks, AHeadThatDoesNotFitTheScoresIsRefused) {
  lab::Rng init(4);
  lab::MlpOptions o;
  o.hidden = {3};
  lab::MlpFp32Model m(lab::FrozenMlp::from(lab::Mlp(2, o, init, lab::MlpHead::Softmax, 4)));
  EXPECT_EQ(lab::test::error_of([&] { m.predict(rows(2, 2, 1)); }),
            "mlp_fp32 computes 4 scores but its sigmoid head takes 1: set the task's head first");
  EXPECT_EQ(lab::test::error_of([&] { m.set_head(lab::OutputHead::softmax(3)); }),
            "a softmax head of 3 outputs cannot follow mlp_fp32 scores of width 4");
  m.set_head(lab::OutputHead::softmax(4));
  auto bytes = lab::save_model(m);
  bytes[7] = 3;  // the output count says 3 (little-endian u16 after the head kind)
  EXPECT_EQ(lab::test::error_of([&] { lab::load_model(bytes); }),
            "serialized model, byte " + std::to_string(bytes.size()) +
                ": the softmax head takes 3 scores; the model computes 4");
}

TEST(TradeoffTasks, ModelPartsCarryTheHeadForTheExporter) {
  lab::Task task;
  task.kind = lab::TaskKind::Multiclass;
  task.classes = {"a", "b", "c"};
  lab::SoftmaxModel multinomial{Eigen::Vector3d(0.5, -0.25, -0.25), Eigen::MatrixXd::Ones(3, 2), 0};
  lab::LinearDeployed linear(multinomial);
  linear.set_head(lab::OutputHead::softmax(3));
  std::string why;
  const auto parts = lab::model_parts(linear, task, why);
  EXPECT_EQ(parts["kind"], "linear");
  EXPECT_EQ(parts["coefficients"].size(), 6u);
  EXPECT_EQ(parts["head"]["kind"], "softmax");
  EXPECT_EQ(parts["head"]["output"], "probability");
  EXPECT_EQ(parts["head"]["classes"], (std::vector<std::string>{"a", "b", "c"}));
}

// ---- distillation for the softmax and linear heads ----------------------------------------

void expect_distillation_gradient(lab::MlpHead head, int outputs) {
  lab::MlpOptions o;
  o.hidden = {5};
  o.activation = "tanh";
  lab::Rng init(3);
  lab::Mlp model(4, o, init, head, outputs);
  lab::Rng data(11);
  Eigen::MatrixXf X(4, 6), teacher(outputs, 6);
  Eigen::VectorXf y(6);
  for (int c = 0; c < 6; ++c) {
    for (int r = 0; r < 4; ++r) X(r, c) = static_cast<float>(data.uniform(-1.5, 1.5));
    y(c) = head == lab::MlpHead::Linear ? static_cast<float>(data.uniform(-1, 1)) : static_cast<float>(c % outputs);
    for (int k = 0; k < outputs; ++k) teacher(k, c) = static_cast<float>(data.uniform(-3, 3));
  }
  lab::SoftTargets soft{&teacher, 2.5f, 0.3f};
  const double worst = lab::test::gradient_error(model, X, y, &soft);
  EXPECT_LT(worst, 3e-3);
  // alpha = 1: the teacher has no say.
  lab::test::expect_hard_only_is_plain(model, X, y, teacher, 2.5f, 1e-6);
}

TEST(TradeoffTasks, SoftmaxDistillationGradientMatchesFiniteDifferences) {
  expect_distillation_gradient(lab::MlpHead::Softmax, 3);
}
TEST(TradeoffTasks, SquaredErrorDistillationGradientMatchesFiniteDifferences) {
  expect_distillation_gradient(lab::MlpHead::Linear, 1);
}

}  // namespace
