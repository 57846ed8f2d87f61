// The engine's one strict JSON reader, for specs and widget files alike. nlohmann/json parses
// (syntax errors with line and column; nesting past the caller's limit stops it early, so a
// hostile file cannot exhaust the stack); a small scanner then walks the now valid text once to
// find what nlohmann cannot say: duplicate keys (it silently keeps the last) and where each key
// and value starts, for diagnostics that point into the file. Numbers that overflow a double
// are errors, not library exceptions.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "lab/json.hpp"

namespace lab {

struct TextPos {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in characters (UTF-8 continuation bytes share a column)
};

// 1-based line and column of byte `offset` in `text`.
TextPos text_position(const std::string& text, std::size_t offset);

struct JsonIssue {
  enum Kind { Syntax, Depth, DuplicateKey };
  Kind kind = Syntax;
  TextPos at;           // where in the text (line 0: unknown, e.g. a number overflow)
  std::string pointer;  // JSON pointer of the place ("/dataset/target"); empty at the root
  std::string field;    // the same as a dotted field path ("dataset.target")
  std::string message;
};

struct StrictJson {
  bool ok = false;      // parsed, no duplicate key, within the depth limit
  bool parsed = false;  // nlohmann read it (duplicate keys may remain: see issues)
  Json value;           // null unless parsed
  std::vector<JsonIssue> issues;
  std::map<std::string, TextPos> value_at;  // JSON pointer -> start of the value (with positions)
  std::map<std::string, TextPos> key_at;    // JSON pointer -> start of its key (object members)
};

// Reads `text` (a UTF-8 BOM is skipped). `max_depth` bounds the nesting of arrays and objects;
// `positions` asks for value_at/key_at.
StrictJson read_strict_json(const std::string& text, std::size_t max_depth, bool positions);

// parse_json_text() (lab/json.hpp) is read_strict_json with the spec limit, throwing the first
// issue as a lab::Error with file, line, column and field.

}  // namespace lab
