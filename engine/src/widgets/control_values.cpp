#include "lab/control_values.hpp"

#include <sstream>

#include "lab/error.hpp"
#include "lab/experiment.hpp"
#include "lab/option_path.hpp"
#include "lab/options.hpp"
#include "lab/spec_schema.hpp"

namespace lab {

namespace {

const Json& values_object(const Json& values, const std::string& field) {
  if (!values.is_object())
    fail_field(field, "expected an object {option.path: value}, got " + values.dump().substr(0, 40));
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

// The spec with only the named experiment (none for "") and without the widget section, which
// lab::experiment_spec leaves out of what it returns: it gives the same spec, but checks one
// experiment instead of every one and no UI section (checking that was most of the time a
// 7 KB widget file took), so a front end asking for each experiment in turn stays cheap.
Json with_only(const Json& spec, const std::string& name) {
  if (!spec.is_object()) return spec;
  Json out = spec;
  out.erase("widget");
  if (!spec.contains("experiments") || !spec["experiments"].is_object()) return out;
  if (name.empty())
    out.erase("experiments");
  else if (spec["experiments"].contains(name))
    out["experiments"] = Json{{name, spec["experiments"][name]}};
  return out;
}

}  // namespace

Json experiment_spec_with(const Json& spec, const std::string& name, const Json& values) {
  Json merged = experiment_spec(with_only(spec, name), name);
  const Json& set = values_object(values, "values");
  if (set.empty()) return merged;
  Json out = merged;
  set_values(out, set, merged, "");
  return normalize_spec(out);
}

Json run_spec_with(const Json& spec, const Json& runs) {
  const Json& wanted = values_object(runs, "runs");
  Json out = experiment_spec(with_only(spec, ""), "");
  Json experiments = Json::object();
  for (auto it = wanted.begin(); it != wanted.end(); ++it) {
    const std::string field = "experiments." + it.key();
    const Json merged = experiment_spec(with_only(spec, it.key()), it.key());  // also: it exists
    Json patch = spec["experiments"][it.key()];
    set_values(patch, values_object(it.value(), field), merged, field);
    experiments[it.key()] = std::move(patch);
  }
  out["experiments"] = std::move(experiments);
  normalize_spec(out);  // every value checked here, as the run will check it
  return out;
}

}  // namespace lab
