#include "compress/fine_tune.hpp"

#include <cmath>
#include <numeric>

#include "metrics/metrics.hpp"

namespace lab {

long prune_and_fine_tune(Mlp& model, const TrainData& data, TrainOptions train, const PruneOptions& o,
                         const std::vector<TrainingCallback*>& callbacks, Rng& rng) {
  const long batch = std::max<long>(1, std::min<long>(train.batch_size, static_cast<long>(data.X.rows())));
  const long steps_per_epoch = (static_cast<long>(data.X.rows()) + batch - 1) / batch;
  const long total_steps = steps_per_epoch * o.epochs;
  Eigen::VectorXf mask = prune_mask(model, o.gradual ? o.initial_sparsity : o.sparsity, o);
  apply_mask(model, mask);

  StepHooks hooks;
  hooks.after = [&](long, Mlp& m) { apply_mask(m, mask); };
  PolynomialDecay schedule;
  if (o.gradual) {
    schedule.initial_sparsity = o.initial_sparsity;
    schedule.final_sparsity = o.sparsity;
    schedule.begin_step = o.begin_step;
    schedule.end_step = o.end_step >= 0 ? o.end_step : o.begin_step + (3 * total_steps) / 4;
    schedule.frequency = o.frequency;
    schedule.power = o.power;
    hooks.before = [&](long step, Mlp& m) {
      if (!schedule.should_prune(step)) return;
      mask = prune_mask(m, schedule.sparsity(step), o);
      apply_mask(m, mask);
    };
  }
  train.epochs = o.epochs;
  if (o.epochs > 0) train_mlp(model, data, train, callbacks, rng, hooks);
  // A schedule that had not finished (too few steps) or was never run ends at the target.
  mask = prune_mask(model, o.sparsity, o);
  apply_mask(model, mask);
  return total_steps;
}

}  // namespace lab
