// The trade-off run's part of the spec: a variant (with its "compress" section) and a
// deployment scenario. spec_schema.cpp puts them into the spec's schema, so validation,
// defaults, widget controls and docs/options.md all read these tables.
#pragma once
#include <memory>
#include <string>

#include "lab/options.hpp"

namespace lab {

std::shared_ptr<const Schema> compress_schema();
// The options struct of a normalized variant's compress section ("prune", "quantize",
// "distill"), filled by its declaration: compress_options<PruneOptions>("prune", c["prune"]).
const Schema& compress_section(const std::string& name);
template <class Struct>
Struct compress_options(const std::string& name, const Json& value) {
  return fill_options<Struct>(compress_section(name), value);
}
// One entry of "variants": a name, a "compress" section, and a JSON merge patch over the
// spec's model and train sections (checked after merging, as experiments are).
std::shared_ptr<const Schema> variant_schema();
std::shared_ptr<const Schema> scenario_schema();
// How a trade-off run times its variants: the rows of a whole-batch call.
std::shared_ptr<const Schema> latency_schema();

// The lesson's three deployment scenarios, used when a spec names none (normalized).
Json default_scenarios();

}  // namespace lab
