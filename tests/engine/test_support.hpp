// Shared helpers of the engine tests: the repository's files and a Titanic spec.
#pragma once
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "lab/diagnostic.hpp"
#include "lab/error.hpp"
#include "lab/json.hpp"

namespace lab::test {

inline std::string source_path(const std::string& relative) { return std::string(LAB_SOURCE_DIR) + "/" + relative; }

// Diagnostics one per line, as lab-cli prints them (for failure messages and text checks).
inline std::string diagnostics_text(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) s += d.str() + "\n";
  return s;
}

inline int error_count(const std::vector<Diagnostic>& ds) {
  int n = 0;
  for (const auto& d : ds) n += d.severity == "error";
  return n;
}

inline std::string read_source(const std::string& relative) {
  std::ifstream in(source_path(relative), std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The lesson's passenger data set and features; callers patch the model/train sections.
inline Json titanic_spec() {
  return Json::parse(R"({
    "dataset": { "csv": "widgets/data/titanic.csv", "target": "survived", "positive": "yes",
                 "features": ["gender","age","class","embarked","fare","sibsp","parch"],
                 "where": { "class": ["1st","2nd","3rd"] } },
    "preprocess": { "impute": "median", "scale": "standard", "log1p": ["fare"] },
    "split": { "test": 0.2, "validation": 0.2, "stratify": true, "seed": 42 }
  })");
}

// 200 rows of a smooth numeric target, 100 + 30 sin(x1) + 12 x2, noise-free: a regression any
// flexible model fits with R² near 1 while the target's mean alone scores 0.
inline std::string smooth_regression_csv() {
  std::string csv = "x1,x2,y\n";
  for (int i = 0; i < 200; ++i) {
    const double x1 = (i % 20) / 4.0, x2 = ((i * 7) % 13) / 3.0;
    csv +=
        std::to_string(x1) + "," + std::to_string(x2) + "," + std::to_string(100 + 30 * std::sin(x1) + 12 * x2) + "\n";
  }
  return csv;
}

// scikit-learn's n_iter_no_change rule, written out independently of NoChangeStopper: continue
// while the loss beats (by more than tol) at least one of the last n accepted losses; returns
// the 1-based stage that stops, 0 if none does.
inline int sklearn_stop_stage(const std::vector<double>& losses, int n, double tol) {
  std::vector<double> history(static_cast<std::size_t>(n), std::numeric_limits<double>::infinity());
  for (std::size_t i = 0; i < losses.size(); ++i) {
    bool improves = false;
    for (double h : history) improves = improves || losses[i] + tol < h;
    if (!improves) return static_cast<int>(i) + 1;
    history[i % static_cast<std::size_t>(n)] = losses[i];
  }
  return 0;
}

// True when the CI environment variable says this is a CI run (set, not "", "0" or "false").
inline bool in_ci() {
  const char* value = std::getenv("CI");
  if (!value) return false;
  const std::string v = value;
  return !v.empty() && v != "0" && v != "false";
}

// The message of the lab::Error thrown by `body`, or "" if none is thrown.
template <typename Body>
std::string error_of(Body body) {
  try {
    body();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace lab::test

// Skips the running test when `present` is false, with `reason`; under CI the missing input is
// a failure instead, so that a CI run cannot pass by skipping. A macro: GTEST_SKIP and FAIL
// return from the test body.
#define LAB_SKIP_UNLESS_PRESENT(present, reason)                                     \
  do {                                                                               \
    if (!(present)) {                                                                \
      if (lab::test::in_ci()) FAIL() << (reason) << " (under CI this is a failure)"; \
      GTEST_SKIP() << (reason);                                                      \
    }                                                                                \
  } while (false)
