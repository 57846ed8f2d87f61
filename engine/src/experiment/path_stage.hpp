// The regularization path and the cross-validation over it, as every path model's run has
// them (logistic, multinomial, least squares): the lambdas, the path's fits and the CV summary,
// the path and each fold being pieces a worker pool may compute elsewhere
// (parallel/path_pieces.hpp). Progress: one "path" step per lambda, one "cv" step per fold.
#pragma once
#include <cmath>
#include <optional>
#include <vector>

#include "core/progress.hpp"
#include "lab/run_context.hpp"
#include "models/regularization_path.hpp"
#include "parallel/path_pieces.hpp"

namespace lab {

template <class Model>
struct PathStage {
  std::vector<double> lambdas;             // empty: the spec has neither a path nor CV
  std::optional<std::vector<Model>> path;  // nullopt: another instance's piece (a share run)
  std::optional<CrossValidation> cv;       // when the spec has model.cv
};

// `top(l1_ratio)` is lambda_max for that L1 share (asked only when there is a path); the path
// spans this model's own range, or with options.shared_span the range every L1 share needs (from
// ridge's lambda_max down to lasso's times lambda_min_ratio), so moving from L2 to L1 keeps the
// axis. `fit(lambdas, step)` fits the path
// calling step(k, model) after each fit; `cross_validate(lambdas, on_fold, source)` runs the CV.
template <class Model, class LambdaMax, class Fit, class CrossValidate>
PathStage<Model> path_stage(const Json& model, const RunContext& context, const RegularizationPathOptions& options,
                            double l1_ratio, int folds, LambdaMax top, Fit fit, CrossValidate cross_validate) {
  PathStage<Model> out;
  if (!model.contains("path") && !model.contains("cv")) return out;
  const int count = options.n_lambda;
  if (options.shared_span) {
    const double ridge = top(0.0), lasso = top(1.0);  // the largest and the smallest lambda_max
    out.lambdas = lambda_sequence(ridge, count, options.lambda_min_ratio * lasso / ridge);
    // The model's own lambda takes the place of the nearest inner grid point, so the fit the
    // page shows first is on the path exactly (the grid stays decreasing: neighbours are
    // further apart than half a step).
    const double own = model.value("lambda", 0.0);
    if (own < out.lambdas.front() && own > out.lambdas.back()) {
      std::size_t nearest = 1;
      for (std::size_t k = 1; k + 1 < out.lambdas.size(); ++k)
        if (std::abs(std::log(out.lambdas[k] / own)) < std::abs(std::log(out.lambdas[nearest] / own))) nearest = k;
      out.lambdas[nearest] = own;
    }
  } else {
    out.lambdas = lambda_sequence(top(l1_ratio), count, options.lambda_min_ratio);
  }
  const std::vector<double>& lambdas = out.lambdas;
  out.path = path_piece<Model>(context, [&] {
    return fit(lambdas, [&](int k, const Model& m) {
      report(context, "path", k + 1, count,
             Json{{"lambda", lambdas[static_cast<std::size_t>(k)]}, {"nonzero", m.nonzero()}});
      return true;
    });
  });
  if (model.contains("cv")) {
    out.cv = cross_validate(
        lambdas,
        [&](int f) {
          report(context, "cv", f + 1, folds);
          return true;
        },
        fold_source(context));
  }
  return out;
}

// The result's "cv" block; `metric` (the CV loss's name) is left out when null.
inline OrderedJson cv_json(const CrossValidation& cv, const std::vector<double>& lambdas, const char* metric) {
  OrderedJson out;
  out["folds"] = cv.folds;
  if (metric) out["metric"] = metric;
  out["lambda_min"] = lambdas[static_cast<std::size_t>(cv.index_min)];
  out["lambda_1se"] = lambdas[static_cast<std::size_t>(cv.index_1se)];
  out["index_min"] = cv.index_min;
  out["index_1se"] = cv.index_1se;
  out["mean"] = cv.mean;
  out["se"] = cv.se;
  return out;
}

// The final model's lambda: the spec's, or the CV's choice (`select`: lambda_min | lambda_1se).
inline double selected_lambda(const std::string& select, double lambda, const std::optional<CrossValidation>& cv,
                              const std::vector<double>& lambdas) {
  if (!cv) return lambda;
  if (select == "lambda_min") return lambdas[static_cast<std::size_t>(cv->index_min)];
  if (select == "lambda_1se") return lambdas[static_cast<std::size_t>(cv->index_1se)];
  return lambda;
}

}  // namespace lab
