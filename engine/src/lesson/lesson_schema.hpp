// The lesson front matter's rules (docs/widgets.md lists them next to the widget rules) and
// its normalized JSON form for the web shell.
#pragma once
#include "documents/report.hpp"

namespace lab::lesson {

// Reports every rule the front matter breaks; the front matter must already be a mapping.
void check_lesson(const Json& front_matter, Report& report);

// The front matter with defaults filled in (empty lists, null video/next, start 0) and
// flashcards as {term, definition} objects, whichever way they were written.
Json normalize_lesson(const Json& front_matter);

// Lesson ids (and prereqs/next): lowercase letters, digits and '-', e.g. "ai-builder-ch3-lesson4".
bool valid_lesson_id(const std::string& id);

// The front matter's field tables and rules in describe_schema's vocabulary (lab/options.hpp),
// for the generated JSON Schema (tools/docs/json-schema.mjs).
Json describe_lesson_format();

}  // namespace lab::lesson
