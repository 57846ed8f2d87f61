#include "documents/report.hpp"

#include <cctype>

namespace lab::lesson {

namespace {
std::string escape_pointer_token(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}
}  // namespace

Path Path::key(const std::string& name) const {
  return Path{pointer + "/" + escape_pointer_token(name), field.empty() ? name : field + "." + name};
}

Path Path::index(std::size_t i) const {
  return Path{pointer + "/" + std::to_string(i), field + "[" + std::to_string(i) + "]"};
}

Path path_from_field(const std::string& dotted) {
  Path p;
  std::size_t i = 0;
  while (i < dotted.size()) {
    if (dotted[i] == '.') {
      ++i;
      continue;
    }
    if (dotted[i] == '[') {
      auto close = dotted.find(']', i);
      if (close == std::string::npos) break;
      std::string n = dotted.substr(i + 1, close - i - 1);
      if (all_digits(n))
        p = p.index(std::stoul(n));
      else
        p = p.key(n);
      i = close + 1;
      continue;
    }
    auto end = dotted.find_first_of(".[", i);
    std::string part = dotted.substr(i, end == std::string::npos ? std::string::npos : end - i);
    // "variants.2.name": a bare number is an array index in the engine's older style.
    p = all_digits(part) ? p.index(std::stoul(part)) : p.key(part);
    i = end == std::string::npos ? dotted.size() : end;
  }
  return p;
}

SourcePos PositionIndex::find(const std::string& pointer, bool at_key) const {
  std::string p = pointer;
  bool first = true;
  while (true) {
    if (first && at_key) {
      auto k = key.find(p);
      if (k != key.end()) return k->second;
    }
    auto v = value.find(p);
    if (v != value.end()) return v->second;
    if (p.empty()) return {};
    p = p.substr(0, p.rfind('/'));
    first = false;
  }
}

void Report::add(const char* severity, SourcePos pos, const std::string& field, const std::string& message) {
  Diagnostic d;
  d.severity = severity;
  d.where = Location{valid_utf8(file_), valid_utf8(field), pos.line, pos.column};
  d.message = valid_utf8(message);
  out_.push_back(std::move(d));
}

void Report::error(const Path& at, const std::string& message, bool at_key) {
  ++errors_;
  add("error", positions_ ? positions_->find(at.pointer, at_key) : SourcePos{}, at.field, message);
}

void Report::warning(const Path& at, const std::string& message, bool at_key) {
  add("warning", positions_ ? positions_->find(at.pointer, at_key) : SourcePos{}, at.field, message);
}

void Report::error_at(SourcePos pos, const std::string& message, const std::string& field) {
  ++errors_;
  add("error", pos, field, message);
}

void Report::warning_at(SourcePos pos, const std::string& message, const std::string& field) {
  add("warning", pos, field, message);
}

std::string quote_short(const std::string& s) {
  if (s.size() <= 60) return "'" + s + "'";
  std::size_t cut = 57;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return "'" + s.substr(0, cut) + "...'";
}

std::string describe_value(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "nothing (null)";
    case Json::value_t::boolean:
      return std::string("the boolean ") + (v.get<bool>() ? "true" : "false");
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "the integer " + v.dump();
    case Json::value_t::number_float:
      return "the number " + v.dump();
    case Json::value_t::string:
      return "the text " + quote_short(v.get<std::string>());
    case Json::value_t::array:
      return "a list";
    case Json::value_t::object:
      return "a mapping";
    default:
      return "a value";
  }
}

}  // namespace lab::lesson
