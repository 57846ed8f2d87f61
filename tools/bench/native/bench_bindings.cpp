// bench_engine.mjs: the bench-only wasm module the bench page loads next to the shipped
// engine.mjs. Same engine library; exposes the in-process timers of engine_bench.hpp.
#include <emscripten/bind.h>

#include <string>

#include "engine_bench.hpp"
#include "guarded.hpp"
#include "lab/data_cache.hpp"
#include "lab/error.hpp"

namespace {

using lab::Json;

lab::RunContext context_of(const std::string& files) {
  static lab::DataCache kept;  // as the engine's bindings keep one per instance
  lab::RunContext context;
  context.data_cache = &kept;
  const Json parsed = Json::parse(files);  // named: items() must not outlive it
  for (auto& [path, text] : parsed.items()) context.files[path] = text.get<std::string>();
  return context;
}

using lab::bindings::guarded;

std::string time_runs(const std::string& spec, const std::string& files, int repeats) {
  return guarded([&] {
    return Json{{"ok", true}, {"times_ms", lab::bench::time_runs(Json::parse(spec), context_of(files), repeats)}}
        .dump();
  });
}

std::string variant_latency(const std::string& spec, const std::string& files, double budget_ms) {
  return guarded([&] {
    lab::OrderedJson out{{"ok", true},
                         {"variants", lab::bench::variant_latency(Json::parse(spec), context_of(files), budget_ms)}};
    return out.dump();
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(lab_bench) {
  emscripten::function("timeRuns", &time_runs);
  emscripten::function("variantLatency", &variant_latency);
}
