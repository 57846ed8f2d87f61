// Inference latency measured by running the models, in interleaved rounds: every form (and
// every kernel of a form that has several) is timed once per round, A B C A B C ..., so a
// slow stretch of the machine (another tab, a thermal step, the page's own work) hits all of
// them alike, and two forms are compared round by round (the ratio of their times in the same
// round) rather than by medians taken at different moments.
//
// One measurement is a block of repeated calls lasting >= block_ms (browsers coarsen
// performance.now(): Chromium's worker clock steps by 100 us, so one fast call reads as 0), timed
// with std::chrono::steady_clock (in the browser build it reads performance.now(), so the
// numbers are the learner's own machine). Single-row calls take the rows in turn; batch calls
// predict the whole batch. Rounds repeat until the budget is spent (at least min_rounds).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "lab/json.hpp"

namespace lab {

struct LatencyOptions {
  double budget_ms_per_form = 80;  // the rounds' total budget is this times the forms timed
  double block_ms = 1;             // a measurement lasts at least this long
  int min_rounds = 15;             // enough for a stable median and a 10-90 % spread
  int max_rounds = 400;
};

// What is timed: predict_row(i) predicts row i alone (i < rows); predict_batch() the batch.
// `prepare`, if set, runs before each of the form's measurements (selects its kernel).
struct TimedForm {
  std::function<void(int)> predict_row;
  std::function<void()> predict_batch;
  std::function<void()> prepare;
};

// Per-call times, one per round, in µs, and the calls each measurement made.
struct RoundTimes {
  std::vector<double> single_us, batch_us;
  int single_calls = 1, batch_calls = 1;
};

std::vector<RoundTimes> time_interleaved(const std::vector<TimedForm>& forms, int rows,
                                         const LatencyOptions& options = {});

struct Latency {
  double single_median_us = 0, single_p10_us = 0, single_p90_us = 0;
  double batch_median_us = 0, batch_p10_us = 0, batch_p90_us = 0;
  int single_runs = 0, batch_runs = 0, batch_rows = 0, rounds = 0;
  OrderedJson to_json() const;
};

Latency summarize(const RoundTimes& times, int batch_rows);

// A form against another, round by round: the median and 10-90 % range of t_a / t_b over the
// rounds. "faster" or "slower" only when that whole range is on one side of 1 and the median
// differs by more than `min_change` (5 %): otherwise "within_noise".
struct Comparison {
  double ratio = 1, low = 1, high = 1;
  std::string verdict;  // "faster", "slower", "within_noise"
  OrderedJson to_json() const;
};
Comparison compare_rounds(const std::vector<double>& a, const std::vector<double>& b, double min_change = 0.05);

// How unsteady the machine was while timing: the median over forms of p90 / p10 of their
// per-round times. A quiet machine reads about 1.1; above kBusySpread the page was busy.
double round_spread(const std::vector<RoundTimes>& times);
constexpr double kBusySpread = 1.6;

// Linear interpolation between closest ranks (numpy's default), q in [0, 1].
double percentile(std::vector<double> values, double q);

}  // namespace lab
