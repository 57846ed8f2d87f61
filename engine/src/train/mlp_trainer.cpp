#include "train/mlp_trainer.hpp"

#include <cmath>
#include <numeric>

namespace lab {

int train_mlp(Mlp& model, const TrainData& data, const TrainOptions& options,
              const std::vector<TrainingCallback*>& callbacks, Rng& rng, const StepHooks& hooks,
              const Distillation* distill) {
  const Eigen::Index n = data.X.rows();
  const Eigen::MatrixXf Xt = data.X.transpose().cast<float>();
  const Eigen::VectorXf y = data.y.cast<float>();
  Optimizer optimizer(options.optimizer, model.params().size());
  Eigen::VectorXf grads(model.params().size());
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  const int batch_size = static_cast<int>(std::min<Eigen::Index>(options.batch_size, n));
  Eigen::MatrixXf xb;
  Eigen::VectorXf yb;
  Eigen::MatrixXf tb;
  SoftTargets soft;
  if (distill) {
    soft.teacher_scores = &tb;
    soft.temperature = static_cast<float>(distill->temperature);
    soft.alpha = static_cast<float>(distill->alpha);
  }

  long step = 0;
  int epoch = 0;
  bool stop = false;
  while (!stop && epoch < options.epochs) {
    const double lr = learning_rate_at(options.schedule, options.learning_rate, epoch, options.epochs);
    rng.shuffle(order);
    double loss_sum = 0;
    long correct_sum = 0;
    for (Eigen::Index start = 0; start < n; start += batch_size) {
      const Eigen::Index size = std::min<Eigen::Index>(batch_size, n - start);
      xb.resize(Xt.rows(), size);
      yb.resize(size);
      tb.resize(distill ? distill->teacher_scores.rows() : 0, distill ? size : 0);
      for (Eigen::Index i = 0; i < size; ++i) {
        const int row = order[static_cast<std::size_t>(start + i)];
        xb.col(i) = Xt.col(row);
        yb(i) = y(row);
        if (distill) tb.col(i) = distill->teacher_scores.col(row);
      }
      if (hooks.before) hooks.before(step, model);
      int correct = 0;
      loss_sum += model.forward_backward(xb, yb, rng, grads, true, &correct, distill ? &soft : nullptr) *
                  static_cast<double>(size);
      correct_sum += correct;
      optimizer.step(model.params(), grads, model.decay_mask(), lr);
      if (hooks.after) hooks.after(step, model);
      ++step;
    }
    ++epoch;
    EpochLogs logs;
    logs.epoch = epoch;
    logs.learning_rate = lr;
    logs.loss = loss_sum / static_cast<double>(n);
    // A regression head has no accuracy: NaN, as an absent Keras metric would be.
    logs.accuracy =
        model.head() == MlpHead::Linear ? std::nan("") : static_cast<double>(correct_sum) / static_cast<double>(n);
    logs.val_loss = logs.val_accuracy = std::nan("");
    if (data.X_val && data.X_val->rows() > 0) {
      const Mlp::Evaluation e = model.evaluate(*data.X_val, *data.y_val);
      logs.val_loss = e.loss + model.penalty();
      logs.val_accuracy = e.accuracy;
    }
    for (auto* callback : callbacks) stop = callback->end_epoch(logs, model) || stop;
  }
  for (auto* callback : callbacks) callback->end_training(model);
  return epoch;
}

}  // namespace lab
