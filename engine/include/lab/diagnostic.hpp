// A finding about an authored file (a lesson, a widget file, a catalog): where, how bad, what.
// Every check of authored files reports these (engine/src/documents/).
#pragma once
#include <string>

#include "lab/error.hpp"
#include "lab/json.hpp"

namespace lab {

struct Diagnostic {
  std::string severity;  // "error" or "warning"
  Location where;
  std::string message;
  std::string str() const;  // "file:line:col: error: message"
  Json to_json() const;     // {severity, file, line, column, field, message}
};

}  // namespace lab
