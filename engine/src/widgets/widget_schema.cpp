#include "widgets/widget_schema.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "documents/field_check.hpp"
#include "lab/widget_file.hpp"
#include "lab/widget_vocabulary.hpp"
#include "widgets/tradeoff_setup.hpp"
#include "widgets/widget_controls.hpp"

namespace lab::lesson {

namespace {

const std::vector<Field> kOptimizationLabFields = {
    {"type", Kind::Text, true, "the widget's type"},
    {"title", Kind::Text, true, "the widget's heading"},
    {"description", Kind::Text, false, "a paragraph under the heading"},
    {"panels", Kind::List, true, "the lab's tabs, each showing one or more experiments"}};
const std::vector<Field> kPanelFields = {
    {"id", Kind::Text, true, "the panel's id: lowercase letters, digits, '-' and '_' (it appears in URLs)"},
    {"title", Kind::Text, true, "the panel's tab label"},
    {"chart", Kind::Text, true, "what the panel draws"},
    {"experiments", Kind::TextList, true, "names from the spec's experiments, run when the panel runs"},
    {"controls", Kind::List, false, "sliders, switches and menus over the experiments' options"},
    {"presets", Kind::List, false, "buttons that set several controls at once"},
    {"note", Kind::Text, false, "a line under the chart"},
    {"notice", Kind::Text, false,
     "\"what to notice\": a sentence template filled from the run's numbers, {name} placeholders per chart kind "
     "(docs/widgets.md)"},
    {"labels", Kind::Object, false, "learner-facing names of the panel's experiments: {experiment: label}"}};
const std::vector<Field> kTradeoffFields = {
    {"type", Kind::Text, true, "the widget's type"},
    {"title", Kind::Text, true, "the widget's heading"},
    {"description", Kind::Text, false, "a paragraph under the heading"},
    {"axes", Kind::Object, true, "the metrics the scatter plot shows"},
    {"controls", Kind::List, false, "controls over the selected variant's options (paths relative to a variant)"},
    {"setup", Kind::List, false,
     "controls over the whole run (paths in the spec, e.g. latency.batch_rows); a change reruns every variant"},
    {"model_sizes", Kind::List, false,
     "the MLP sizes the learner chooses from: {name, hidden, help}; one of them the spec's own model.hidden"},
    {"default_scenario", Kind::Text, false, "the scenario selected first; a name from the spec's scenarios"},
    {"notice", Kind::Text, false,
     "\"what to notice\": a sentence template filled from the selected scenario's choice, {name} placeholders "
     "(docs/widgets.md)"}};
const std::vector<Field> kAxesFields = {{"x", Kind::Text, true, "metric on the horizontal axis"},
                                        {"y", Kind::Text, true, "metric on the vertical axis"},
                                        {"size", Kind::Text, false, "metric drawn as the point size"}};

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool listed(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The names of a list of named sections (variants, scenarios). The engine checks the items
// themselves; names are only checked here when it has passed them, so one mistake is not
// reported twice, while a unique-name rule the engine lacks is still enforced.
std::vector<std::string> names_of(const Json* list, const Path& at, bool report_duplicates, Report& report) {
  std::vector<std::string> names;
  if (!list) return names;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json* name = get((*list)[i], "name", Kind::Text);
    if (!name) continue;
    if (report_duplicates && listed(names, name->get<std::string>()))
      report.error(at.index(i).key("name"), "the name " + quote_short(name->get<std::string>()) + " is used twice");
    names.push_back(name->get<std::string>());
  }
  return names;
}

// A "what to notice" template: balanced {name} placeholders, each one the chart kind declares
// (lab/widget_vocabulary.hpp); names of a second experiment need a panel that has one.
void check_notice(const std::string& text, const Path& at, const std::string& chart, std::size_t experiments,
                  Report& report) {
  const std::vector<NoticeVariable>& declared = notice_variables(chart);
  std::vector<std::string> allowed;
  for (const auto& v : declared)
    if (!v.compared || experiments >= 2) allowed.push_back(v.name);
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find_first_of("{}", i);
    if (open == std::string::npos) break;
    const std::size_t close = text[open] == '{' ? text.find('}', open + 1) : std::string::npos;
    if (close == std::string::npos || text.find('{', open + 1) < close) {
      report.error(at, "unbalanced '" + std::string(1, text[open]) + "' at character " + std::to_string(open + 1) +
                           " of " + quote_short(text) + "; placeholders are {name}");
      return;
    }
    const std::string name = text.substr(open + 1, close - open - 1);
    if (!listed(allowed, name)) {
      const bool needs_second = std::any_of(declared.begin(), declared.end(),
                                            [&](const NoticeVariable& v) { return v.name == name && v.compared; });
      report.error(at, "{" + name + "}" +
                           (needs_second ? " needs a second experiment in the panel"
                                         : " is not a value a " + chart + " notice can show") +
                           "; known: " + (allowed.empty() ? std::string("none") : join(allowed)));
    }
    i = close + 1;
  }
}

void check_panel(const Json& panel, const Path& at, const Json& spec, const std::map<std::string, Json>& experiments,
                 std::set<std::string>& shown, Report& report) {
  if (!check_fields(panel, at, kPanelFields, "panel", report)) return;
  if (const Json* id = get(panel, "id", Kind::Text)) {
    const std::string& s = id->get_ref<const std::string&>();
    bool ok = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
    if (!ok) report.error(at.key("id"), "panel ids use lowercase letters, digits, '-' and '_' (they appear in URLs)");
  }
  if (const Json* chart = get(panel, "chart", Kind::Text); chart && !listed(chart_kinds(), chart->get<std::string>()))
    report.error(at.key("chart"), "unknown chart " + quote_short(chart->get<std::string>()) +
                                      "; expected one of: " + join(chart_kinds()));
  std::vector<ControlTarget> targets;
  if (const Json* names = get(panel, "experiments", Kind::TextList)) {
    if (names->empty()) report.error(at.key("experiments"), "a panel shows at least one experiment");
    const Json* declared = get(spec, "experiments", Kind::Object);
    for (std::size_t i = 0; i < names->size(); ++i) {
      std::string name = (*names)[i].get<std::string>();
      shown.insert(name);
      if (!declared || !declared->contains(name)) {
        std::vector<std::string> known;
        if (declared)
          for (auto it = declared->begin(); it != declared->end(); ++it) known.push_back(it.key());
        report.error(at.key("experiments").index(i),
                     "no experiment " + quote_short(name) + " in the spec's \"experiments\"; known: " + join(known));
        continue;
      }
      auto normalized = experiments.find(name);
      if (normalized != experiments.end()) targets.push_back({name, normalized->second});
    }
  }
  const Json* names = get(panel, "experiments", Kind::TextList);
  const std::size_t experiment_count = names ? names->size() : 0;
  // Checked against a known chart only: an unknown one is reported once, at "chart".
  const Json* chart = get(panel, "chart", Kind::Text);
  if (const Json* notice = get(panel, "notice", Kind::Text);
      notice && chart && listed(chart_kinds(), chart->get<std::string>()))
    check_notice(notice->get<std::string>(), at.key("notice"), chart->get<std::string>(), experiment_count, report);
  if (const Json* labels = get(panel, "labels", Kind::Object)) {
    for (auto it = labels->begin(); it != labels->end(); ++it) {
      if (!names || std::find(names->begin(), names->end(), Json(it.key())) == names->end())
        report.error(at.key("labels").key(it.key()),
                     "the panel shows no experiment " + quote_short(it.key()) + "; label one of its \"experiments\"");
      else if (!it.value().is_string() || it.value().get<std::string>().empty())
        report.error(at.key("labels").key(it.key()), "expected a non-empty label, got " + describe_value(it.value()));
    }
  }
  std::vector<ResolvedControl> controls;
  if (const Json* list = get(panel, "controls", Kind::List)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      ResolvedControl c = check_control((*list)[i], at.key("controls").index(i), targets, "", report);
      for (const auto& before : controls)
        if (!c.option.empty() && before.option == c.option)
          report.error(at.key("controls").index(i), "a second control for '" + c.option + "' in the same panel");
      controls.push_back(std::move(c));
    }
  }
  if (const Json* presets = get(panel, "presets", Kind::List))
    check_presets(*presets, at.key("presets"), controls, report);
}

void check_optimization_lab(const Json& spec, const Json& widget, const std::map<std::string, Json>& experiments,
                            Report& report) {
  Path at = Path{}.key("widget");
  if (!check_fields(widget, at, kOptimizationLabFields, "optimization_lab widget", report)) return;
  const Json* declared = get(spec, "experiments", Kind::Object);
  if (!declared || declared->empty())
    report.error(spec.contains("experiments") ? Path{}.key("experiments") : Path{},
                 "an optimization_lab needs a non-empty \"experiments\" map (name -> patch over the spec)");
  const Json* panels = get(widget, "panels", Kind::List);
  if (!panels) return;
  if (panels->empty()) report.error(at.key("panels"), "an optimization_lab needs at least one panel");
  std::set<std::string> ids, shown;
  for (std::size_t i = 0; i < panels->size(); ++i) {
    Path p = at.key("panels").index(i);
    if (const Json* id = get((*panels)[i], "id", Kind::Text); id && !ids.insert(id->get<std::string>()).second)
      report.error(p.key("id"), "two panels have the id " + quote_short(id->get<std::string>()));
    check_panel((*panels)[i], p, spec, experiments, shown, report);
  }
  if (declared)
    for (auto it = declared->begin(); it != declared->end(); ++it)
      if (!shown.count(it.key()))
        report.warning(Path{}.key("experiments").key(it.key()),
                       "experiment '" + it.key() + "' is not shown by any panel", true);
}

void check_tradeoff(const Json& spec, const Json& widget, const NormalizedSpec& normalized, Report& report) {
  Path at = Path{}.key("widget");
  if (!check_fields(widget, at, kTradeoffFields, "performance_tradeoff_explorer widget", report)) return;
  const Json* variants = get(spec, "variants", Kind::List);
  if (!variants || variants->empty())
    report.error(spec.contains("variants") ? Path{}.key("variants") : Path{},
                 "a performance_tradeoff_explorer needs a non-empty \"variants\" list to compare");
  names_of(variants, Path{}.key("variants"), normalized.ok, report);
  // Scenarios the file leaves out come from the engine's defaults (real-time, batch, edge).
  const Json* scenario_list = get(spec, "scenarios", Kind::List);
  if (scenario_list && scenario_list->empty())
    report.error(Path{}.key("scenarios"),
                 "an empty \"scenarios\" list leaves nothing to rank for; omit it for the defaults");
  if (!scenario_list && normalized.ok) scenario_list = get(normalized.spec, "scenarios", Kind::List);
  std::vector<std::string> scenarios = names_of(scenario_list, Path{}.key("scenarios"), normalized.ok, report);
  if (const Json* axes = get(widget, "axes", Kind::Object);
      axes && check_fields(*axes, at.key("axes"), kAxesFields, "axes", report)) {
    for (const char* axis : {"x", "y", "size"})
      if (const Json* m = get(*axes, axis, Kind::Text); m && !listed(tradeoff_metrics(), m->get<std::string>()))
        report.error(at.key("axes").key(axis), "unknown metric " + quote_short(m->get<std::string>()) +
                                                   "; expected one of: " + join(tradeoff_metrics()));
  }
  if (const Json* d = get(widget, "default_scenario", Kind::Text);
      d && !scenarios.empty() && !listed(scenarios, d->get<std::string>()))
    report.error(at.key("default_scenario"),
                 "no scenario named " + quote_short(d->get<std::string>()) + "; known: " + join(scenarios));
  if (const Json* list = get(widget, "controls", Kind::List)) {
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
      // Trade-off controls act on the selected variant, so their paths are relative to one.
      ResolvedControl c = check_control((*list)[i], at.key("controls").index(i), {}, "variants.", report);
      if (!c.option.empty() && listed(seen, c.option))
        report.error(at.key("controls").index(i), "a second control for '" + c.option + "'");
      seen.push_back(c.option);
    }
  }
  if (const Json* notice = get(widget, "notice", Kind::Text))
    check_notice(notice->get<std::string>(), at.key("notice"), "tradeoff", 0, report);
  check_tradeoff_setup(spec, widget, normalized, report);
}

}  // namespace

void check_widget_section(const Json& spec, const NormalizedSpec& normalized, Report& report) {
  const Json* widget = spec.contains("widget") ? &spec["widget"] : nullptr;
  if (!widget || widget->is_null()) {
    report.error(Path{}, "a widget file needs a \"widget\" section (type, title, ...) next to the experiment spec");
    return;
  }
  if (!widget->is_object()) {
    report.error(Path{}.key("widget"), "expected a mapping of fields, got " + describe_value(*widget));
    return;
  }
  const Json* type = get(*widget, "type", Kind::Text);
  if (!type) {
    report.error(Path{}.key("widget"), "missing required field 'type' (one of: " + join(known_widget_types()) + ")");
    return;
  }
  if (*type == "optimization_lab")
    check_optimization_lab(spec, *widget, normalized.experiments, report);
  else if (*type == "performance_tradeoff_explorer")
    check_tradeoff(spec, *widget, normalized, report);
  else
    report.error(Path{}.key("widget").key("type"), "unknown widget type " + quote_short(type->get<std::string>()) +
                                                       "; expected one of: " + join(known_widget_types()));
}

// The widget section as a describe_schema variant keyed by "type" (which is required: there
// is no default widget), for the generated JSON Schema. Names across the spec (a panel's
// experiments, default_scenario) and control paths stay in the checks above (docs/schema.md).
Json describe_widget_section() {
  auto without_type = [](const std::vector<Field>& table) {
    Json out = Json::array();
    for (auto& f : describe_fields(table))
      if (f["name"] != "type") out.push_back(f);
    return out;
  };
  const auto list_of = [](Json fields) { return Json{{"type", "object list"}, {"fields", std::move(fields)}}; };
  Json panel = describe_fields(kPanelFields);
  described_field(panel, "id")["json_schema"] = Json{{"pattern", "^[a-z0-9_-]+$"}};
  described_field(panel, "chart")["choices"] = chart_kinds();
  described_field(panel, "experiments")["json_schema"] = Json{{"minItems", 1}};
  described_field(panel, "controls").update(list_of(describe_control_fields()));
  described_field(panel, "presets").update(list_of(describe_preset_fields()));
  Json lab = without_type(kOptimizationLabFields);
  described_field(lab, "panels").update(list_of(Json{{"name", "panel"}, {"options", panel}}));
  described_field(lab, "panels")["json_schema"] = Json{{"minItems", 1}};
  Json axes = describe_fields(kAxesFields);
  for (const char* axis : {"x", "y", "size"}) described_field(axes, axis)["choices"] = tradeoff_metrics();
  Json tradeoff = without_type(kTradeoffFields);
  described_field(tradeoff, "axes")["fields"] = Json{{"name", "axes"}, {"options", axes}};
  described_field(tradeoff, "controls").update(list_of(describe_control_fields()));
  described_field(tradeoff, "setup").update(list_of(describe_control_fields()));
  described_field(tradeoff, "model_sizes").update(list_of(describe_model_size_fields()));
  Json variants{
      {"optimization_lab", Json{{"name", "optimization_lab"}, {"options", lab}}},
      {"performance_tradeoff_explorer", Json{{"name", "performance_tradeoff_explorer"}, {"options", tradeoff}}}};
  for (const auto& type : known_widget_types())
    if (!variants.contains(type)) throw std::logic_error("widget type '" + type + "' has no described fields");
  return Json{{"name", "widget"},
              {"type", "variant"},
              {"required_type", true},
              {"variants", variants},
              {"doc", "the widget's UI: its type, title and what it shows; runs ignore it"}};
}

}  // namespace lab::lesson

namespace lab {
const std::vector<std::string>& known_widget_types() {
  static const std::vector<std::string> types = {"optimization_lab", "performance_tradeoff_explorer"};
  return types;
}
}  // namespace lab
