// Shared plumbing of the lesson and widget checks: a path into a parsed document (both as a
// JSON pointer, the key of the position index, and as the engine's dotted field style), the
// index from paths to file positions, and a Report that turns findings into Diagnostics.
// Checks are written against JSON; the index lets them point at the YAML or JSON source.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "lab/diagnostic.hpp"
#include "lab/json.hpp"

namespace lab::lesson {

struct Path {
  std::string pointer;  // "/quiz/0/answer"
  std::string field;    // "quiz[0].answer"
  Path key(const std::string& name) const;
  Path index(std::size_t i) const;
};

// Converts an engine field path ("experiments.dropout.model.dropout", "variants[2].name",
// also "variants.2.name") into a Path, so errors from lab::normalize_spec can be located.
Path path_from_field(const std::string& dotted);

struct SourcePos {
  int line = 0;    // 1-based file line; 0 = unknown
  int column = 0;  // 1-based
};

struct PositionIndex {
  std::map<std::string, SourcePos> value;  // pointer -> start of the value
  std::map<std::string, SourcePos> key;    // pointer -> start of its key (object members)
  // Position of `pointer`, or of its nearest ancestor that is known (so a missing field is
  // reported at the object that should hold it).
  SourcePos find(const std::string& pointer, bool at_key = false) const;
};

class Report {
 public:
  Report(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(out) {}
  void set_positions(const PositionIndex* positions) { positions_ = positions; }

  void error(const Path& at, const std::string& message, bool at_key = false);
  void warning(const Path& at, const std::string& message, bool at_key = false);
  void error_at(SourcePos pos, const std::string& message, const std::string& field = "");
  void warning_at(SourcePos pos, const std::string& message, const std::string& field = "");
  int errors() const { return errors_; }
  const std::string& file() const { return file_; }

 private:
  void add(const char* severity, SourcePos pos, const std::string& field, const std::string& message);
  std::string file_;
  std::vector<Diagnostic>& out_;
  const PositionIndex* positions_ = nullptr;
  int errors_ = 0;
};

// Short, readable rendering of a value for messages ("the number 45", "a list").
std::string describe_value(const Json& v);
// `s` cut to a readable length for messages (never inside a UTF-8 sequence).
std::string quote_short(const std::string& s);

// Diagnostics quote the input (a parser's "last read" token may hold the very byte that
// failed); they pass through valid_utf8 (core/utf8.hpp) so they stay writable as JSON.

}  // namespace lab::lesson
