// How a deployed model's raw scores become its task's prediction (a Task::outputs() wide row,
// metrics/task_metrics.hpp): the last step every shipping form shares, declared once so the
// formats, their files and the ONNX exporter agree on it.
//   sigmoid:  binary, one logit -> P(positive)
//   softmax:  multi-class, k scores -> k class probabilities
//   identity: the scores are the prediction (a tree's leaf probabilities, a regression value)
//   affine:   regression trained on a standardized target: value = score * scale + shift
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <string>

#include "tasks/task.hpp"

namespace lab {

enum class HeadKind : std::uint8_t { Sigmoid = 0, Softmax = 1, Identity = 2, Affine = 3 };

struct OutputHead {
  HeadKind kind = HeadKind::Sigmoid;
  int outputs = 1;  // scores in and prediction columns out
  float scale = 1;  // affine only
  float shift = 0;

  static OutputHead sigmoid() { return {HeadKind::Sigmoid, 1, 1, 0}; }
  static OutputHead softmax(int classes) { return {HeadKind::Softmax, classes, 1, 0}; }
  static OutputHead identity(int outputs) { return {HeadKind::Identity, outputs, 1, 0}; }
  static OutputHead affine(float scale, float shift) { return {HeadKind::Affine, 1, scale, shift}; }
  // The head of a model whose scores are log-odds / class scores / values: what a logistic,
  // multinomial or least-squares model and gradient boosting end in.
  static OutputHead of_scores(const Task& task);
  // The head of a model whose scores already are the prediction (a classification tree's leaf
  // probabilities, a regression tree's values).
  static OutputHead of_probabilities(const Task& task) { return identity(task.outputs()); }

  const char* name() const;  // "sigmoid" | "softmax" | "identity" | "affine"
  // raw: outputs x rows, column-major (one row's scores together, as the kernels leave them).
  // Returns rows x outputs, in double (the sigmoid and softmax are evaluated in double).
  Eigen::MatrixXd apply(const Eigen::MatrixXf& raw) const;
};

}  // namespace lab
