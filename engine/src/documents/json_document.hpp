// A widget or catalog file read by the engine's one strict JSON reader (core/json_text), with
// the positions of its keys and values and its problems as diagnostics.
#pragma once
#include <string>

#include "documents/report.hpp"

namespace lab::lesson {

struct JsonDocument {
  bool ok = false;  // the text parsed (its value may still be null: "null" is valid JSON)
  Json value;
  PositionIndex positions;
};

// Reports syntax errors (with the line and column of the offending byte), duplicate keys and
// nesting deeper than a widget file needs; never throws.
JsonDocument parse_json_document(const std::string& text, Report& report);

// 1-based line and column (in characters, not bytes) of byte `offset` in `text`.
SourcePos position_of(const std::string& text, std::size_t offset);

}  // namespace lab::lesson
