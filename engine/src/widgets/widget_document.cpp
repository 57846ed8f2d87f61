// validate_widget: JSON with positions -> the spec through lab::normalize_spec (the engine's
// own declarations are the one source of truth) -> each experiment's patched spec -> the
// widget section's schema.
#include "widgets/widget_document.hpp"

#include "documents/json_document.hpp"
#include "lab/error.hpp"
#include "lab/experiment.hpp"
#include "lab/options.hpp"
#include "lab/spec_schema.hpp"
#include "widgets/widget_schema.hpp"

namespace lab::lesson {

namespace {

// Maps a lab::Error from normalize_spec onto the file: its field path, under `prefix` (the
// experiment whose patched spec failed), located in the widget file's text.
void report_spec_error(const Error& e, const Path& prefix, Report& report) {
  const Location& w = e.where();
  if (!w.field.empty()) {
    Path field = path_from_field(w.field);
    report.error(
        Path{prefix.pointer + field.pointer, prefix.field.empty() ? field.field : prefix.field + "." + field.field},
        e.message());
  } else {
    report.error_at({w.line, w.column}, e.message());
  }
}

std::string default_model_type() {
  const Option* model = spec_schema().find("model");
  return model ? model->default_value.value("type", "") : "";
}

}  // namespace

Json apply_experiment(const Json& base, const Json& patch) {
  Json out = base;
  // Run-level sections do not nest into an experiment (as in the engine's own patching).
  for (const char* section : {"experiments", "variants", "scenarios", "widget"}) out.erase(section);
  if (patch.is_object() && patch.contains("model") && patch["model"].is_object() && patch["model"].contains("type")) {
    std::string base_type = default_model_type();
    if (out.contains("model") && out["model"].is_object()) base_type = out["model"].value("type", base_type);
    if (patch["model"]["type"] != base_type) out.erase("model");
  }
  out.merge_patch(patch);
  return out;
}

WidgetDocument read_widget(const std::string& text, const std::string& filename, std::vector<Diagnostic>& diagnostics) {
  WidgetDocument doc;
  Report report(filename, diagnostics);
  try {
    JsonDocument json = parse_json_document(text, report);
    if (!json.ok) return doc;
    doc.spec = std::move(json.value);
    doc.positions = std::move(json.positions);
    report.set_positions(&doc.positions);
    if (!doc.spec.is_object()) {
      report.error(Path{}, "a widget file is a JSON object (an experiment spec with a \"widget\" section), got " +
                               describe_value(doc.spec));
      return doc;
    }
    Json base = doc.spec;
    base.erase("widget");  // UI only; the engine ignores it (docs/spec.md)
    NormalizedSpec normalized;
    try {
      normalized.spec = normalize_spec(base);
      normalized.ok = doc.spec_ok = true;
    } catch (const Error& e) {
      report_spec_error(e, Path{}, report);
    }
    if (doc.spec_ok && base.contains("experiments") && base["experiments"].is_object()) {
      for (auto it = base["experiments"].begin(); it != base["experiments"].end(); ++it) {
        Path at = Path{}.key("experiments").key(it.key());
        if (!it->is_object()) {
          report.error(at, "an experiment is a JSON merge patch over the spec (an object), got " + describe_value(*it));
          continue;
        }
        try {
          normalized.experiments[it.key()] = normalize_spec(apply_experiment(base, *it));
        } catch (const Error& e) {
          report_spec_error(e, at, report);
        }
      }
    }
    check_widget_section(doc.spec, normalized, report);
  } catch (const std::exception& e) {
    // normalize_spec or nlohmann may throw something other than lab::Error; it must still end
    // up as a diagnostic rather than escape to the caller (a wasm caller sees a bare number).
    report.error_at({}, std::string("internal error while checking the widget: ") + e.what());
  }
  return doc;
}

}  // namespace lab::lesson

namespace lab {
std::vector<Diagnostic> validate_widget(const std::string& text, const std::string& filename) {
  std::vector<Diagnostic> out;
  lesson::read_widget(text, filename, out);
  return out;
}
}  // namespace lab
