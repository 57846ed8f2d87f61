// MLP runs: build, train with history/early-stopping/progress callbacks, evaluate.
#include <cmath>

#include "experiment/runners.hpp"
#include "train/callbacks/early_stopping.hpp"
#include "train/callbacks/history.hpp"
#include "train/mlp_trainer.hpp"

namespace lab {

OrderedJson run_mlp(const Json& spec, const PreparedData& d, const RunContext& context) {
  const Json& t = spec["train"];
  const TrainOptions options = spec_options<TrainOptions>("train", t);
  Rng rng(options.seed);
  Mlp model(static_cast<int>(d.X_train.cols()), spec_options<MlpOptions>("model.mlp", spec["model"]), rng);

  HistoryCallback history([&](const Json& row) { report(context, "train", row["epoch"].get<int>(), options.epochs, row); });
  std::vector<TrainingCallback*> callbacks{&history};
  std::unique_ptr<EarlyStoppingCallback> early;
  if (t.contains("early_stopping")) {
    early = std::make_unique<EarlyStoppingCallback>(spec_options<EarlyStoppingOptions>("train.early_stopping", t["early_stopping"]));
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
