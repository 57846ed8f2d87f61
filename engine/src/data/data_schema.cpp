// The spec's data sections (dataset, preprocess, split), declared once and bound to the
// options structs data/ reads; the spec's full schema (run/spec_schema.cpp) puts them in.
#include "data/data_schema.hpp"

#include "core/limits.hpp"
#include "data/design.hpp"
#include "data/split.hpp"

namespace lab {

using S = std::shared_ptr<const Schema>;
using T = OptionType;

const S& dataset_schema() {
  static const S kept = make_schema(
      "dataset",
      {
          Option::string("csv").need().describe("CSV file, relative to the spec file (RFC 4180, UTF-8, header row)"),
          Option::string("target").need().describe("column to predict"),
          Option::choice("task", {"auto", "binary", "multiclass", "regression"}, "auto")
              .describe("what the target is; auto: a numeric target with fractions and over 2 values, or over " +
                        std::to_string(limits::kMaxClasses) + " values, is regression, else 2 values binary and 3 to " +
                        std::to_string(limits::kMaxClasses) + " multi-class (docs/spec.md, Tasks)"),
          Option::string("positive")
              .describe(
                  "binary tasks: target value counted as the positive class; default: the larger of the two values"),
          Option::list("features", T::String)
              .items(limits::kMaxColumns)
              .describe("input columns; default: every column but the target"),
          Option::any("where").describe("row filter: {column: [allowed values]} (all conditions must hold)"),
      });
  return kept;
}

const S& preprocess_schema() {
  static const S kept = make_schema(
      "preprocess", {
                        Option::choice("impute", {"median", "mean"}, "median")
                            .bind(&PreprocessOptions::impute)
                            .describe("numeric missing values; categorical ones take the most frequent value"),
                        Option::choice("scale", {"standard", "none"}, "standard")
                            .bind_flag(&PreprocessOptions::scale, "standard")
                            .describe("standard: every design column to mean 0, std 1 (training rows' statistics)"),
                        Option::list("log1p", T::String, Json::array())
                            .bind(&PreprocessOptions::log1p)
                            .describe("numeric columns replaced by log(1 + x) before imputing and scaling"),
                    });
  return kept;
}

const S& split_schema() {
  static const S kept = make_schema("split", {
                                                 Option::number("test", 0.2)
                                                     .range(0, 0.9)
                                                     .bind(&SplitOptions::test)
                                                     .describe("fraction of rows held out for the test set"),
                                                 Option::number("validation", 0.2)
                                                     .range(0, 0.9)
                                                     .bind(&SplitOptions::validation)
                                                     .describe("fraction of rows held out for validation"),
                                                 Option::boolean("stratify", true)
                                                     .bind(&SplitOptions::stratify)
                                                     .describe("keep the class balance in every split"),
                                                 Option::integer("seed", 42)
                                                     .range(0, limits::kMaxSeed)
                                                     .bind(&SplitOptions::seed)
                                                     .describe("seed of the split's shuffle"),
                                             });
  return kept;
}

}  // namespace lab
