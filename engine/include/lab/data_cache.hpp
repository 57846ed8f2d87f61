// The prepared data set a caller keeps between its runs: a learner's reruns (a control moved)
// and a worker pool's merge after its share parse and preprocess the CSV once. The caller owns
// it (the wasm bindings keep one per engine instance) and lends it to runs through
// RunContext::data_cache; a run without one prepares its data afresh.
#pragma once
#include <memory>

namespace lab {

class DataCache {
 public:
  DataCache();
  ~DataCache();
  DataCache(const DataCache&) = delete;
  DataCache& operator=(const DataCache&) = delete;

  struct Kept;  // data/prepared_cache.cpp: at most one data set, keyed by spec and CSV text
  Kept& kept() { return *kept_; }

 private:
  std::unique_ptr<Kept> kept_;
};

}  // namespace lab
