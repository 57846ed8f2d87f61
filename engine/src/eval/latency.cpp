#include "eval/latency.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace lab {
namespace {

using Clock = std::chrono::steady_clock;

double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

// Calls per measurement so that one lasts at least `block_us`: doubles from 1 until it does.
int calibrate(const std::function<void(int)>& call, double block_us, int& next) {
  int block = 1;
  while (true) {
    const Clock::time_point t0 = Clock::now();
    for (int i = 0; i < block; ++i) call(next++);
    if (micros(Clock::now() - t0) >= block_us || block >= (1 << 20)) return block;
    block *= 2;
  }
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

std::vector<RoundTimes> time_interleaved(const std::vector<TimedForm>& forms, int rows, const LatencyOptions& o) {
  std::vector<RoundTimes> out(forms.size());
  if (rows <= 0 || forms.empty()) return out;
  const double block_us = o.block_ms * 1000;
  std::vector<int> single_block(forms.size()), batch_block(forms.size()), next_row(forms.size(), 0);
  for (std::size_t f = 0; f < forms.size(); ++f) {  // warm caches and allocators, then size the blocks
    const TimedForm& form = forms[f];
    if (form.prepare) form.prepare();
    form.predict_batch();
    int next = 0;
    single_block[f] = calibrate([&](int k) { form.predict_row(k % rows); }, block_us, next);
    batch_block[f] = calibrate([&](int) { form.predict_batch(); }, block_us, next);
  }
  const double budget_us = o.budget_ms_per_form * 1000 * static_cast<double>(forms.size());
  const Clock::time_point start = Clock::now();
  for (int round = 0; round < o.max_rounds; ++round) {
    // Each round starts at a different form, so no form is always the one after a pause.
    for (std::size_t i = 0; i < forms.size(); ++i) {
      const std::size_t f = (i + static_cast<std::size_t>(round)) % forms.size();
      const TimedForm& form = forms[f];
      if (form.prepare) form.prepare();
      Clock::time_point t0 = Clock::now();
      for (int c = 0; c < single_block[f]; ++c) form.predict_row(next_row[f]++ % rows);
      out[f].single_us.push_back(micros(Clock::now() - t0) / single_block[f]);
      t0 = Clock::now();
      for (int c = 0; c < batch_block[f]; ++c) form.predict_batch();
      out[f].batch_us.push_back(micros(Clock::now() - t0) / batch_block[f]);
    }
    if (round + 1 >= o.min_rounds && micros(Clock::now() - start) >= budget_us) break;
  }
  for (std::size_t f = 0; f < forms.size(); ++f) {
    out[f].single_calls = single_block[f];
    out[f].batch_calls = batch_block[f];
  }
  return out;
}

Latency summarize(const RoundTimes& t, int batch_rows) {
  Latency l;
  l.single_median_us = percentile(t.single_us, 0.5);
  l.single_p10_us = percentile(t.single_us, 0.1);
  l.single_p90_us = percentile(t.single_us, 0.9);
  l.batch_median_us = percentile(t.batch_us, 0.5);
  l.batch_p10_us = percentile(t.batch_us, 0.1);
  l.batch_p90_us = percentile(t.batch_us, 0.9);
  l.rounds = static_cast<int>(t.single_us.size());
  l.single_runs = l.rounds * t.single_calls;
  l.batch_runs = l.rounds * t.batch_calls;
  l.batch_rows = batch_rows;
  return l;
}

Comparison compare_rounds(const std::vector<double>& a, const std::vector<double>& b, double min_change) {
  Comparison c;
  std::vector<double> ratios;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
    if (b[i] > 0 && a[i] > 0) ratios.push_back(a[i] / b[i]);
  if (ratios.empty()) {
    c.verdict = "within_noise";
    return c;
  }
  c.ratio = percentile(ratios, 0.5);
  c.low = percentile(ratios, 0.1);
  c.high = percentile(ratios, 0.9);
  if (c.high < 1 && c.ratio < 1 - min_change)
    c.verdict = "faster";
  else if (c.low > 1 && c.ratio > 1 + min_change)
    c.verdict = "slower";
  else
    c.verdict = "within_noise";
  return c;
}

double round_spread(const std::vector<RoundTimes>& times) {
  std::vector<double> spreads;
  for (const auto& t : times)
    for (const auto* v : {&t.single_us, &t.batch_us}) {
      const double p10 = percentile(*v, 0.1);
      if (p10 > 0) spreads.push_back(percentile(*v, 0.9) / p10);
    }
  return spreads.empty() ? 1.0 : percentile(spreads, 0.5);
}

OrderedJson Latency::to_json() const {
  return OrderedJson{{"single_median_us", single_median_us},
                     {"single_p10_us", single_p10_us},
                     {"single_p90_us", single_p90_us},
                     {"batch_median_us", batch_median_us},
                     {"batch_p10_us", batch_p10_us},
                     {"batch_p90_us", batch_p90_us},
                     {"batch_rows", batch_rows},
                     {"single_runs", single_runs},
                     {"batch_runs", batch_runs},
                     {"rounds", rounds}};
}

OrderedJson Comparison::to_json() const {
  return OrderedJson{{"ratio", ratio}, {"low", low}, {"high", high}, {"verdict", verdict}};
}

}  // namespace lab
