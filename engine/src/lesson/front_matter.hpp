// Splits a lesson file into its YAML front matter (between the first two '---' lines) and the
// Markdown body, remembering on which file lines each part starts.
#pragma once
#include <string>

#include "documents/report.hpp"

namespace lab::lesson {

struct FrontMatterSplit {
  bool ok = false;
  std::string yaml;   // the lines between the delimiters
  int yaml_line = 0;  // file line of the first YAML line
  std::string body;   // everything after the closing delimiter line
  int body_line = 0;  // file line where the body starts
};

// Reports an empty file, a missing opening '---' or a missing closing '---' (or '...').
FrontMatterSplit split_front_matter(const std::string& text, Report& report);

}  // namespace lab::lesson
