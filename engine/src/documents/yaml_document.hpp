// YAML front matter to JSON, keeping the file position of every key and value. Built on
// yaml-cpp's event parser rather than YAML::Load because Load silently keeps duplicate keys and
// follows aliases into cycles (a self-referencing anchor recursed until the stack overflowed).
#pragma once
#include <string>

#include "documents/report.hpp"

namespace lab::lesson {

struct YamlDocument {
  Json value;               // null when the text could not be parsed
  PositionIndex positions;  // file positions (line_offset applied)
};

// Parses `text`, whose first line is file line `first_line`. Syntax errors, duplicate keys,
// aliases, non-text keys and oversized documents are reported; never throws.
YamlDocument parse_yaml(const std::string& text, int first_line, Report& report);

// Plain (unquoted) scalars typed by the YAML 1.2 core schema: null, true/false, integers,
// floats; anything else is text. Quoted and block scalars are always text.
Json plain_scalar(const std::string& text);

}  // namespace lab::lesson
