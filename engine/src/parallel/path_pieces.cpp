#include "parallel/path_pieces.hpp"

#include "lab/error.hpp"

namespace lab {
namespace {

void put(PieceNumbers& n, const Eigen::Ref<const Eigen::MatrixXd>& values) {
  n.push_back(static_cast<double>(values.rows()));
  n.push_back(static_cast<double>(values.cols()));
  for (Eigen::Index c = 0; c < values.cols(); ++c)
    for (Eigen::Index r = 0; r < values.rows(); ++r) n.push_back(values(r, c));
}

double take(const PieceNumbers& n, std::size_t& at) {
  if (at >= n.size()) fail_field("pieces", "a path piece ends early: it was not made by this engine version");
  return n[at++];
}

Eigen::MatrixXd take_matrix(const PieceNumbers& n, std::size_t& at) {
  const auto rows = static_cast<Eigen::Index>(take(n, at)), cols = static_cast<Eigen::Index>(take(n, at));
  if (rows < 0 || cols < 0 || static_cast<std::size_t>(rows * cols) > n.size() - at)
    fail_field("pieces", "a path piece ends early: it was not made by this engine version");
  Eigen::MatrixXd out(rows, cols);
  for (Eigen::Index c = 0; c < cols; ++c)
    for (Eigen::Index r = 0; r < rows; ++r) out(r, c) = n[at++];
  return out;
}

}  // namespace

PieceNumbers to_numbers(const LinearModel& m) {
  PieceNumbers n{m.intercept, static_cast<double>(m.n_iter), m.train_log_loss, m.train_accuracy};
  put(n, m.coef);
  return n;
}

void from_numbers(const PieceNumbers& n, std::size_t& at, LinearModel& m) {
  m.intercept = take(n, at);
  m.n_iter = static_cast<int>(take(n, at));
  m.train_log_loss = take(n, at);
  m.train_accuracy = take(n, at);
  m.coef = take_matrix(n, at);  // a column
}

PieceNumbers to_numbers(const SoftmaxModel& m) {
  PieceNumbers n{static_cast<double>(m.n_iter)};
  put(n, m.intercept);
  put(n, m.coef);
  return n;
}

void from_numbers(const PieceNumbers& n, std::size_t& at, SoftmaxModel& m) {
  m.n_iter = static_cast<int>(take(n, at));
  m.intercept = take_matrix(n, at);
  m.coef = take_matrix(n, at);
}

PieceNumbers to_numbers(const RegressionModel& m) {
  PieceNumbers n{m.intercept, static_cast<double>(m.n_iter)};
  put(n, m.coef);
  return n;
}

void from_numbers(const PieceNumbers& n, std::size_t& at, RegressionModel& m) {
  m.intercept = take(n, at);
  m.n_iter = static_cast<int>(take(n, at));
  m.coef = take_matrix(n, at);
}

FoldSource fold_source(const RunContext& context) {
  if (!context.share) return {};
  WorkShare* share = context.share;
  return [share](int fold, const std::function<PieceNumbers()>& compute) {
    return share->piece("cv/" + std::to_string(fold), compute);
  };
}

}  // namespace lab
