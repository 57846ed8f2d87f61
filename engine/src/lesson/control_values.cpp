#include "lab/control_values.hpp"

#include <sstream>

#include "lab/error.hpp"
#include "lab/experiment.hpp"
#include "lab/option_path.hpp"
#include "lab/options.hpp"

namespace lab {

namespace {

const Json& values_object(const Json& values, const std::string& field) {
  if (!values.is_object()) fail_field(field, "expected an object {option.path: value}, got " + values.dump().substr(0, 40));
  return values;
}

// Sets `value` at a dotted path, making the sections on the way (as a merge patch would).
void set_at(Json& target, const std::string& dotted, const Json& value) {
  Json* at = &target;
  std::stringstream parts(dotted);
  std::string part;
  while (std::getline(parts, part, '.')) {
    if (!at->is_object()) *at = Json::object();
    at = &(*at)[part];
  }
  *at = value;
}

// Sets each value where `spec` (the experiment's normalized spec, for its model type) holds it.
void set_values(Json& target, const Json& values, const Json& spec, const std::string& field) {
  for (auto it = values.begin(); it != values.end(); ++it) {
    const OptionPath path = resolve_option_path(spec_schema(), it.key(), &spec);
    if (!path.option && !path.undeclared) fail_field(field.empty() ? it.key() : field + "." + it.key(), path.problem);
    set_at(target, path.spec_path, it.value());
  }
}

}  // namespace

Json experiment_spec_with(const Json& spec, const std::string& name, const Json& values) {
  Json merged = experiment_spec(spec, name);
  const Json& set = values_object(values, "values");
  if (set.empty()) return merged;
  Json out = merged;
  set_values(out, set, merged, "");
  return normalize_spec(out);
}

Json run_spec_with(const Json& spec, const Json& runs) {
  const Json& wanted = values_object(runs, "runs");
  Json out = experiment_spec(spec, "");
  Json experiments = Json::object();
  for (auto it = wanted.begin(); it != wanted.end(); ++it) {
    const std::string field = "experiments." + it.key();
    const Json merged = experiment_spec(spec, it.key());  // also: the experiment exists
    Json patch = spec["experiments"][it.key()];
    set_values(patch, values_object(it.value(), field), merged, field);
    experiments[it.key()] = std::move(patch);
  }
  out["experiments"] = std::move(experiments);
  normalize_spec(out);  // every value checked here, as the run will check it
  return out;
}

}  // namespace lab
