// Strict JSON text parsing for specs and widget files: syntax errors with line and column,
// duplicate keys (nlohmann/json would silently keep the last) and nesting deeper than
// kMaxJsonDepth are errors naming the field path, and numbers that overflow a double are
// errors instead of exceptions from the library.
#pragma once
#include "core/limits.hpp"
#include <string>

#include "lab/json.hpp"

namespace lab {


// parse_json_text() itself is declared in lab/json.hpp.

}  // namespace lab
