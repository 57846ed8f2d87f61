// Diagnostic formatting: the compiler-style line every front end prints
// ("file:line:col: error: field: message"), so editors can jump to it.
#include "lab/diagnostic.hpp"

namespace lab {

std::string Diagnostic::str() const {
  std::string out = where.file.empty() ? "<input>" : where.file;
  if (where.line > 0) {
    out += ":" + std::to_string(where.line);
    if (where.column > 0) out += ":" + std::to_string(where.column);
  }
  out += ": " + severity + ": ";
  if (!where.field.empty()) out += where.field + ": ";
  return out + message;
}

Json Diagnostic::to_json() const {
  return Json{{"severity", severity},   {"file", where.file},   {"line", where.line},
              {"column", where.column}, {"field", where.field}, {"message", message}};
}

}  // namespace lab
