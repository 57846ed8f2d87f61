// parse_lesson: front matter split -> YAML to JSON with positions -> rules -> normalized JSON
// plus the Markdown body and its outline.
#include "lab/lesson.hpp"

#include <cstdio>

#include "documents/json_document.hpp"
#include "documents/yaml_document.hpp"
#include "lesson/catalog.hpp"
#include "lesson/front_matter.hpp"
#include "lesson/lesson_document.hpp"
#include "lesson/lesson_schema.hpp"
#include "lesson/markdown_sections.hpp"
#include "widgets/widget_schema.hpp"
#include "widgets/widget_text.hpp"

namespace lab {

namespace lesson {

namespace {

// The file's checks up to its front matter as JSON: size, UTF-8, the '---' delimiters, YAML,
// a mapping. False (with the problem reported) when the file does not get that far.
bool read_front_matter(const std::string& text, Report& report, FrontMatterSplit& split, YamlDocument& yaml) {
  if (text.size() > limits::kMaxLessonBytes) {
    report.error_at({1, 1}, "the file is " + std::to_string(text.size()) + " bytes; lessons are limited to " +
                                std::to_string(limits::kMaxLessonBytes) + " bytes");
    return false;
  }
  if (std::size_t bad = first_invalid_utf8(text); bad != std::string::npos) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
    report.error_at(position_of(text, bad),
                    std::string("invalid UTF-8 (byte ") + hex + "); lesson files are UTF-8 text");
    return false;
  }
  split = split_front_matter(text, report);
  if (!split.ok) return false;
  if (split.yaml.size() > limits::kMaxFrontMatterBytes) {
    report.error_at({split.yaml_line, 1}, "the front matter is " + std::to_string(split.yaml.size()) +
                                              " bytes; the limit is " + std::to_string(limits::kMaxFrontMatterBytes) +
                                              " (long text belongs in the Markdown body)");
    return false;
  }
  yaml = parse_yaml(split.yaml, split.yaml_line, report);
  if (report.errors() > 0 && yaml.value.is_null()) return false;
  if (!yaml.value.is_object()) {
    report.error_at(
        {split.yaml_line, 1},
        yaml.value.is_null()
            ? "the front matter is empty; expected the lesson's fields (id, title, duration_min, ...)"
            : "the front matter must be a mapping of fields (id: ..., title: ...), got " + describe_value(yaml.value));
    return false;
  }
  return true;
}

}  // namespace

LessonDocument read_lesson(const std::string& text, const std::string& filename, std::vector<Diagnostic>& diagnostics) {
  LessonDocument doc;
  Report report(filename, diagnostics);
  try {
    FrontMatterSplit split;
    YamlDocument yaml;
    const bool read = read_front_matter(text, report, split, yaml);
    doc.positions = std::move(yaml.positions);
    report.set_positions(&doc.positions);
    if (!read) return doc;
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

Json lesson_front_matter(const std::string& text, const std::string& filename, std::vector<Diagnostic>& diagnostics) {
  lesson::Report report(filename, diagnostics);
  try {
    lesson::FrontMatterSplit split;
    lesson::YamlDocument yaml;
    return lesson::read_front_matter(text, report, split, yaml) ? yaml.value : Json();
  } catch (const std::exception& e) {
    report.error_at({}, std::string("internal error while reading the lesson: ") + e.what());
    return Json();
  }
}

Json describe_file_formats() {
  return Json{{"lesson", lesson::describe_lesson_format()},
              {"widget", lesson::describe_widget_section()},
              {"catalog", lesson::describe_catalog_format()},
              {"widget_text", lesson::describe_widget_text_format()}};
}

Json parse_lesson(const std::string& text, const std::string& filename, std::vector<Diagnostic>& diagnostics) {
  return lesson::read_lesson(text, filename, diagnostics).lesson;
}

}  // namespace lab
