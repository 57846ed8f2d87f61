// A lesson file parsed together with the file positions of its front matter, so cross-file
// checks (validate_paths) can point at the line of a widget reference or a prereq.
#pragma once
#include <string>
#include <vector>
#include "core/limits.hpp"

#include "documents/report.hpp"

namespace lab::lesson {

struct LessonDocument {
  Json lesson;              // parse_lesson's result; null if the file could not be parsed
  PositionIndex positions;  // of the front matter's keys and values
};

LessonDocument read_lesson(const std::string& text, const std::string& filename, std::vector<Diagnostic>& diagnostics);

// Limits that keep a hostile file from exhausting memory or time (docs/widgets.md).

}  // namespace lab::lesson
