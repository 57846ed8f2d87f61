// The embind layer of engine-authoring.mjs: parsing lessons and catalogs (the YAML reader and
// every lesson rule). The site build runs it over the lessons the site ships and pre-parses
// them; a browser loads it only for a lesson or catalog the build did not see (one edited since
// the build, an author's own), so the module the widgets run on stays without it (114 KB of
// 598 KB gzip when it was split off). Same conventions as bindings.cpp: JSON text in and out,
// errors as values.
#include <emscripten/bind.h>

#include <string>
#include <vector>

#include "guarded.hpp"
#include "lab/error.hpp"
#include "lab/lesson.hpp"
#include "lab/version.hpp"

namespace {

using lab::Json;

using lab::bindings::guarded;

// {ok, <key>: parsed, diagnostics}: ok is false when nothing was parsed or an error was found.
template <typename Parse>
std::string parsed_with_diagnostics(const char* key, const std::string& text, const std::string& filename,
                                    Parse parse) {
  return guarded([&] {
    std::vector<lab::Diagnostic> diagnostics;
    Json parsed = parse(text, filename, diagnostics);
    Json list = Json::array();
    bool has_error = parsed.is_null();
    for (const auto& d : diagnostics) {
      list.push_back(d.to_json());
      has_error = has_error || d.severity == "error";
    }
    return Json{{"ok", !has_error}, {key, parsed}, {"diagnostics", list}}.dump();
  });
}

std::string parse_lesson(const std::string& text, const std::string& filename) {
  return parsed_with_diagnostics("lesson", text, filename, lab::parse_lesson);
}

std::string parse_catalog(const std::string& text, const std::string& filename) {
  return parsed_with_diagnostics("catalog", text, filename, lab::parse_catalog);
}

// {ok, diagnostics}: a widget text file against the widget file it translates (the live
// preview checks one as tools/lab validate does, on the site's own engine).
std::string validate_widget_text(const std::string& text, const std::string& filename, const std::string& widget_text,
                                 const std::string& widget_filename) {
  return guarded([&] {
    std::vector<lab::Diagnostic> diagnostics;
    const bool ok = lab::validate_widget_text(text, filename, widget_text, widget_filename, diagnostics);
    Json list = Json::array();
    for (const auto& d : diagnostics) list.push_back(d.to_json());
    return Json{{"ok", ok}, {"diagnostics", list}}.dump();
  });
}

std::string version() { return lab::version(); }

}  // namespace

EMSCRIPTEN_BINDINGS(lab_authoring) {
  emscripten::function("parseLesson", &parse_lesson);
  emscripten::function("parseCatalog", &parse_catalog);
  emscripten::function("validateWidgetText", &validate_widget_text);
  emscripten::function("version", &version);
}
