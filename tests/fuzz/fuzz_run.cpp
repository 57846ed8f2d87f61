// libFuzzer harness: a whole run on tiny data. The input's first line is a JSON patch over a
// small logistic-regression/MLP spec, the rest is the CSV. Runs are kept small (few epochs and
// lambdas) so each input stays fast; anything the spec allows must end in a result or an error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "lab/error.hpp"
#include "lab/experiment.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto newline = text.find('\n');
  if (newline == std::string::npos) return 0;
  lab::Json patch = lab::Json::parse(text.substr(0, newline), nullptr, false);
  if (patch.is_discarded() || !patch.is_object()) return 0;
  lab::Json spec = lab::Json::parse(R"({"dataset":{"csv":"d.csv","target":"y"},
                                        "split":{"test":0.25,"validation":0.25,"seed":1},
                                        "model":{"type":"logistic_regression","lambda":0.01},
                                        "train":{"epochs":3,"batch_size":4}})");
  spec.merge_patch(patch);
  // Bound the work an input can ask for, so the fuzzer explores inputs instead of waiting.
  if (spec["train"].is_object()) spec["train"]["epochs"] = 3;
  // Cross-validation runs a whole path per fold (100 lambdas by default): keep it to 5 lambdas
  // too, or one input takes seconds under the sanitizers' instrumentation (a "timeout" finding).
  if (spec["model"].is_object() && (spec["model"].contains("path") || spec["model"].contains("cv")))
    spec["model"]["path"] = {{"n_lambda", 5}};
  spec.erase("experiments");
  spec.erase("variants");
  lab::RunContext context;
  context.files["d.csv"] = text.substr(newline + 1);
  try {
    (void)lab::run_experiment(spec, context).dump();
  } catch (const lab::Error&) {
  } catch (const lab::Json::exception&) {
    // A patch that breaks a JSON type the runner reads after validation is still a finding
    // unless validation rejects it first; normalize_spec is expected to catch these.
    __builtin_trap();
  }
  return 0;
}
