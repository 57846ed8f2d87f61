#include "eval/latency.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace lab {
namespace {

using Clock = std::chrono::steady_clock;

double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

// Per-call times of `run(k)`, k = 0, 1, ..., measured over blocks of repeated calls: browsers
// coarsen performance.now() (Chromium's worker clock steps by 100 us), so a single fast call
// reads as 0. The block size doubles until one block lasts at least `block_us`; then blocks
// run until `budget_us` has passed (at least `min_runs`, at most `max_runs` calls in all), and
// each block contributes its mean call time.
std::vector<double> time_calls(const std::function<void(int)>& run, double budget_us, double block_us, int min_runs,
                               int max_runs) {
  std::vector<double> times;
  const Clock::time_point start = Clock::now();
  int calls = 0, block = 1;
  auto run_block = [&](int count) {
    const Clock::time_point t0 = Clock::now();
    for (int i = 0; i < count; ++i) run(calls++);
    return micros(Clock::now() - t0);
  };
  while (true) {  // calibrate the block size
    const double took = run_block(block);
    if (took >= block_us || calls >= max_runs / 2) {
      times.push_back(took / block);
      break;
    }
    block *= 2;
  }
  while (calls + block <= max_runs) {
    times.push_back(run_block(block) / block);
    if (static_cast<int>(times.size()) >= min_runs && micros(Clock::now() - start) >= budget_us) break;
  }
  return times;
}

}  // namespace

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double position = q * static_cast<double>(v.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, v.size() - 1);
  return v[below] + (position - static_cast<double>(below)) * (v[above] - v[below]);
}

Latency measure_latency(const std::function<void(int)>& predict_row, int rows,
                        const std::function<void()>& predict_batch, const LatencyOptions& o) {
  Latency out;
  out.batch_rows = rows;
  if (rows <= 0) return out;
  // Warm caches and allocators so the first timed call is not an outlier of setup work.
  predict_batch();
  for (int i = 0; i < std::min(rows, 8); ++i) predict_row(i);
  const double half_budget = o.budget_ms * 1000.0 / 2;
  const double block_us = o.block_ms * 1000.0;
  std::vector<double> single =
      time_calls([&](int k) { predict_row(k % rows); }, half_budget, block_us, o.min_runs, o.max_single_runs);
  std::vector<double> batch =
      time_calls([&](int) { predict_batch(); }, half_budget, block_us, o.min_runs, o.max_batch_runs);
  out.single_median_us = percentile(single, 0.5);
  out.single_p90_us = percentile(single, 0.9);
  out.batch_median_us = percentile(batch, 0.5);
  out.batch_p90_us = percentile(batch, 0.9);
  out.single_runs = static_cast<int>(single.size());
  out.batch_runs = static_cast<int>(batch.size());
  return out;
}

OrderedJson Latency::to_json() const {
  return OrderedJson{{"single_median_us", single_median_us},
                     {"single_p90_us", single_p90_us},
                     {"batch_median_us", batch_median_us},
                     {"batch_p90_us", batch_p90_us},
                     {"batch_rows", batch_rows},
                     {"single_runs", single_runs},
                     {"batch_runs", batch_runs}};
}

}  // namespace lab
