// The experiment spec's whole schema: every layer's sections (data, model kinds, train, trade-off
// variants and scenarios) put together (engine/src/run/spec_schema.cpp). Validation, defaults,
// the widgets' controls (the browser reads describe_spec()), URL state and docs/options.md
// read it; the layers below read only their own sections.
#pragma once
#include <string>

#include "lab/json.hpp"
#include "lab/options.hpp"

namespace lab {

const Schema& spec_schema();
Json describe_spec();

// The options struct of a normalized spec section, filled by that section's declaration:
// spec_options<MlpOptions>("model.mlp", spec["model"]). (The engine's own layers fill theirs
// from their section's schema: data_schema.hpp, train_schema.hpp, model_options, compress_options.)
template <class Struct>
Struct spec_options(const std::string& section, const Json& value) {
  return fill_options<Struct>(section_schema(spec_schema(), section), value);
}

}  // namespace lab
