// MLP runs: build, train with history/early-stopping/progress callbacks, evaluate.
#include <cmath>

#include "experiment/runners.hpp"
#include "train/callbacks/early_stopping.hpp"
#include "train/callbacks/history.hpp"
#include "train/mlp_trainer.hpp"

namespace lab {

MlpOptions mlp_options(const Json& m) {
  MlpOptions o;
  o.hidden = m["hidden"].get<std::vector<int>>();
  o.activation = m["activation"].get<std::string>();
  o.dropout = m["dropout"].get<double>();
  o.batch_norm = m["batch_norm"].get<bool>();
  o.l2 = m["l2"].get<double>();
  o.l1 = m["l1"].get<double>();
  o.init = m["init"].get<std::string>();
  return o;
}

TrainOptions train_options(const Json& t) {
  TrainOptions o;
  o.optimizer.rule = t["optimizer"].get<std::string>();
  o.optimizer.momentum = t["momentum"].get<double>();
  o.optimizer.weight_decay = t["weight_decay"].get<double>();
  o.learning_rate = t["learning_rate"].get<double>();
  o.batch_size = t["batch_size"].get<int>();
  o.epochs = t["epochs"].get<int>();
  const Json& s = t["schedule"];
  o.schedule.type = s["type"].get<std::string>();
  o.schedule.step_size = s["step_size"].get<int>();
  o.schedule.gamma = s["gamma"].get<double>();
  o.schedule.min_lr = s["min_lr"].get<double>();
  o.schedule.warmup = s["warmup"].get<int>();
  return o;
}

EarlyStoppingOptions early_stopping_options(const Json& e) {
  EarlyStoppingOptions o;
  o.monitor = e["monitor"].get<std::string>();
  o.mode = e["mode"].get<std::string>();
  o.patience = e["patience"].get<int>();
  o.min_delta = e["min_delta"].get<double>();
  o.restore_best = e["restore_best"].get<bool>();
  o.start_from_epoch = e["start_from_epoch"].get<int>();
  return o;
}

OrderedJson run_mlp(const Json& spec, const PreparedData& d, const RunContext& context) {
  const Json& t = spec["train"];
  const TrainOptions options = train_options(t);
  Rng rng(t["seed"].get<std::uint64_t>());
  Mlp model(static_cast<int>(d.X_train.cols()), mlp_options(spec["model"]), rng);

  HistoryCallback history([&](const Json& row) { report(context, "train", row["epoch"].get<int>(), options.epochs, row); });
  std::vector<TrainingCallback*> callbacks{&history};
  std::unique_ptr<EarlyStoppingCallback> early;
  if (t.contains("early_stopping")) {
    early = std::make_unique<EarlyStoppingCallback>(early_stopping_options(t["early_stopping"]));
    callbacks.push_back(early.get());
  }
  const int epochs_run = train_mlp(model, TrainData{d.X_train, d.y_train, &d.X_val, &d.y_val}, options, callbacks, rng);
  auto predict = [&](const Eigen::MatrixXd& X) { return model.predict_proba(X); };

  OrderedJson result;
  result["model"] = {{"type", "mlp"}, {"sizes", model.sizes()}, {"parameters", model.parameter_count()},
                     {"activation", model.options().activation}, {"dropout", model.options().dropout},
                     {"batch_norm", model.options().batch_norm}};
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
