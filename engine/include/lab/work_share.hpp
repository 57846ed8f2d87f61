// One run split across several engine instances (the browser's worker pool), with the same
// numbers as the run on one instance. The parts of a run that do not depend on each other are
// "pieces": a regularization path, and each cross-validation fold over it. A run splits in two
// steps:
//   1. share: instance i of n runs the spec computing only the pieces it owns (the k-th piece
//      the run meets belongs to instance k mod n) and answers them as numbers;
//   2. merge: one instance runs the spec with every piece handed over and computes the rest
//      (the cross-validation summary, the final fit, metrics, importance).
// A piece is computed by the same code either way and crosses as exact doubles, so a merged
// result is bit-identical to the one-instance run (tests/engine/work_share_test.cpp; the
// browser's pool in web/src/runtime/engine-pool.ts).
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lab/json.hpp"

namespace lab {

using PieceNumbers = std::vector<double>;

class WorkShare {
 public:
  // Step 1: the share of instance `instance` (0-based) of `instances`.
  static WorkShare share(int instance, int instances);
  // Step 2: every piece, as the share runs answered them (pieces_from_json of their answers).
  static WorkShare merge(std::map<std::string, PieceNumbers> given);

  bool sharing() const { return instances_ > 0; }

  // The piece `key` (unique within the run): handed over (merge), computed here by calling
  // `compute` (this instance's piece, or a piece the merge was not given), or skipped (nullopt:
  // another instance's piece).
  std::optional<PieceNumbers> piece(const std::string& key, const std::function<PieceNumbers()>& compute);

  // Pieces of the experiment `name` get keys of their own ("" for the spec's own run).
  void set_scope(const std::string& name) { scope_ = name.empty() ? "" : name + "/"; }

  // The pieces this instance computed, {key: [numbers]}; non-finite numbers as the strings
  // "nan", "inf" and "-inf" (JSON has no such numbers). Doubles survive JSON text exactly.
  Json computed_json() const;
  // The inverse, for any number of share answers' "pieces"; throws lab::Error on bad input.
  static std::map<std::string, PieceNumbers> pieces_from_json(const Json& pieces, const std::string& field = "pieces");

 private:
  int instance_ = 0, instances_ = 0;  // instances_ 0: a merge
  int met_ = 0;                       // pieces met so far (a share's owner rule)
  std::string scope_;
  std::map<std::string, PieceNumbers> given_, computed_;
};

}  // namespace lab
