// The spec's "train" section (optimizer, batches, epochs, schedule, early stopping), declared
// once and bound to the options structs train/ reads.
#include "train/train_schema.hpp"

#include "core/limits.hpp"
#include "train/callbacks/early_stopping.hpp"
#include "train/mlp_trainer.hpp"

namespace lab {

using S = std::shared_ptr<const Schema>;
using T = OptionType;

const S& schedule_schema() {
  static const S kept =
      make_schema("schedule", {
                                  Option::choice("type", {"constant", "step", "exponential", "cosine"}, "constant")
                                      .bind(&ScheduleOptions::type)
                                      .describe("learning-rate schedule, applied per epoch"),
                                  Option::integer("step_size", 30)
                                      .range(1, limits::kMaxEpochs)
                                      .bind(&ScheduleOptions::step_size)
                                      .describe("step: epochs between drops"),
                                  Option::number("gamma", 0.5)
                                      .above(0)
                                      .range(0, 1)
                                      .bind(&ScheduleOptions::gamma)
                                      .describe("step: factor per drop; exponential: factor per epoch"),
                                  Option::number("min_lr", 0)
                                      .range(0, 10)
                                      .bind(&ScheduleOptions::min_lr)
                                      .describe("cosine: final learning rate"),
                                  Option::integer("warmup", 0)
                                      .range(0, limits::kMaxEpochs)
                                      .bind(&ScheduleOptions::warmup)
                                      .describe("epochs of linear warm-up from lr/warmup"),
                              });
  return kept;
}

const S& early_stopping_schema() {
  static const S kept = make_schema(
      "early_stopping", {
                            Option::choice("monitor", {"val_loss", "val_accuracy", "loss", "accuracy"}, "val_loss")
                                .bind(&EarlyStoppingOptions::monitor)
                                .describe("quantity watched (Keras semantics)"),
                            Option::choice("mode", {"auto", "min", "max"}, "auto")
                                .bind(&EarlyStoppingOptions::mode)
                                .describe("auto: max for accuracy, min for loss"),
                            Option::integer("patience", 10)
                                .range(0, limits::kMaxEpochs)
                                .bind(&EarlyStoppingOptions::patience)
                                .describe("epochs without improvement before stopping"),
                            Option::number("min_delta", 0)
                                .range(0, 10)
                                .bind(&EarlyStoppingOptions::min_delta)
                                .describe("smallest change that counts as an improvement"),
                            Option::boolean("restore_best", true)
                                .bind(&EarlyStoppingOptions::restore_best)
                                .describe("restore the weights of the best epoch when stopping"),
                            Option::integer("start_from_epoch", 0)
                                .range(0, limits::kMaxEpochs)
                                .bind(&EarlyStoppingOptions::start_from_epoch)
                                .describe("epochs to wait before watching"),
                        });
  return kept;
}

const S& train_schema() {
  static const S kept =
      make_schema("train", {
                               Option::choice("optimizer", {"sgd", "momentum", "adam"}, "adam")
                                   .bind(&TrainOptions::optimizer, &OptimizerOptions::rule)
                                   .describe("update rule"),
                               Option::number("learning_rate", 0.001)
                                   .above(0)
                                   .range(0, 10)
                                   .log()
                                   .bind(&TrainOptions::learning_rate)
                                   .describe("initial step size"),
                               Option::number("momentum", 0.9)
                                   .range(0, 1)
                                   .below(1)
                                   .bind(&TrainOptions::optimizer, &OptimizerOptions::momentum)
                                   .describe("momentum: velocity decay"),
                               Option::integer("batch_size", 32)
                                   .range(1, limits::kMaxRows)
                                   .bind(&TrainOptions::batch_size)
                                   .describe("rows per mini-batch"),
                               Option::integer("epochs", 200)
                                   .range(1, limits::kMaxEpochs)
                                   .bind(&TrainOptions::epochs)
                                   .describe("passes over the training rows"),
                               Option::integer("seed", 7)
                                   .range(0, limits::kMaxSeed)
                                   .bind(&TrainOptions::seed)
                                   .describe("seed of initial weights, shuffles and dropout masks"),
                               Option::number("weight_decay", 0)
                                   .range(0, 1)
                                   .log()
                                   .bind(&TrainOptions::optimizer, &OptimizerOptions::weight_decay)
                                   .describe("decoupled weight decay per step (AdamW-style), on kernels"),
                               default_section("schedule", schedule_schema()).bind(&TrainOptions::schedule),
                               Option::object("early_stopping", early_stopping_schema())
                                   .describe("stop when the monitored value stops improving"),
                           });
  return kept;
}

}  // namespace lab
