// Documented resource limits, checked before any work starts (docs/limits.md lists them).
#pragma once

namespace lab::limits {
constexpr int kMaxRows = 200000;
constexpr int kMaxColumns = 200;           // CSV columns
constexpr int kMaxDesignColumns = 2000;    // after one-hot encoding
constexpr int kMaxCategories = 200;        // distinct values of one categorical column
constexpr int kMaxLayers = 8;
constexpr int kMaxUnits = 1024;
constexpr int kMaxEpochs = 5000;
constexpr int kMaxLambdas = 500;
constexpr int kMaxFolds = 20;
constexpr int kMaxVariants = 64;
constexpr int kMaxScenarios = 16;
constexpr int kMaxExperiments = 32;
constexpr int kMaxTreeDepth = 32;
constexpr int kMaxTrees = 2000;
}  // namespace lab::limits
