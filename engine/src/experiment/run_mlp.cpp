// MLP runs: build, train with history/early-stopping/progress callbacks, evaluate.
// The output head follows the task: sigmoid (binary), softmax (multi-class), linear
// (regression). A numeric target is trained standardized (z-scores), so one learning rate
// suits targets of any scale; predictions are mapped back to the target's units.
#include <cmath>

#include "experiment/model_kinds.hpp"
#include "experiment/runners.hpp"
#include "lab/error.hpp"
#include "tasks/target_scale.hpp"
#include "train/callbacks/early_stopping.hpp"
#include "train/callbacks/history.hpp"
#include "train/mlp_trainer.hpp"
#include "train/train_schema.hpp"

namespace lab {
MlpHead mlp_head_for(const Task& task) {
  switch (task.kind) {
    case TaskKind::Binary:
      return MlpHead::Sigmoid;
    case TaskKind::Multiclass:
      return MlpHead::Softmax;
    case TaskKind::Regression:
      return MlpHead::Linear;
  }
  return MlpHead::Sigmoid;
}

OrderedJson run_mlp(const Json& spec, const PreparedData& d, const RunContext& context) {
  const Json& t = spec["train"];
  const TrainOptions options = fill_options<TrainOptions>(*train_schema(), t);
  const MlpHead head = mlp_head_for(d.task);
  if (head == MlpHead::Linear && t.contains("early_stopping")) {
    const std::string monitor = t["early_stopping"]["monitor"].get<std::string>();
    if (monitor.find("accuracy") != std::string::npos)
      fail_field("train.early_stopping.monitor",
                 "'" + monitor + "' is not defined for a numeric (regression) target; use 'val_loss' or 'loss'");
  }
  Rng rng(options.seed);
  Mlp model(static_cast<int>(d.X_train.cols()), model_options<MlpOptions>("mlp", spec["model"]), rng, head,
            d.task.outputs());

  HistoryCallback history(
      [&](const Json& row) { report(context, "train", row["epoch"].get<int>(), options.epochs, row); });
  std::vector<TrainingCallback*> callbacks{&history};
  std::unique_ptr<EarlyStoppingCallback> early;
  if (t.contains("early_stopping")) {
    early = std::make_unique<EarlyStoppingCallback>(
        fill_options<EarlyStoppingOptions>(*early_stopping_schema(), t["early_stopping"]));
    callbacks.push_back(early.get());
  }
  const TargetScale target = head == MlpHead::Linear ? TargetScale::of(d.y_train) : TargetScale{};
  const Eigen::VectorXd y_train = target.standardize(d.y_train);
  const Eigen::VectorXd y_val = target.standardize(d.y_val);
  const int epochs_run = train_mlp(model, TrainData{d.X_train, y_train, &d.X_val, &y_val}, options, callbacks, rng);
  report_fitted(context);
  auto predict = [&](const Eigen::MatrixXd& X) -> Prediction {
    if (head != MlpHead::Linear) return model.predict(X);
    return (model.predict(X).array() * target.scale + target.mean).matrix();
  };

  OrderedJson result;
  result["model"] = {{"type", "mlp"},
                     {"sizes", model.sizes()},
                     {"parameters", model.parameter_count()},
                     {"activation", model.options().activation},
                     {"dropout", model.options().dropout},
                     {"batch_norm", model.options().batch_norm}};
  if (head == MlpHead::Linear)  // the history's losses are on this scale
    result["model"]["target_standardized"] = {{"mean", target.mean}, {"std", target.scale}};
  result["metrics"] = split_metrics(d, predict);
  result["history"] = history.rows();
  if (early) {
    const EarlyStopping& s = early->stopper();
    result["early_stopping"] = {{"monitor", s.options().monitor},
                                {"best_epoch", s.best_epoch()},
                                {"best_value", std::isfinite(s.best()) ? OrderedJson(s.best()) : OrderedJson()},
                                {"stopped_epoch", s.stopped_epoch()},
                                {"restored", early->restored()},
                                {"epochs_run", epochs_run},
                                {"epochs_saved", options.epochs - epochs_run}};
  }
  result["importance"] = {{"permutation", permutation_block(d, predict, spec["split"]["seed"].get<std::uint64_t>())}};
  return result;
}

}  // namespace lab
