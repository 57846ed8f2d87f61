// Every documented resource limit of the engine, in one place, checked before work starts.
// docs/limits.md is generated from this file (tools/gen_docs.mjs); a test keeps the two equal.
// Each line: constant, value, and after `//` what it bounds (the docs' wording).
#pragma once
#include <cstddef>

namespace lab::limits {
// One limit a line, its doc on the same line: tools/docs/limits-doc.mjs reads this file into
// docs/limits.md, so clang-format must not wrap these lines.
// clang-format off

// ---- files --------------------------------------------------------------------------------
constexpr std::size_t kMaxFileBytes = 64u << 20;         // any file read (CSV, spec, widget), in bytes
constexpr std::size_t kMaxLessonBytes = 8u << 20;        // a lesson file, in bytes
constexpr std::size_t kMaxFrontMatterBytes = 256u << 10; // a lesson's YAML front matter, in bytes
constexpr std::size_t kMaxWidgetBytes = 8u << 20;        // a widget file checked by the validator, in bytes
constexpr int kMaxJsonDepth = 256;                       // nesting of a spec's JSON
constexpr std::size_t kMaxWidgetJsonDepth = 64;          // nesting of a widget file's JSON (validator)
constexpr std::size_t kMaxYamlDepth = 64;                // nesting of a lesson's front matter
constexpr std::size_t kMaxYamlNodes = 100000;            // YAML nodes in a lesson's front matter
constexpr long long kMaxLessonMinutes = 600;             // a lesson's duration_min

// ---- data ---------------------------------------------------------------------------------
constexpr int kMaxRows = 200000;           // CSV data rows
constexpr int kMaxColumns = 200;           // CSV columns
constexpr int kMaxDesignColumns = 2000;    // design-matrix columns after one-hot encoding
constexpr int kMaxCategories = 200;        // distinct values of one categorical column
constexpr int kMinTrainRows = 4;           // least training rows a split may leave (a minimum)
constexpr int kMinTrainRowsPerClass = 1;   // least training rows of each class (a minimum)
constexpr int kMaxClasses = 50;           // classes of a multi-class target
constexpr int kMinHeldOutRows = 1;         // least rows of the test and of the validation split, when asked for (a minimum)

// ---- models and runs ----------------------------------------------------------------------
constexpr int kMaxLayers = 8;              // MLP hidden layers
constexpr int kMaxUnits = 1024;            // units per MLP hidden layer
constexpr int kMaxEpochs = 5000;           // training epochs
constexpr int kMaxLambdas = 500;           // lambdas on a regularization path
constexpr int kMaxFolds = 20;              // cross-validation folds
constexpr int kMaxVariants = 64;           // trade-off variants
constexpr int kMaxScenarios = 16;          // trade-off scenarios
constexpr int kMaxExperiments = 32;        // named experiments in one spec
constexpr int kMaxTreeDepth = 32;          // decision-tree depth
constexpr int kMaxTrees = 2000;            // boosted trees
constexpr int kMaxBins = 255;              // value bins per feature of histogram boosting (bin codes are bytes, the missing bin is one more)
constexpr double kMaxFineTuneSteps = 1e9;  // fine-tuning steps of a compressed variant
constexpr int kMaxDeployedWidth = 65535;   // layer width of a deployed (compressed) MLP: sizes are u16
constexpr double kMaxSeed = 4294967295.0;  // any seed (32 bits)

// ---- memory -------------------------------------------------------------------------------
// Equal to -sMAXIMUM_MEMORY in bindings/CMakeLists.txt (a test keeps the two equal).
constexpr std::size_t kMaxRunMemoryBytes = 1u << 30;  // memory one run is estimated to need (from the data and model, before training starts), in bytes

// clang-format on

}  // namespace lab::limits
