// The outline of a lesson's Markdown body: its headings in order, with the anchor slug the web
// shell uses for links (GitHub's rule, so links written against GitHub's preview keep working).
#pragma once
#include <string>

#include "lab/json.hpp"

namespace lab::lesson {

// [{level, title, anchor, line}], `line` being the file line (the body starts at `first_line`).
// ATX ("## Title") and setext ("Title" over "===" / "---") headings count; lines inside fenced
// code blocks do not.
Json markdown_sections(const std::string& body, int first_line);

// "1. Monitor Validation Metrics" -> "1-monitor-validation-metrics".
std::string heading_slug(const std::string& title);

}  // namespace lab::lesson
