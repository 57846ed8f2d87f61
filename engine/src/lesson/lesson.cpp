// parse_lesson: front matter split -> YAML to JSON with positions -> rules -> normalized JSON
// plus the Markdown body and its outline.
#include "lab/lesson.hpp"

#include <cstdio>

#include "lesson/front_matter.hpp"
#include "lesson/json_document.hpp"
#include "lesson/lesson_document.hpp"
#include "lesson/lesson_schema.hpp"
#include "lesson/markdown_sections.hpp"
#include "lesson/yaml_document.hpp"

namespace lab {

namespace lesson {

LessonDocument read_lesson(const std::string& text, const std::string& filename,
                           std::vector<Diagnostic>& diagnostics) {
  LessonDocument doc;
  Report report(filename, diagnostics);
  try {
    if (text.size() > limits::kMaxLessonBytes) {
      report.error_at({1, 1}, "the file is " + std::to_string(text.size()) + " bytes; lessons are limited to " +
                                  std::to_string(limits::kMaxLessonBytes) + " bytes");
      return doc;
    }
    if (std::size_t bad = first_invalid_utf8(text); bad != std::string::npos) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
      report.error_at(position_of(text, bad), std::string("invalid UTF-8 (byte ") + hex + "); lesson files are UTF-8 text");
      return doc;
    }
    FrontMatterSplit split = split_front_matter(text, report);
    if (!split.ok) return doc;
    if (split.yaml.size() > limits::kMaxFrontMatterBytes) {
      report.error_at({split.yaml_line, 1}, "the front matter is " + std::to_string(split.yaml.size()) +
                                                " bytes; the limit is " + std::to_string(limits::kMaxFrontMatterBytes) +
                                                " (long text belongs in the Markdown body)");
      return doc;
    }
    YamlDocument yaml = parse_yaml(split.yaml, split.yaml_line, report);
    if (report.errors() > 0 && yaml.value.is_null()) return doc;
    doc.positions = std::move(yaml.positions);
    report.set_positions(&doc.positions);
    if (!yaml.value.is_object()) {
      report.error_at({split.yaml_line, 1},
                      yaml.value.is_null() ? "the front matter is empty; expected the lesson's fields (id, title, duration_min, ...)"
                                           : "the front matter must be a mapping of fields (id: ..., title: ...), got " +
                                                 describe_value(yaml.value));
      return doc;
    }
    check_lesson(yaml.value, report);
    Json lesson = normalize_lesson(yaml.value);
    lesson["body"] = split.body;
    lesson["sections"] = markdown_sections(split.body, split.body_line);
    doc.lesson = std::move(lesson);
  } catch (const std::exception& e) {
    // Last line of defence: no yaml-cpp/nlohmann/std exception may reach the caller.
    report.error_at({}, std::string("internal error while reading the lesson: ") + e.what());
    doc.lesson = Json();
  }
  return doc;
}

}  // namespace lesson

Json parse_lesson(const std::string& text, const std::string& filename, std::vector<Diagnostic>& diagnostics) {
  return lesson::read_lesson(text, filename, diagnostics).lesson;
}

}  // namespace lab
