#include "engine_bench.hpp"

#include <algorithm>
#include <chrono>

#include "compress/serialize.hpp"
#include "core/float_rows.hpp"
#include "data/dataset_builder.hpp"
#include "experiment/runners.hpp"
#include "metrics/metrics.hpp"
#include "tradeoff/tradeoff_build.hpp"

namespace lab::bench {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

struct Summary {
  double median = 0, min = 0, max = 0;
  int samples = 0;
};

Summary summarize(std::vector<double> v) {
  Summary s;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  s.median = v[v.size() / 2];
  s.min = v.front();
  s.max = v.back();
  s.samples = static_cast<int>(v.size());
  return s;
}

OrderedJson to_json(const Summary& s) {
  return OrderedJson{{"median_us", s.median}, {"min_us", s.min}, {"max_us", s.max}, {"samples", s.samples}};
}

volatile double sink = 0;  // keeps timed predictions from being optimized away

}  // namespace

std::vector<double> time_runs(const Json& spec, const RunContext& context, int repeats) {
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    const Clock::time_point t0 = Clock::now();
    const std::string text = run_experiment(spec, context).dump();
    times.push_back(ms_since(t0));
    sink = sink + static_cast<double>(text.size());
  }
  return times;
}

OrderedJson variant_latency(const Json& spec_in, const RunContext& context, double budget_ms) {
  const Json spec = normalize_spec(spec_in);
  const PreparedData data = prepare_data(spec, context);
  const FloatRows X_test = to_float_rows(data.X_test);
  const int rows = static_cast<int>(X_test.rows());
  std::vector<FloatRows> single_rows;
  for (int r = 0; r < rows; ++r) single_rows.emplace_back(X_test.row(r));
  VariantBuilder builder(data);
  OrderedJson out = OrderedJson::array();
  for (std::size_t i = 0; i < spec["variants"].size(); ++i) {
    const Json& variant = spec["variants"][i];
    const Json compress = variant.contains("compress") ? variant["compress"] : Json();
    BuiltVariant built = builder.build(variant_spec(spec, i), compress, {});
    const auto model = load_model(save_model(*built.model));
    // Warm caches and the allocator.
    sink = sink + model->predict(X_test)(0, 0);
    for (int r = 0; r < std::min(rows, 16); ++r) sink = sink + model->predict(single_rows[r])(0, 0);

    // Single rows: blocks of `block` calls on consecutive rows; the per-call time of a block.
    const int block = 256;
    std::vector<double> single;
    int next_row = 0;
    const Clock::time_point start = Clock::now();
    while (single.size() < 5 || (ms_since(start) < budget_ms && single.size() < 2000)) {
      const Clock::time_point t0 = Clock::now();
      for (int k = 0; k < block; ++k) {
        sink = sink + model->predict(single_rows[static_cast<std::size_t>(next_row)])(0, 0);
        next_row = next_row + 1 == rows ? 0 : next_row + 1;
      }
      single.push_back(ms_since(t0) * 1000.0 / block);
    }
    // Whole test set: blocks of calls lasting about a millisecond each (a few microseconds for
    // a logistic regression, so single calls would be below the browser clock's 5 us step).
    const Clock::time_point probe = Clock::now();
    for (int k = 0; k < 8; ++k) sink = sink + model->predict(X_test)(0, 0);
    const double estimate_us = std::max(ms_since(probe) * 1000.0 / 8, 0.01);
    const int batch_block = static_cast<int>(std::clamp(1000.0 / estimate_us, 1.0, 256.0));
    std::vector<double> batch;
    const Clock::time_point start_batch = Clock::now();
    while (batch.size() < 10 || (ms_since(start_batch) < budget_ms && batch.size() < 2000)) {
      const Clock::time_point t0 = Clock::now();
      for (int k = 0; k < batch_block; ++k) sink = sink + model->predict(X_test)(0, 0);
      batch.push_back(ms_since(t0) * 1000.0 / batch_block);
    }
    const double accuracy = lab::accuracy(data.y_test, model->predict(X_test).col(0));
    out.push_back(OrderedJson{{"name", variant["name"]},
                              {"format", format_name(model->format())},
                              {"parameters", model->parameters()},
                              {"nonzero", model->nonzero()},
                              {"size_bytes", save_model(*model).size()},
                              {"test_accuracy", accuracy},
                              {"test_rows", rows},
                              {"single_row", to_json(summarize(single))},
                              {"single_row_block", block},
                              {"whole_test_set", to_json(summarize(batch))},
                              {"whole_test_set_block", batch_block}});
  }
  return out;
}

}  // namespace lab::bench
