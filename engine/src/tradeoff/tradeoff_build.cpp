#include "tradeoff/tradeoff_build.hpp"

#include <algorithm>
#include <cmath>

#include "compress/classic_formats.hpp"
#include "compress/fine_tune.hpp"
#include "compress/mlp_formats.hpp"
#include "compress/quantize.hpp"
#include "experiment/model_kinds.hpp"
#include "experiment/runners.hpp"
#include "lab/error.hpp"
#include "metrics/task_metrics.hpp"
#include "models/regularization_path.hpp"
#include "tradeoff/tradeoff_schema.hpp"
#include "train/train_schema.hpp"

namespace lab {
namespace {

constexpr Eigen::Index kCalibrationRows = 2048;

std::vector<TrainingCallback*> pointers(std::vector<std::unique_ptr<EarlyStoppingCallback>>& owned) {
  std::vector<TrainingCallback*> out;
  for (auto& c : owned) out.push_back(c.get());
  return out;
}

std::vector<std::unique_ptr<EarlyStoppingCallback>> early_stopping_of(const Json& train) {
  std::vector<std::unique_ptr<EarlyStoppingCallback>> out;
  if (train.contains("early_stopping"))
    out.push_back(std::make_unique<EarlyStoppingCallback>(
        fill_options<EarlyStoppingOptions>(*early_stopping_schema(), train["early_stopping"])));
  return out;
}

OrderedJson int8_weight_error(const FrozenMlp& net, const MlpInt8Model& q) {
  double max_abs = 0, sum_abs = 0, max_steps = 0;
  long count = 0;
  for (std::size_t l = 0; l < net.layers.size(); ++l) {
    const Eigen::MatrixXf back = q.dequantized(l);
    const Int8Layer& L = q.layers()[l];
    for (int j = 0; j < L.out; ++j)
      for (int k = 0; k < L.in; ++k) {
        const double e = std::abs(static_cast<double>(back(j, k)) - net.layers[l].W(j, k));
        max_abs = std::max(max_abs, e);
        max_steps = std::max(max_steps, e / L.scale_of(j));
        sum_abs += e;
        ++count;
      }
  }
  return OrderedJson{
      {"max_abs", max_abs}, {"mean_abs", count ? sum_abs / static_cast<double>(count) : 0.0}, {"max_steps", max_steps}};
}

OrderedJson fp16_weight_error(const FrozenMlp& net, const FrozenMlp& decoded) {
  double max_abs = 0, sum_abs = 0, max_relative = 0;
  long count = 0;
  for (std::size_t l = 0; l < net.layers.size(); ++l) {
    const Eigen::ArrayXXf diff = (decoded.layers[l].W - net.layers[l].W).array().abs();
    max_abs = std::max(max_abs, static_cast<double>(diff.maxCoeff()));
    sum_abs += diff.sum();
    count += diff.size();
    for (Eigen::Index i = 0; i < diff.size(); ++i) {
      const float w = std::abs(net.layers[l].W(i));
      if (w > 6.2e-5f) max_relative = std::max(max_relative, static_cast<double>(diff(i) / w));  // normal float16 range
    }
  }
  return OrderedJson{{"max_abs", max_abs},
                     {"mean_abs", count ? sum_abs / static_cast<double>(count) : 0.0},
                     {"max_relative", max_relative}};
}

}  // namespace

VariantBuilder::VariantBuilder(const PreparedData& data) : data_(data), X_train_(to_float_rows(data.X_train)) {
  if (!data.task.classification()) target_ = TargetScale::of(data.y_train);
  mlp_y_train_ = target_.standardize(data.y_train);
  mlp_y_val_ = target_.standardize(data.y_val);
}

OutputHead VariantBuilder::mlp_head() const {
  if (data_.task.classification()) return OutputHead::of_scores(data_.task);
  return OutputHead::affine(static_cast<float>(target_.scale), static_cast<float>(target_.mean));
}

Eigen::MatrixXf VariantBuilder::teacher_scores(const DeployedModel& teacher) const {
  const Eigen::MatrixXd p = teacher.predict(X_train_).transpose();  // outputs x rows
  if (!data_.task.classification()) return ((p.array() - target_.mean) / target_.scale).cast<float>();
  // Clipping keeps a tree's 0/1 leaves finite.
  const Eigen::ArrayXXd q = p.array().max(1e-7).min(1 - 1e-7);
  if (data_.task.kind == TaskKind::Binary) return (q / (1 - q)).log().cast<float>();
  return q.log().cast<float>();
}

const VariantBuilder::TrainedMlp& VariantBuilder::trained_mlp(const Json& spec) {
  const std::string key = spec["model"].dump() + spec["train"].dump();
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  const Json& t = spec["train"];
  const TrainOptions options = fill_options<TrainOptions>(*train_schema(), t);
  Rng rng(options.seed);
  TrainedMlp trained{Mlp(static_cast<int>(data_.X_train.cols()), model_options<MlpOptions>("mlp", spec["model"]), rng,
                         mlp_head_for(data_.task), data_.task.outputs()),
                     0};
  auto callbacks = early_stopping_of(t);
  trained.epochs_run = train_mlp(trained.model, mlp_data(), options, pointers(callbacks), rng);
  return cache_.emplace(key, std::move(trained)).first->second;
}

BuiltVariant VariantBuilder::build(const Json& spec, const Json& compress,
                                   const std::map<std::string, const DeployedModel*>& teachers) {
  const Json& m = spec["model"];
  const std::string type = m["type"].get<std::string>();
  if (type == "mlp") return build_mlp(spec, compress, teachers);
  BuiltVariant out;
  const int features = static_cast<int>(X_train_.cols());
  const Task& task = data_.task;
  if (type == "logistic_regression" && task.kind == TaskKind::Binary) {
    const LogisticOptions o = model_options<LogisticRunOptions>("logistic_regression", m).fit;
    const LinearModel fit = fit_logistic(data_.X_train, data_.y_train, o);
    out.model = std::make_unique<LinearDeployed>(fit);
    out.training = {{"lambda", o.lambda},
                    {"l1_ratio", o.l1_ratio},
                    {"iterations", fit.n_iter},
                    {"zero_coefficients", fit.coef.size() - fit.nonzero()}};
  } else if (type == "logistic_regression") {
    const LogisticOptions o = model_options<LogisticRunOptions>("logistic_regression", m).fit;
    const SoftmaxModel fit = fit_multinomial(data_.X_train, data_.y_train, task.class_count(), o);
    out.model = std::make_unique<LinearDeployed>(fit);
    out.training = {{"lambda", o.lambda},
                    {"l1_ratio", o.l1_ratio},
                    {"iterations", fit.n_iter},
                    {"zero_coefficients", fit.coef.size() - fit.nonzero()}};
  } else if (type == "linear_regression") {
    const LinearRegressionOptions o = model_options<LinearRegressionRunOptions>("linear_regression", m).fit;
    const RegressionModel fit = fit_linear_regression(data_.X_train, data_.y_train, o);
    out.model = std::make_unique<LinearDeployed>(fit);
    out.training = {{"lambda", o.lambda},
                    {"l1_ratio", o.l1_ratio},
                    {"iterations", fit.n_iter},
                    {"zero_coefficients", fit.coef.size() - fit.nonzero()}};
  } else if (type == "decision_tree") {
    const TreeOptions o = model_options<TreeOptions>("decision_tree", m);
    TreeOptions grow = o;
    grow.ccp_alpha = 0;
    const Tree full = fit_decision_tree(X_train_, data_.y_train, grow, tree_criterion(task), task.class_count());
    const Tree tree = o.ccp_alpha > 0 ? prune_tree(full, o.ccp_alpha) : full;
    out.model = std::make_unique<TreeDeployed>(features, CompactTree::from(tree));
    out.model->set_head(OutputHead::of_probabilities(task));
    out.training = {{"depth", tree.depth()},
                    {"leaves", tree.leaves()},
                    {"unpruned_leaves", full.leaves()},
                    {"ccp_alpha", o.ccp_alpha}};
    return out;
  } else if (type == "gradient_boosting") {
    const BoostingOptions o = model_options<BoostingOptions>("gradient_boosting", m);
    const FloatRows X_val = to_float_rows(data_.X_val);
    BoostingHistory h;
    const BoostedTrees fit =
        fit_boosting(X_train_, data_.y_train, &X_val, &data_.y_val, o, &h, {}, boosting_loss(task), task.class_count());
    out.model = std::make_unique<BoostedDeployed>(features, fit);
    out.training = {{"stages", fit.trees.size()},
                    {"n_estimators", o.n_estimators},
                    {"stopped_early", h.stopped_early},
                    {"best_stage", h.best_stage}};
  } else {
    fail_field("model.type", "a trade-off variant cannot build a '" + type + "' model");
  }
  out.model->set_head(OutputHead::of_scores(task));
  return out;
}

BuiltVariant VariantBuilder::build_mlp(const Json& spec, const Json& compress,
                                       const std::map<std::string, const DeployedModel*>& teachers) {
  BuiltVariant out;
  const Json& t = spec["train"];
  const TrainOptions train = fill_options<TrainOptions>(*train_schema(), t);
  const Json none = Json::object();
  const Json& c = compress.is_object() ? compress : none;
  const TrainData data = mlp_data();
  Mlp model;
  int epochs_run = 0;
  if (c.contains("distill")) {
    const DistillOptions d = compress_options<DistillOptions>("distill", c["distill"]);
    const DeployedModel& teacher = *teachers.at(d.teacher);
    Distillation distill{teacher_scores(teacher), d.temperature, d.alpha};
    Rng rng(train.seed);
    model = Mlp(static_cast<int>(data_.X_train.cols()), model_options<MlpOptions>("mlp", spec["model"]), rng,
                mlp_head_for(data_.task), data_.task.outputs());
    auto callbacks = early_stopping_of(t);
    epochs_run = train_mlp(model, data, train, pointers(callbacks), rng, StepHooks{}, &distill);
    const TrainedMlp& alone = trained_mlp(spec);  // the same student without a teacher
    MlpFp32Model alone_form(FrozenMlp::from(alone.model));
    alone_form.set_head(mlp_head());
    out.training["teacher"] = d.teacher;
    out.training[std::string("student_alone_") + data_.task.main_score()] =
        main_score(data_.task, data_.y_test, alone_form.predict(to_float_rows(data_.X_test)));
  } else {
    const TrainedMlp& trained = trained_mlp(spec);
    model = trained.model;
    epochs_run = trained.epochs_run;
  }
  out.training["epochs_run"] = epochs_run;
  const bool compressed = c.contains("prune") || c.contains("quantize");
  if (compressed && !c.contains("distill")) {
    out.base = std::make_unique<MlpFp32Model>(FrozenMlp::from(model));
    out.base->set_head(mlp_head());
    out.base_label = "the same MLP before compression";
  }

  bool sparse = false, pruned_units = false;
  if (c.contains("prune")) {
    const PruneOptions o = compress_options<PruneOptions>("prune", c["prune"]);
    Rng rng = Rng(train.seed).fork(0x9E3779B1u);  // its own stream: fine-tuning shuffles
    const long steps = prune_and_fine_tune(model, data, train, o, {}, rng);
    out.training["fine_tune_epochs"] = o.epochs;
    out.training["fine_tune_steps"] = steps;
    out.training["kernel_sparsity"] = kernel_sparsity(model);
    sparse = !o.units;
    pruned_units = o.units;
  }
  FrozenMlp net = FrozenMlp::from(model);
  if (pruned_units) {
    net = net.without_dead_units();
    const std::vector<int> sizes = net.sizes();
    out.training["hidden_after_pruning"] = std::vector<int>(sizes.begin() + 1, sizes.end() - 1);
  }
  if (c.contains("quantize")) {
    const QuantizeOptions o = compress_options<QuantizeOptions>("quantize", c["quantize"]);
    if (o.bits == 8) {
      // Calibration reads at most kCalibrationRows training rows: ranges settle long before
      // that, and activations of every row of a large set would not fit in memory.
      const Eigen::Index rows = std::min<Eigen::Index>(X_train_.rows(), kCalibrationRows);
      auto int8 = std::make_unique<MlpInt8Model>(net, o, X_train_.topRows(rows));
      out.weight_error = int8_weight_error(net, *int8);
      out.model = std::move(int8);
    } else {
      auto half = std::make_unique<MlpFp16Model>(net);
      out.weight_error = fp16_weight_error(net, half->decoded());
      out.model = std::move(half);
    }
  } else if (sparse) {
    out.model = std::make_unique<MlpSparseModel>(net);
  } else {
    out.model = std::make_unique<MlpFp32Model>(net);
  }
  out.model->set_head(mlp_head());
  return out;
}

}  // namespace lab
