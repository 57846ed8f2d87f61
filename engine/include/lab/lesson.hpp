// Lessons and widget files as data: parse, validate, and hand to the web shell as JSON.
// The implementation lives in engine/src/lesson/ (widget files: lab/widget_file.hpp); the
// formats are described in docs/widgets.md.
#pragma once
#include <string>
#include <vector>

#include "lab/diagnostic.hpp"
#include "lab/json.hpp"
#include "lab/widget_file.hpp"

namespace lab {

// Parses a lesson file (YAML front matter + Markdown body) into JSON for the web shell:
// the front matter fields plus "body" (Markdown) and "sections" (the body's headings in order).
// Problems found are appended to `diagnostics`; returns null JSON if the file cannot be parsed.
//
// The result always has every field: id, title, lang ("en" unless given; null if not a language tag), duration_min,
// prereqs [], tags [], video {platform, id, start, end} or null, widgets [{type, data}], goals [], quiz [{q, options,
// answer, explain}], flashcards [{term, definition}], reflection [], next (or null), body, sections [{level, title,
// anchor, line}]. Lines are file lines. Every part has that shape even when the file has errors: a value of another
// shape (a quiz question without options, a widget of an unknown type) is left out and its diagnostic says why, so the
// web shell renders the lesson as given and normalises nothing itself. Never throws; reads no files (cross-file checks
// are validate_paths's job).
Json parse_lesson(const std::string& text, const std::string& filename, std::vector<Diagnostic>& diagnostics);

// A lesson file's front matter as JSON, before the lesson rules apply: what a JSON Schema
// tool checks (tools/docs/json-schema.mjs, docs/schema.md). Null, with the problem in `diagnostics`,
// when the file is not read that far (size, UTF-8, delimiters, YAML, not a mapping). Never throws.
Json lesson_front_matter(const std::string& text, const std::string& filename, std::vector<Diagnostic>& diagnostics);

// The lesson front matter's and the widget section's fields and rules as data, in the
// vocabulary of describe_spec() (lab/options.hpp): {lesson: {name, options}, widget: {name,
// type: "variant", variants}, catalog: {name, options}, widget_text: {name, options}}. tools/docs/json-schema.mjs makes
// the JSON Schemas from these.
Json describe_file_formats();

// Parses a lesson catalog (lessons/index.json: {title, chapters?: [{id, title}], lessons:
// [{id, title, chapter, duration_min, tags, path, available, translations}]}) into {title, chapters, lessons}
// with lessons in course order (chapter order, then file order), every entry with all eight
// fields (chapter and duration_min null when not given); entries with errors are left out with
// a diagnostic. Returns null JSON if the file is not a catalog. Never throws.
Json parse_catalog(const std::string& text, const std::string& filename, std::vector<Diagnostic>& diagnostics);

// Validates lesson (.md) and widget (.json) files; folders recurse. Cross-file checks (widget
// data exists, prereqs/next in the catalog) resolve "/..." paths against `site_root`.
// In folders, README.md files are skipped and index.json is read as a lesson catalog.
std::vector<Diagnostic> validate_paths(const std::vector<std::string>& paths, const std::string& site_root);

// A widget text file (widgets/i18n/STEM.LANG.json, named `filename`) checked as validate_paths
// checks it, against the widget file it gives the text of (`widget_text`, named
// `widget_filename`; the caller finds it by the text file's "widget" field): LANG from the file
// name, every string a learner reads translated, placeholders kept. The widget file's own
// problems are left out (it is validated by itself). Returns whether there is no error.
bool validate_widget_text(const std::string& text, const std::string& filename, const std::string& widget_text,
                          const std::string& widget_filename, std::vector<Diagnostic>& diagnostics);

}  // namespace lab
