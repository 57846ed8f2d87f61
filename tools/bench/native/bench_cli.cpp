// engine_bench (native): the bench's in-process timer of whole runs, variant latency, and
// Google Benchmark micro-benchmarks of the hot kernels (for profiling, not for the report).
//   engine_bench run SPEC.json [--repeats N]        -> {"times_ms": [...]}
//   engine_bench latency SPEC.json [--budget-ms X]  -> [{name, single_row, whole_test_set}, ...]
//   engine_bench micro [--benchmark_filter=...]     -> Google Benchmark's table
#include <benchmark/benchmark.h>

#include <iostream>
#include <string>

#include "core/files.hpp"
#include "core/json_text.hpp"
#include "data/dataset_builder.hpp"
#include "engine_bench.hpp"
#include "models/mlp.hpp"
#include "models/regularization_path.hpp"
#include "train/mlp_trainer.hpp"

namespace {

using lab::Json;

Json read_spec(const std::string& path, lab::RunContext& context) {
  context.base_dir = lab::parent_dir(path);
  return lab::parse_json_text(lab::read_text_file(path), path);
}

const lab::PreparedData& titanic() {
  static const lab::PreparedData data = [] {
    Json spec = Json::parse(R"({
      "dataset": { "csv": "widgets/data/titanic.csv", "target": "survived", "positive": "yes",
                   "features": ["gender","age","class","embarked","fare","sibsp","parch"],
                   "where": { "class": ["1st","2nd","3rd"] } },
      "preprocess": { "log1p": ["fare"] }, "split": { "test": 0.2, "validation": 0, "seed": 42 } })");
    lab::RunContext context;
    context.base_dir = LAB_SOURCE_DIR;
    return lab::prepare_data(lab::normalize_spec(spec), context);
  }();
  return data;
}

void BM_FitPath(benchmark::State& state) {
  const auto& d = titanic();
  lab::LogisticOptions options;
  options.l1_ratio = static_cast<double>(state.range(0)) / 100.0;
  const auto lambdas = lab::lambda_sequence(lab::lambda_max(d.X_train, d.y_train, options.l1_ratio), 100, 1e-4);
  for (auto _ : state) benchmark::DoNotOptimize(lab::fit_path(d.X_train, d.y_train, lambdas, options));
}
BENCHMARK(BM_FitPath)->Arg(0)->Arg(100)->Arg(50)->Unit(benchmark::kMillisecond);

void BM_MlpBatch(benchmark::State& state) {
  const auto& d = titanic();
  lab::Rng rng(7);
  lab::MlpOptions options;
  options.dropout = 0.3;
  lab::Mlp model(static_cast<int>(d.X_train.cols()), options, rng);
  const Eigen::MatrixXf Xt = d.X_train.topRows(32).transpose().cast<float>();
  const Eigen::VectorXf y = d.y_train.head(32).cast<float>();
  Eigen::VectorXf grads(model.parameter_count());
  for (auto _ : state) benchmark::DoNotOptimize(model.forward_backward(Xt, y, rng, grads));
}
BENCHMARK(BM_MlpBatch)->Unit(benchmark::kMicrosecond);

void BM_MlpEpochs(benchmark::State& state) {
  const auto& d = titanic();
  lab::MlpOptions options;
  options.dropout = 0.3;
  lab::TrainOptions train;
  train.epochs = 10;
  for (auto _ : state) {
    lab::Rng rng(7);
    lab::Mlp model(static_cast<int>(d.X_train.cols()), options, rng);
    benchmark::DoNotOptimize(lab::train_mlp(model, lab::TrainData{d.X_train, d.y_train}, train, {}, rng));
  }
}
BENCHMARK(BM_MlpEpochs)->Unit(benchmark::kMillisecond);

int usage() {
  std::cerr
      << "usage: engine_bench run SPEC.json [--repeats N] | latency SPEC.json [--budget-ms X] | micro [gbench flags]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string command = argv[1];
  try {
    if (command == "micro") {
      int count = argc - 1;
      benchmark::Initialize(&count, argv + 1);
      benchmark::RunSpecifiedBenchmarks();
      return 0;
    }
    if (argc < 3) return usage();
    lab::RunContext context;
    const Json spec = read_spec(argv[2], context);
    int repeats = 5;
    double budget_ms = 150;
    for (int i = 3; i + 1 < argc; i += 2) {
      const std::string flag = argv[i];
      if (flag == "--repeats")
        repeats = std::stoi(argv[i + 1]);
      else if (flag == "--budget-ms")
        budget_ms = std::stod(argv[i + 1]);
      else
        return usage();
    }
    if (command == "run") {
      std::cout << Json{{"times_ms", lab::bench::time_runs(spec, context, repeats)}}.dump() << "\n";
      return 0;
    }
    if (command == "latency") {
      std::cout << lab::bench::variant_latency(spec, context, budget_ms).dump() << "\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "engine_bench: " << e.what() << "\n";
    return 1;
  }
  return usage();
}
