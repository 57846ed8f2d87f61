// The pieces of the path models' runs (logistic, multinomial, least squares): the path's fits
// and each cross-validation fold's held-out losses, as a WorkShare (lab/work_share.hpp) hands
// them out. Without a WorkShare in the run's context every piece is computed here, as before.
#pragma once
#include <functional>
#include <optional>
#include <vector>

#include "lab/error.hpp"
#include "lab/run_context.hpp"
#include "lab/work_share.hpp"
#include "models/linear_regression.hpp"
#include "models/logistic.hpp"
#include "models/multinomial.hpp"
#include "models/regularization_path.hpp"

namespace lab {

// A path model as exact numbers and back (the model's fields in a fixed order).
PieceNumbers to_numbers(const LinearModel& m);
PieceNumbers to_numbers(const SoftmaxModel& m);
PieceNumbers to_numbers(const RegressionModel& m);
void from_numbers(const PieceNumbers& n, std::size_t& at, LinearModel& m);
void from_numbers(const PieceNumbers& n, std::size_t& at, SoftmaxModel& m);
void from_numbers(const PieceNumbers& n, std::size_t& at, RegressionModel& m);

// Whether this run only computes its share of the pieces (and answers no result).
inline bool sharing(const RunContext& context) { return context.share && context.share->sharing(); }

// The regularization path `fit()` gives, or nullopt when another instance computes it.
template <class Model>
std::optional<std::vector<Model>> path_piece(const RunContext& context,
                                             const std::function<std::vector<Model>()>& fit) {
  if (!context.share) return fit();
  std::optional<PieceNumbers> numbers = context.share->piece("path", [&] {
    PieceNumbers out;
    for (const Model& m : fit()) {
      const PieceNumbers one = to_numbers(m);
      out.push_back(static_cast<double>(one.size()));
      out.insert(out.end(), one.begin(), one.end());
    }
    return out;
  });
  if (!numbers) return std::nullopt;
  std::vector<Model> path;
  for (std::size_t at = 0; at < numbers->size();) {
    const std::size_t end = at + 1 + static_cast<std::size_t>((*numbers)[at]);
    ++at;
    path.emplace_back();
    from_numbers(*numbers, at, path.back());
    if (at != end) fail_field("pieces.path", "the numbers do not describe this run's path models");
  }
  return path;
}

// Where a cross-validation takes each fold's losses from: the run's WorkShare, if any.
FoldSource fold_source(const RunContext& context);

}  // namespace lab
