// One error type for every bad input. It carries where the problem is (a spec field path such
// as "model.lambda", or a file with line and column) so every front end can point at it.
#pragma once
#include <stdexcept>
#include <string>

namespace lab {

struct Location {
  std::string file;   // file name as the user gave it; empty for in-memory input
  std::string field;  // dotted field path, e.g. "train.schedule.type"; empty if not a field
  int line = 0;       // 1-based; 0 when unknown
  int column = 0;     // 1-based; 0 when unknown

  // "file:line:col" / "file:line" / "field" ... joined the way compilers print locations.
  std::string str() const;
};

class Error : public std::runtime_error {
 public:
  Error(Location where, const std::string& message);
  const Location& where() const { return where_; }
  const std::string& message() const { return message_; }  // without the location prefix

 private:
  Location where_;
  std::string message_;
};

// Something the engine did about the input instead of refusing it (a constant feature column
// left out): where, and what was done. A result lists them under "warnings".
struct Warning {
  Location where;
  std::string message;
};

// Thrown when a progress callback asks to stop. Not an input error.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

[[noreturn]] void fail_field(const std::string& field, const std::string& message);
[[noreturn]] void fail_file(const std::string& file, int line, int column, const std::string& message);

}  // namespace lab
