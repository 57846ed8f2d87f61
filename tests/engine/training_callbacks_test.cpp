#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "train/callbacks/early_stopping.hpp"
#include "train/schedule.hpp"

namespace {

struct Outcome {
  int stopped = 0, best = 0;
};

// Feeds a scripted sequence of monitored values (epoch 1, 2, ...) as Keras would see them.
Outcome run(const lab::EarlyStoppingOptions& o, const std::vector<double>& values) {
  lab::EarlyStopping s(o);
  for (std::size_t i = 0; i < values.size(); ++i)
    if (s.end_epoch(static_cast<int>(i) + 1, values[i])) break;
  return {s.stopped_epoch(), s.best_epoch()};
}

TEST(EarlyStopping, StopsPatienceEpochsAfterTheBest) {
  lab::EarlyStoppingOptions o;
  o.patience = 3;
  auto r = run(o, {1.0, 0.8, 0.7, 0.75, 0.72, 0.71, 0.69, 0.6});
  EXPECT_EQ(r.best, 3);
  EXPECT_EQ(r.stopped, 6);  // three epochs without improvement after epoch 3
}

TEST(EarlyStopping, MinDeltaDecidesWhatCountsAsImprovement) {
  lab::EarlyStoppingOptions o;
  o.patience = 2;
  o.min_delta = 0.05;
  auto r = run(o, {1.0, 0.97, 0.96, 0.5});
  EXPECT_EQ(r.best, 1);  // 0.97 and 0.96 improve by less than 0.05
  EXPECT_EQ(r.stopped, 3);
}

TEST(EarlyStopping, PatienceZeroStopsAtFirstNonImprovementButNeverOnEpochOne) {
  lab::EarlyStoppingOptions o;
  o.patience = 0;
  EXPECT_EQ(run(o, {1.0, 1.1, 0.5}).stopped, 2);  // Keras: wait >= 0 on the first non-improving epoch
  o.monitor = "val_accuracy";
  auto r = run(o, {0.7, 0.8, 0.8});
  EXPECT_EQ(r.stopped, 3);  // equal is not better in max mode
  EXPECT_EQ(r.best, 2);
}

TEST(EarlyStopping, AccuracyMonitorMaximizesInAutoMode) {
  lab::EarlyStoppingOptions o;
  o.monitor = "val_accuracy";
  o.patience = 2;
  auto r = run(o, {0.6, 0.7, 0.65, 0.69, 0.71});
  EXPECT_EQ(r.best, 2);
  EXPECT_EQ(r.stopped, 4);
}

TEST(EarlyStopping, StartFromEpochIgnoresEarlyEpochs) {
  lab::EarlyStoppingOptions o;
  o.patience = 1;
  o.start_from_epoch = 2;
  auto r = run(o, {0.1, 0.2, 0.5, 0.6});
  EXPECT_EQ(r.best, 3);
  EXPECT_EQ(r.stopped, 4);
}

TEST(EarlyStopping, RunsToTheEndWhenAlwaysImproving) {
  lab::EarlyStoppingOptions o;
  o.patience = 1;
  auto r = run(o, {5, 4, 3, 2, 1});
  EXPECT_EQ(r.stopped, 0);
  EXPECT_EQ(r.best, 5);
}

TEST(Schedule, StepExponentialCosineAndWarmup) {
  lab::ScheduleOptions s;
  EXPECT_DOUBLE_EQ(lab::learning_rate_at(s, 0.1, 50, 100), 0.1);
  s.type = "step";
  s.step_size = 10;
  s.gamma = 0.5;
  EXPECT_DOUBLE_EQ(lab::learning_rate_at(s, 0.1, 9, 100), 0.1);
  EXPECT_DOUBLE_EQ(lab::learning_rate_at(s, 0.1, 10, 100), 0.05);
  EXPECT_DOUBLE_EQ(lab::learning_rate_at(s, 0.1, 25, 100), 0.025);
  s.type = "exponential";
  s.gamma = 0.9;
  EXPECT_NEAR(lab::learning_rate_at(s, 0.1, 3, 100), 0.1 * 0.729, 1e-15);
  s.type = "cosine";
  s.min_lr = 0.001;
  EXPECT_DOUBLE_EQ(lab::learning_rate_at(s, 0.1, 0, 11), 0.1);
  EXPECT_NEAR(lab::learning_rate_at(s, 0.1, 5, 11), 0.0505, 1e-12);
  EXPECT_NEAR(lab::learning_rate_at(s, 0.1, 10, 11), 0.001, 1e-12);
  s.warmup = 4;
  EXPECT_DOUBLE_EQ(lab::learning_rate_at(s, 0.1, 0, 11), 0.025);
  EXPECT_DOUBLE_EQ(lab::learning_rate_at(s, 0.1, 3, 11), 0.1);
  EXPECT_DOUBLE_EQ(lab::learning_rate_at(s, 0.1, 4, 11), 0.1);
}

}  // namespace
