// Dotted option paths ("train.learning_rate", "model.mlp.dropout", "variants.compress.bits"):
// the one walk over the declarations behind find_option, the widget file checks and the
// browser's controls, so a path means the same thing everywhere.
#pragma once
#include <string>

#include "lab/options.hpp"

namespace lab {

struct OptionPath {
  const Option* option = nullptr;  // the declaration; nullptr if none (see undeclared, problem)
  bool undeclared = false;         // the path runs into a section declared as Any
  std::string spec_path;           // where a spec holds the value: "model.mlp.dropout" -> "model.dropout"
  std::string problem;             // why the path names no option; empty when it does
};

// Walks `schema` along `dotted`. A variant section (model) is entered by the type the path
// names ("model.mlp.dropout"), else by the "type" that `spec` (a normalized spec) has there;
// with neither, the first variant declaring the rest of the path is taken.
OptionPath resolve_option_path(const Schema& schema, const std::string& dotted, const Json* spec = nullptr);

}  // namespace lab
