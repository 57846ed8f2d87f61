#include "documents/field_check.hpp"

#include <cmath>
#include <stdexcept>

namespace lab::lesson {

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::Text:
      return "text";
    case Kind::Integer:
      return "a whole number";
    case Kind::Number:
      return "a number";
    case Kind::Boolean:
      return "true or false";
    case Kind::TextList:
      return "a list of texts";
    case Kind::List:
      return "a list";
    case Kind::Object:
      return "a mapping of fields";
    case Kind::Any:
      return "a value";
  }
  return "?";
}

bool is_kind(const Json& v, Kind k) {
  switch (k) {
    case Kind::Text:
      return v.is_string();
    case Kind::Integer:
      if (v.is_number_integer()) return true;
      return v.is_number_float() && std::isfinite(v.get<double>()) && std::floor(v.get<double>()) == v.get<double>();
    case Kind::Number:
      return v.is_number() && std::isfinite(v.get<double>());
    case Kind::Boolean:
      return v.is_boolean();
    case Kind::TextList:
      if (!v.is_array()) return false;
      for (const auto& item : v)
        if (!item.is_string()) return false;
      return true;
    case Kind::List:
      return v.is_array();
    case Kind::Object:
      return v.is_object();
    case Kind::Any:
      return true;
  }
  return false;
}

const Json* get(const Json& obj, const char* name, Kind k) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null() || !is_kind(*it, k)) return nullptr;
  return &*it;
}

namespace {

std::string known_list(const std::vector<Field>& fields) {
  std::string out;
  for (const auto& f : fields) out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

void report_kind(const Json& v, const Path& at, Kind k, Report& report) {
  if (k == Kind::TextList && v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i].is_string()) continue;
      std::string hint = v[i].is_object() ? " (an item containing ': ' reads as a mapping; put the item in quotes)"
                         : v[i].is_primitive() && !v[i].is_null() ? " (put it in quotes)"
                                                                  : "";
      report.error(at.index(i), "expected text, got " + describe_value(v[i]) + hint);
    }
    return;
  }
  std::string hint;
  if (k == Kind::Text && (v.is_number() || v.is_boolean())) hint = " (put it in quotes to make it text)";
  if (k == Kind::Text && v.is_object()) hint = " (text containing ': ' reads as a mapping; put it in quotes)";
  report.error(at, std::string("expected ") + kind_name(k) + ", got " + describe_value(v) + hint);
}

}  // namespace

bool check_fields(const Json& value, const Path& at, const std::vector<Field>& fields, const char* what,
                  Report& report) {
  if (!value.is_object()) {
    report.error(at, std::string("expected ") + what + " (a mapping with " + known_list(fields) + "), got " +
                         describe_value(value));
    return false;
  }
  for (auto it = value.begin(); it != value.end(); ++it) {
    bool known = false;
    for (const auto& f : fields) known = known || it.key() == f.name;
    if (!known)
      report.error(at.key(it.key()),
                   "unknown field '" + it.key() + "' in " + what + "; expected one of: " + known_list(fields), true);
  }
  for (const auto& f : fields) {
    auto it = value.find(f.name);
    if (it == value.end() || it->is_null()) {
      if (f.required)
        report.error(at, std::string("missing required field '") + f.name + "' (" + kind_name(f.kind) + ") in " + what);
      continue;
    }
    if (!is_kind(*it, f.kind)) report_kind(*it, at.key(f.name), f.kind, report);
  }
  return true;
}

namespace {

const char* described_type(Kind k) {
  switch (k) {
    case Kind::Text:
      return "string";
    case Kind::Integer:
      return "integer";
    case Kind::Number:
      return "number";
    case Kind::Boolean:
      return "boolean";
    case Kind::TextList:
      return "string list";
    case Kind::List:
      return "list";
    case Kind::Object:
      return "object";
    case Kind::Any:
      return "any";
  }
  return "any";
}

}  // namespace

Json describe_fields(const std::vector<Field>& fields) {
  Json out = Json::array();
  for (const auto& f : fields) {
    Json d{{"name", f.name}, {"type", described_type(f.kind)}, {"doc", f.doc}};
    if (f.required) d["required"] = true;
    out.push_back(std::move(d));
  }
  return out;
}

Json& described_field(Json& described, const std::string& name) {
  for (auto& f : described)
    if (f["name"] == name) return f;
  throw std::logic_error("no field '" + name + "' in the described table");
}

}  // namespace lab::lesson
