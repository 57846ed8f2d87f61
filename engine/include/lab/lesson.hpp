// Lessons and widget files as data: parse, validate, and hand to the web shell as JSON.
// (Contract for issue 4; the implementation lives in engine/src/lesson/.)
#pragma once
#include <string>
#include <vector>

#include "lab/error.hpp"
#include "lab/json.hpp"

namespace lab {

struct Diagnostic {
  std::string severity;  // "error" or "warning"
  Location where;
  std::string message;
  std::string str() const;  // "file:line:col: error: message"
  Json to_json() const;     // {severity, file, line, column, field, message}
};

// Parses a lesson file (YAML front matter + Markdown body) into JSON for the web shell:
// the front matter fields plus "body" (Markdown) and "sections" (the body's headings in order).
// Problems found are appended to `diagnostics`; returns null JSON if the file cannot be parsed.
Json parse_lesson(const std::string& text, const std::string& filename,
                  std::vector<Diagnostic>& diagnostics);

// Checks a widget file's text (JSON: an experiment spec plus a "widget" section).
std::vector<Diagnostic> validate_widget(const std::string& text, const std::string& filename);

// Validates lesson (.md) and widget (.json) files; folders recurse. Cross-file checks (widget
// data exists, prereqs/next in the catalog) resolve "/..." paths against `site_root`.
std::vector<Diagnostic> validate_paths(const std::vector<std::string>& paths,
                                       const std::string& site_root);

}  // namespace lab
