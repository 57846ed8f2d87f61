// One trade-off variant from spec to shipping form: train its model, apply its "compress"
// section (distill, then prune, then quantize), and hand back the deployed form with what the
// trade-off row reports about how it was made. Variants whose model and train sections agree
// share one trained MLP (the fp32, pruned and quantized rows start from the same network, so
// their differences are the compression's alone). Every task kind: the models fit the task's
// target and each shipping form ends in the task's output head (a network on a numeric target
// trains on it standardized and un-standardizes in an affine head).
#pragma once
#include <map>
#include <memory>
#include <string>

#include "compress/deployed.hpp"
#include "data/dataset_builder.hpp"
#include "models/mlp.hpp"
#include "tasks/target_scale.hpp"
#include "train/mlp_trainer.hpp"

namespace lab {

// A variant's compress.distill section.
struct DistillOptions {
  std::string teacher;  // an earlier variant's name
  double temperature = 2;
  double alpha = 0.5;  // weight of the hard labels' loss
};

struct BuiltVariant {
  std::unique_ptr<DeployedModel> model;
  // The same trained model uncompressed when it was pruned or quantized (not distilled: a
  // student is compared with its teacher's row); score_change compares against it.
  std::unique_ptr<DeployedModel> base;
  std::string base_label;  // what `base` is, for the row
  OrderedJson training = OrderedJson::object();
  OrderedJson weight_error;  // quantized forms: stored weights against the fp32 ones
};

class VariantBuilder {
 public:
  explicit VariantBuilder(const PreparedData& data);

  // `spec`: the variant's merged, normalized spec; `compress`: its normalized compress section
  // (or null); `teachers`: deployed models of earlier variants by name.
  BuiltVariant build(const Json& spec, const Json& compress,
                     const std::map<std::string, const DeployedModel*>& teachers);

  const FloatRows& train_rows() const { return X_train_; }

 private:
  struct TrainedMlp {
    Mlp model;
    int epochs_run = 0;
  };
  const TrainedMlp& trained_mlp(const Json& spec);
  BuiltVariant build_mlp(const Json& spec, const Json& compress,
                         const std::map<std::string, const DeployedModel*>& teachers);
  TrainData mlp_data() const { return TrainData{data_.X_train, mlp_y_train_, &data_.X_val, &mlp_y_val_}; }
  OutputHead mlp_head() const;
  // The teacher's prediction on the training rows as the student's head sees scores: log-odds,
  // log-probabilities (softmax is unchanged by a shift) or standardized values.
  Eigen::MatrixXf teacher_scores(const DeployedModel& teacher) const;

  const PreparedData& data_;
  FloatRows X_train_;
  TargetScale target_;  // regression: the standardization the network trains on
  Eigen::VectorXd mlp_y_train_, mlp_y_val_;
  std::map<std::string, TrainedMlp> cache_;
};

}  // namespace lab
