#include "widgets/tradeoff_setup.hpp"

#include <string>
#include <vector>

#include "documents/field_check.hpp"
#include "lab/error.hpp"
#include "lab/experiment.hpp"
#include "widgets/widget_controls.hpp"

namespace lab::lesson {

namespace {

const std::vector<Field> kModelSizeFields = {
    {"name", Kind::Text, true, "the choice's label (small, medium, large)"},
    {"hidden", Kind::List, true, "units per hidden layer of the spec's MLP, as model.hidden"},
    {"help", Kind::Text, false, "a line saying what the size is for"}};

void check_model_sizes(const Json& spec, const Json& sizes, const Path& at, const NormalizedSpec& normalized,
                       Report& report) {
  if (!normalized.ok) return;  // the spec's own errors come first; sizes are checked against it
  const Json& model = normalized.spec["model"];
  if (model.value("type", "") != "mlp") {
    report.error(at, "model sizes choose the spec's MLP size (model.hidden); this spec's model is " +
                         quote_short(model.value("type", "")));
    return;
  }
  std::vector<std::string> names;
  bool starts_listed = false;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const Path item = at.index(i);
    if (!check_fields(sizes[i], item, kModelSizeFields, "model size", report)) continue;
    const Json* name = get(sizes[i], "name", Kind::Text);
    const Json* hidden = get(sizes[i], "hidden", Kind::List);
    if (!name || !hidden) continue;
    for (const auto& n : names)
      if (n == name->get<std::string>())
        report.error(item.key("name"), "the name " + quote_short(n) + " is used twice");
    names.push_back(name->get<std::string>());
    // The engine's own rules for model.hidden (whole numbers, units and layer limits), on the
    // spec as it would run with this size.
    Json patched = spec;
    patched.erase("widget");
    patched["model"]["hidden"] = *hidden;
    try {
      normalize_spec(patched);
    } catch (const Error& e) {
      report.error(item.key("hidden"), e.message() + (e.where().field.empty() ? "" : " (" + e.where().field + ")"));
      continue;
    }
    starts_listed = starts_listed || *hidden == model["hidden"];
  }
  if (!sizes.empty() && !starts_listed)
    report.error(at, "none of the sizes is the spec's own model.hidden " + model["hidden"].dump() +
                         ": list it, so the choice the widget starts with is one of them");
}

}  // namespace

void check_tradeoff_setup(const Json& spec, const Json& widget, const NormalizedSpec& normalized, Report& report) {
  const Path at = Path{}.key("widget");
  if (const Json* list = get(widget, "setup", Kind::List)) {
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
      // Paths in the spec itself: a setup control changes the whole run, every variant.
      ResolvedControl c = check_control((*list)[i], at.key("setup").index(i), {}, "", report);
      for (const auto& s : seen)
        if (!c.option.empty() && s == c.option)
          report.error(at.key("setup").index(i), "a second control for '" + c.option + "'");
      seen.push_back(c.option);
    }
  }
  if (const Json* sizes = get(widget, "model_sizes", Kind::List))
    check_model_sizes(spec, *sizes, at.key("model_sizes"), normalized, report);
}

Json describe_model_size_fields() {
  return Json{{"name", "model size"}, {"options", describe_fields(kModelSizeFields)}};
}

}  // namespace lab::lesson
