#include "widgets/widget_controls.hpp"

#include <cmath>
#include <set>
#include <sstream>

#include "documents/field_check.hpp"
#include "lab/option_path.hpp"
#include "lab/spec_schema.hpp"

namespace lab::lesson {

namespace {

const std::vector<Field> kControlFields = {
    {"option", Kind::Text, true, "the option the control sets, as a dotted path (model.lambda, train.learning_rate)"},
    {"label", Kind::Text, true, "the control's label"},
    {"min", Kind::Number, false, "lowest value offered; inside the engine's declared range (default: its minimum)"},
    {"max", Kind::Number, false, "highest value offered; inside the engine's declared range (default: its maximum)"},
    {"step", Kind::Number, false, "slider step, above 0 and at most max - min"},
    {"scale", Kind::Text, false, "slider scale, linear or log (default: the option's declared scale)"},
    {"choices", Kind::TextList, false, "for a choice option: the values offered, a subset of the declared ones"},
    {"help", Kind::Text, false, "a line of help shown with the control"},
};
const std::vector<Field> kPresetFields = {
    {"name", Kind::Text, true, "the preset's button label"},
    {"set", Kind::Object, true, "values to give the panel's controls: {option: value}"},
    {"help", Kind::Text, false, "a line saying what the preset shows"}};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, sep)) out.push_back(part);
  return out;
}

std::string num(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

// A control's path, resolved by the engine's one path walk (lab/option_path.hpp). With a
// normalized spec, a variant section (model) follows the spec's own "type", so "model.dropout"
// on a logistic-regression experiment is an error; without one, any variant declaring it will do.
OptionPath resolve(const std::string& dotted, const Json* spec) {
  return resolve_option_path(spec_schema(), dotted, spec);
}

bool inside_declared(double x, const Option& o) {
  bool low = o.min_exclusive ? x > o.min : x >= o.min;
  bool high = o.max_exclusive ? x < o.max : x <= o.max;
  return low && high;
}

std::string declared_range(const Option& o) {
  return (o.min_exclusive ? "(" : "[") + num(o.min) + ", " + num(o.max) + (o.max_exclusive ? ")" : "]");
}

bool whole(double x) { return std::floor(x) == x; }

void check_numeric(const Json& c, const Path& at, const Option& o, ResolvedControl& out, Report& report) {
  const Json* min = get(c, "min", Kind::Number);
  const Json* max = get(c, "max", Kind::Number);
  out.min = min ? min->get<double>() : o.min;
  out.max = max ? max->get<double>() : o.max;
  bool integer = o.type == OptionType::Integer;
  if (!std::isfinite(out.min) || !std::isfinite(out.max)) {
    report.error(at, "the engine declares no finite range for '" + out.option + "'; give the control a min and a max");
    out.ok = false;
    return;
  }
  for (const char* bound : {"min", "max"}) {
    const Json* b = get(c, bound, Kind::Number);
    if (!b) continue;
    double x = b->get<double>();
    if (!inside_declared(x, o)) {
      report.error(at.key(bound), std::string(bound) + " " + num(x) + " is outside the engine's range " +
                                      declared_range(o) + " for '" + out.option + "'");
      out.ok = false;
    }
    if (integer && !whole(x)) {
      report.error(at.key(bound), "'" + out.option + "' is a whole number; " + bound + " " + num(x) + " is not");
      out.ok = false;
    }
  }
  if (!(out.min < out.max)) {
    report.error(at, "min (" + num(out.min) + ") must be below max (" + num(out.max) + ")");
    out.ok = false;
  }
  if (const Json* step = get(c, "step", Kind::Number)) {
    double s = step->get<double>();
    if (!(s > 0) || (out.ok && s > out.max - out.min))
      report.error(at.key("step"), "step " + num(s) + " must be above 0 and at most max - min");
    else if (integer && !whole(s))
      report.error(at.key("step"), "'" + out.option + "' is a whole number; step " + num(s) + " is not");
  }
  std::string scale = o.scale;
  if (const Json* sc = get(c, "scale", Kind::Text)) {
    scale = sc->get<std::string>();
    if (scale != "linear" && scale != "log")
      report.error(at.key("scale"), "scale is 'linear' or 'log', got " + quote_short(scale));
  }
  if (scale == "log" && out.min <= 0) {
    report.error(at, "a log-scale control needs min above 0, got " + num(out.min));
    out.ok = false;
  }
  if (c.contains("choices"))
    report.error(at.key("choices"), "choices are for choice options; '" + out.option + "' is a number");
}

void check_choice(const Json& c, const Path& at, const Option& o, ResolvedControl& out, Report& report) {
  out.choices = o.choices;
  for (const char* numeric : {"min", "max", "step", "scale"})
    if (c.contains(numeric))
      report.error(at.key(numeric), std::string(numeric) + " is for numeric controls; '" + out.option + "' is a " +
                                        (o.type == OptionType::Boolean ? "true/false switch" : "choice"));
  if (o.type == OptionType::Boolean) {
    if (c.contains("choices"))
      report.error(at.key("choices"), "'" + out.option + "' is true or false; it takes no choices");
    return;
  }
  if (const Json* list = get(c, "choices", Kind::TextList)) {
    out.choices.clear();
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string v = (*list)[i].get<std::string>();
      bool known = false;
      for (const auto& d : o.choices) known = known || d == v;
      if (!known)
        report.error(at.key("choices").index(i),
                     "the engine does not accept " + quote_short(v) + " for '" + out.option + "'");
      else
        out.choices.push_back(v);
    }
  }
}

// A target's starting value must be one the control can show.
void check_target_value(const ControlTarget& t, const Path& at, const ResolvedControl& rc, const std::string& full,
                        Report& report) {
  const Json* v = value_at(t.spec, full);
  if (!v) return;
  std::string where = "experiment '" + t.experiment + "' starts at " + rc.option + " = " + v->dump();
  if (v->is_number() && !rc.choices.size() && (v->get<double>() < rc.min || v->get<double>() > rc.max))
    report.error(at, where + ", outside this control's range [" + num(rc.min) + ", " + num(rc.max) + "]");
  if (v->is_string() && !rc.choices.empty()) {
    bool listed = false;
    for (const auto& c : rc.choices) listed = listed || c == v->get<std::string>();
    if (!listed) report.error(at, where + ", which is not among this control's choices");
  }
}

}  // namespace

const Json* value_at(const Json& spec, const std::string& dotted) {
  const OptionPath resolved = resolve_option_path(spec_schema(), dotted, &spec);
  if (resolved.spec_path.empty()) return nullptr;
  const Json* v = &spec;
  for (const auto& part : split(resolved.spec_path, '.')) {
    if (!v->is_object()) return nullptr;
    auto it = v->find(part);
    if (it == v->end()) return nullptr;
    v = &*it;
  }
  return v;
}

ResolvedControl check_control(const Json& control, const Path& at, const std::vector<ControlTarget>& targets,
                              const std::string& prefix, Report& report) {
  ResolvedControl out;
  if (!check_fields(control, at, kControlFields, "control", report)) return out;
  const Json* option = get(control, "option", Kind::Text);
  if (!option) return out;
  out.option = option->get<std::string>();
  std::string full = prefix + out.option;
  OptionPath general = resolve(full, nullptr);
  if (!general.problem.empty()) {
    report.error(at.key("option"), general.problem);
    return out;
  }
  out.ok = true;
  if (general.undeclared) {
    // The engine checks this section itself when it runs, so there is no declaration to
    // compare the range with yet; say so rather than pass silently.
    report.warning(at.key("option"),
                   "the engine does not declare '" + full + "' yet; only the control's own bounds are checked");
    const Json* min = get(control, "min", Kind::Number);
    const Json* max = get(control, "max", Kind::Number);
    if (!min || !max)
      report.error(at, "a control over an undeclared option needs its own min and max");
    else if (!(min->get<double>() < max->get<double>()))
      report.error(at, "min must be below max");
    out.min = min ? min->get<double>() : 0;
    out.max = max ? max->get<double>() : 0;
    return out;
  }
  const Option& o = *general.option;
  out.declared = &o;
  switch (o.type) {
    case OptionType::Number:
    case OptionType::Integer:
      check_numeric(control, at, o, out, report);
      break;
    case OptionType::Boolean:
    case OptionType::Choice:
      check_choice(control, at, o, out, report);
      break;
    default:
      report.error(at.key("option"), "'" + full +
                                         "' cannot be a control: controls set numbers, whole numbers, "
                                         "true/false or a choice");
      out.ok = false;
      return out;
  }
  std::set<std::string> said;
  for (const auto& t : targets) {
    OptionPath r = resolve(full, &t.spec);
    if (!r.problem.empty()) {
      if (said.insert(r.problem).second)
        report.error(at.key("option"), r.problem + " (experiment '" + t.experiment + "')");
      continue;
    }
    if (out.ok) check_target_value(t, at, out, full, report);
  }
  return out;
}

void check_presets(const Json& presets, const Path& at, const std::vector<ResolvedControl>& controls, Report& report) {
  std::set<std::string> names_seen;
  for (std::size_t i = 0; i < presets.size(); ++i) {
    Path p = at.index(i);
    if (!check_fields(presets[i], p, kPresetFields, "preset", report)) continue;
    if (const Json* name = get(presets[i], "name", Kind::Text);
        name && !names_seen.insert(name->get<std::string>()).second)
      report.error(p.key("name"), "two presets are named " + quote_short(name->get<std::string>()));
    const Json* set = get(presets[i], "set", Kind::Object);
    if (!set) continue;
    for (auto it = set->begin(); it != set->end(); ++it) {
      Path v = p.key("set").key(it.key());
      const ResolvedControl* control = nullptr;
      for (const auto& c : controls)
        if (c.option == it.key()) control = &c;
      if (!control) {
        report.error(v, "preset sets '" + it.key() + "', which has no control here; presets move controls", true);
        continue;
      }
      if (!control->ok) continue;
      const Json& x = it.value();
      bool boolean = control->declared && control->declared->type == OptionType::Boolean;
      bool integer = control->declared && control->declared->type == OptionType::Integer;
      if (boolean) {
        if (!x.is_boolean()) report.error(v, "expected true or false, got " + describe_value(x));
      } else if (!control->choices.empty()) {
        bool listed = false;
        for (const auto& c : control->choices) listed = listed || (x.is_string() && c == x.get<std::string>());
        if (!listed) report.error(v, describe_value(x) + " is not among the control's choices");
      } else if (!x.is_number() || (integer && !whole(x.get<double>()))) {
        report.error(
            v, std::string("expected ") + (integer ? "a whole number" : "a number") + ", got " + describe_value(x));
      } else if (x.get<double>() < control->min || x.get<double>() > control->max) {
        report.error(v, num(x.get<double>()) + " is outside the control's range [" + num(control->min) + ", " +
                            num(control->max) + "]");
      }
    }
  }
}

Json describe_control_fields() {
  Json fields = describe_fields(kControlFields);
  described_field(fields, "scale")["choices"] = Json::array({"linear", "log"});
  described_field(fields, "step")["min"] = 0;
  described_field(fields, "step")["min_exclusive"] = true;
  return Json{{"name", "control"}, {"options", fields}};
}

Json describe_preset_fields() { return Json{{"name", "preset"}, {"options", describe_fields(kPresetFields)}}; }

}  // namespace lab::lesson
