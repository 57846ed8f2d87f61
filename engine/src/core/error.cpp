#include "lab/error.hpp"

namespace lab {

std::string Location::str() const {
  std::string out = file;
  if (!file.empty() && line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  if (!field.empty()) out += (out.empty() ? "" : ": ") + field;
  return out;
}

static std::string with_location(const Location& where, const std::string& message) {
  std::string at = where.str();
  return at.empty() ? message : at + ": " + message;
}

Error::Error(Location where, const std::string& message)
    : std::runtime_error(with_location(where, message)), where_(std::move(where)), message_(message) {}

void fail_field(const std::string& field, const std::string& message) {
  throw Error(Location{"", field, 0, 0}, message);
}

void fail_file(const std::string& file, int line, int column, const std::string& message) {
  throw Error(Location{file, "", line, column}, message);
}

}  // namespace lab
