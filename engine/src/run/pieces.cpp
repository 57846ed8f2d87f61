// count_pieces (lab/experiment.hpp): how a spec's run splits across engine instances. It reads
// the spec as run_experiment expands it, so it sits with the runners, above parallel/.
#include "lab/experiment.hpp"
#include "models/regularization_path.hpp"

namespace lab {
namespace {

// A run's pieces: its path (when it has a path or cross-validation) and one per fold.
int run_pieces(const Json& model) {
  if (!model.is_object() || !model.contains("cv")) return 0;  // a path alone is one piece: nothing to split
  const Json& cv = model["cv"];
  const int folds = cv.is_object() && cv.contains("folds") && cv["folds"].is_number_integer()
                        ? cv["folds"].get<int>()
                        : CrossValidationOptions().folds;
  return 1 + folds;
}

}  // namespace

int count_pieces(const Json& spec) {
  if (!spec.is_object()) return 0;
  if (spec.contains("variants")) return 0;  // a trade-off run trains one teacher for every variant
  if (spec.contains("experiments") && spec["experiments"].is_object()) {
    int total = 0;  // each experiment's run as run_experiment merges it (lab/experiment.hpp)
    for (auto it = spec["experiments"].begin(); it != spec["experiments"].end(); ++it)
      total += run_pieces(experiment_spec(spec, it.key())["model"]);
    return total;
  }
  return run_pieces(spec.value("model", Json()));
}

}  // namespace lab
