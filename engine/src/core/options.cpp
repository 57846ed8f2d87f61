#include "lab/options.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "lab/error.hpp"
#include "lab/option_path.hpp"

namespace lab {

// ---- builders ---------------------------------------------------------------------------

Option Option::number(std::string name, double d) {
  Option o;
  o.name = std::move(name);
  o.type = OptionType::Number;
  o.default_value = d;
  return o;
}
Option Option::integer(std::string name, long long d) {
  Option o;
  o.name = std::move(name);
  o.type = OptionType::Integer;
  o.default_value = d;
  return o;
}
Option Option::boolean(std::string name, bool d) {
  Option o;
  o.name = std::move(name);
  o.type = OptionType::Boolean;
  o.default_value = d;
  return o;
}
Option Option::string(std::string name, std::string d) {
  Option o;
  o.name = std::move(name);
  o.type = OptionType::String;
  if (!d.empty()) o.default_value = d;
  return o;
}
Option Option::choice(std::string name, std::vector<std::string> choices, std::string d) {
  Option o;
  o.name = std::move(name);
  o.type = OptionType::Choice;
  o.choices = std::move(choices);
  o.default_value = d;
  return o;
}
Option Option::list(std::string name, OptionType item, Json d) {
  Option o;
  o.name = std::move(name);
  o.type = item == OptionType::Number    ? OptionType::NumberList
           : item == OptionType::Integer ? OptionType::IntegerList
                                         : OptionType::StringList;
  o.default_value = std::move(d);
  return o;
}
Option Option::object(std::string name, std::shared_ptr<const Schema> fields) {
  Option o;
  o.name = std::move(name);
  o.type = OptionType::Object;
  o.fields = std::move(fields);
  return o;
}
Option Option::variant(std::string name, std::map<std::string, std::shared_ptr<const Schema>> v,
                       std::string default_type) {
  Option o;
  o.name = std::move(name);
  o.type = OptionType::Variant;
  o.variants = std::move(v);
  o.default_value = Json{{"type", default_type}};
  return o;
}
Option Option::objects(std::string name, std::shared_ptr<const Schema> fields) {
  Option o;
  o.name = std::move(name);
  o.type = OptionType::ObjectList;
  o.fields = std::move(fields);
  return o;
}
Option Option::any(std::string name) {
  Option o;
  o.name = std::move(name);
  o.type = OptionType::Any;
  return o;
}
Option& Option::range(double lo, double hi) {
  min = lo;
  max = hi;
  return *this;
}
Option& Option::above(double lo) {
  min = lo;
  min_exclusive = true;
  return *this;
}
Option& Option::below(double hi) {
  max = hi;
  max_exclusive = true;
  return *this;
}

const Option* Schema::find(const std::string& key) const {
  for (const auto& o : options)
    if (o.name == key) return &o;
  return nullptr;
}

// ---- validation -------------------------------------------------------------------------

namespace {

const char* type_name(OptionType t) {
  switch (t) {
    case OptionType::Number:
      return "number";
    case OptionType::Integer:
      return "integer";
    case OptionType::Boolean:
      return "boolean";
    case OptionType::String:
      return "string";
    case OptionType::Choice:
      return "choice";
    case OptionType::NumberList:
      return "number list";
    case OptionType::IntegerList:
      return "integer list";
    case OptionType::StringList:
      return "string list";
    case OptionType::Object:
      return "object";
    case OptionType::Variant:
      return "object";
    case OptionType::ObjectList:
      return "object list";
    case OptionType::Any:
      return "any";
  }
  return "?";
}

std::string show(const Json& v) {
  std::string s = v.dump();
  return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

std::string fmt(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

std::string range_text(const Option& o) {
  std::string lo = std::isinf(o.min) ? "(-inf" : (o.min_exclusive ? "(" : "[") + fmt(o.min);
  std::string hi = std::isinf(o.max) ? "inf)" : fmt(o.max) + (o.max_exclusive ? ")" : "]");
  return lo + ", " + hi;
}

void check_number(const Option& o, const Json& v, const std::string& path, bool whole) {
  if (!v.is_number()) fail_field(path, "expected a number, got " + show(v));
  double x = v.get<double>();
  if (!std::isfinite(x)) fail_field(path, "expected a finite number, got " + show(v));
  if (whole && (std::floor(x) != x)) fail_field(path, "expected a whole number, got " + show(v));
  bool low = o.min_exclusive ? !(x > o.min) : !(x >= o.min);
  bool high = o.max_exclusive ? !(x < o.max) : !(x <= o.max);
  if (low || high) fail_field(path, "value " + show(v) + " is outside " + range_text(o));
}

std::string join_choices(const std::vector<std::string>& c) {
  std::string out;
  for (std::size_t i = 0; i < c.size(); ++i) out += (i ? ", " : "") + ("'" + c[i] + "'");
  return out;
}

Json check_option(const Option& o, const Json& v, const std::string& path) {
  switch (o.type) {
    case OptionType::Number:
      check_number(o, v, path, false);
      return v;
    case OptionType::Integer:
      check_number(o, v, path, true);
      return Json(v.get<long long>());
    case OptionType::Boolean:
      if (!v.is_boolean()) fail_field(path, "expected true or false, got " + show(v));
      return v;
    case OptionType::String:
      if (!v.is_string()) fail_field(path, "expected a string, got " + show(v));
      return v;
    case OptionType::Choice: {
      if (!v.is_string()) fail_field(path, "expected one of " + join_choices(o.choices) + ", got " + show(v));
      for (const auto& c : o.choices)
        if (c == v.get<std::string>()) return v;
      fail_field(path, "unknown value " + show(v) + "; expected one of " + join_choices(o.choices));
    }
    case OptionType::NumberList:
    case OptionType::IntegerList:
    case OptionType::StringList: {
      if (!v.is_array()) fail_field(path, std::string("expected a ") + type_name(o.type) + ", got " + show(v));
      if (o.max_items && v.size() > o.max_items)
        fail_field(path, "has " + std::to_string(v.size()) + " items; the limit is " + std::to_string(o.max_items));
      Json out = Json::array();
      for (std::size_t i = 0; i < v.size(); ++i) {
        std::string item_path = path + "[" + std::to_string(i) + "]";
        if (o.type == OptionType::StringList) {
          if (!v[i].is_string()) fail_field(item_path, "expected a string, got " + show(v[i]));
          out.push_back(v[i]);
        } else {
          bool whole = o.type == OptionType::IntegerList;
          check_number(o, v[i], item_path, whole);
          out.push_back(whole ? Json(v[i].get<long long>()) : v[i]);
        }
      }
      return out;
    }
    case OptionType::Object:
      return apply_schema(*o.fields, v, path);
    case OptionType::ObjectList: {
      if (!v.is_array()) fail_field(path, "expected a list of objects, got " + show(v));
      if (o.max_items && v.size() > o.max_items)
        fail_field(path, "has " + std::to_string(v.size()) + " items; the limit is " + std::to_string(o.max_items));
      Json out = Json::array();
      for (std::size_t i = 0; i < v.size(); ++i)
        out.push_back(apply_schema(*o.fields, v[i], path + "[" + std::to_string(i) + "]"));
      return out;
    }
    case OptionType::Variant: {
      if (!v.is_object()) fail_field(path, "expected an object, got " + show(v));
      std::string type = o.default_value.value("type", "");
      if (v.contains("type")) {
        if (!v["type"].is_string()) fail_field(path + ".type", "expected a string, got " + show(v["type"]));
        type = v["type"].get<std::string>();
      }
      auto it = o.variants.find(type);
      if (it == o.variants.end()) {
        std::vector<std::string> names;
        for (const auto& [name, schema] : o.variants) names.push_back(name);
        fail_field(path + ".type", "unknown type '" + type + "'; expected one of " + join_choices(names));
      }
      Json rest = v;
      rest.erase("type");
      Json out = apply_schema(*it->second, rest, path);
      out["type"] = type;
      return out;
    }
    case OptionType::Any:
      return v;
  }
  return v;
}

}  // namespace

Json apply_schema(const Schema& schema, const Json& value, const std::string& path) {
  const Json& in = value.is_null() ? Json::object() : value;
  if (!in.is_object()) fail_field(path, "expected an object, got " + show(in));
  auto child = [&](const std::string& key) { return path.empty() ? key : path + "." + key; };
  for (auto it = in.begin(); it != in.end(); ++it) {
    if (!schema.find(it.key())) {
      std::string known;
      for (const auto& o : schema.options) known += (known.empty() ? "" : ", ") + o.name;
      fail_field(child(it.key()), "unknown option '" + it.key() + "'; known: " + known);
    }
  }
  Json out = Json::object();
  for (const auto& o : schema.options) {
    auto it = in.find(o.name);
    if (it == in.end() || it->is_null()) {
      if (o.required) fail_field(child(o.name), "is required");
      if (o.type == OptionType::Object && !o.default_value.is_null()) {
        out[o.name] = apply_schema(*o.fields, Json::object(), child(o.name));
      } else if (o.type == OptionType::Variant) {
        out[o.name] = check_option(o, o.default_value, child(o.name));
      } else if (!o.default_value.is_null()) {
        out[o.name] = o.default_value;
      }
      continue;
    }
    out[o.name] = check_option(o, *it, child(o.name));
  }
  return out;
}

// ---- description ------------------------------------------------------------------------

Json describe_schema(const Schema& schema) {
  Json list = Json::array();
  for (const auto& o : schema.options) {
    Json d{{"name", o.name}, {"type", type_name(o.type)}, {"doc", o.doc}};
    if (o.type == OptionType::Choice) d["type"] = "choice";
    if (o.type == OptionType::Variant) d["type"] = "variant";
    if (!o.default_value.is_null()) d["default"] = o.default_value;
    if (o.required) d["required"] = true;
    if (std::isfinite(o.min)) {
      d["min"] = o.min;
      if (o.min_exclusive) d["min_exclusive"] = true;
    }
    if (std::isfinite(o.max)) {
      d["max"] = o.max;
      if (o.max_exclusive) d["max_exclusive"] = true;
    }
    if (!o.choices.empty()) d["choices"] = o.choices;
    if (o.scale != "linear") d["scale"] = o.scale;
    if (o.max_items) d["max_items"] = o.max_items;
    if (o.fields) d["fields"] = describe_schema(*o.fields);
    if (!o.variants.empty()) {
      Json v = Json::object();
      for (const auto& [name, s] : o.variants) v[name] = describe_schema(*s);
      d["variants"] = v;
    }
    list.push_back(d);
  }
  return Json{{"name", schema.name}, {"options", list}};
}

void fill_options(const Schema& schema, const Json& section, std::type_index owner, void* target) {
  if (!section.is_object()) return;
  for (const auto& o : schema.options) {
    if (!o.binding || o.binding->owner != owner) continue;
    auto it = section.find(o.name);
    if (it != section.end() && !it->is_null()) o.binding->write(target, *it);
  }
}

const Schema& section_schema(const Schema& schema, const std::string& dotted_path) {
  const Schema* current = &schema;
  std::size_t start = 0;
  while (start < dotted_path.size()) {
    const std::size_t dot = dotted_path.find('.', start);
    const std::string key = dotted_path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    start = dot == std::string::npos ? dotted_path.size() : dot + 1;
    const Option* o = current->find(key);
    if (!o) throw std::out_of_range("no section '" + dotted_path + "' in schema '" + schema.name + "'");
    if (o->type == OptionType::Variant) {
      const std::size_t next = dotted_path.find('.', start);
      const std::string type = dotted_path.substr(start, next == std::string::npos ? std::string::npos : next - start);
      current = o->variants.at(type).get();
      start = next == std::string::npos ? dotted_path.size() : next + 1;
    } else if (o->fields) {
      current = o->fields.get();
    } else {
      throw std::out_of_range("option '" + key + "' of '" + dotted_path + "' is not a section");
    }
  }
  return *current;
}

const Option* find_option(const Schema& schema, const std::string& dotted_path) {
  return resolve_option_path(schema, dotted_path).option;
}

std::shared_ptr<const Schema> make_schema(std::string name, std::vector<Option> options) {
  return std::make_shared<Schema>(Schema{std::move(name), std::move(options)});
}

Option default_section(std::string name, std::shared_ptr<const Schema> fields) {
  Option o = Option::object(std::move(name), std::move(fields));
  o.default_value = Json::object();
  return o;
}

}  // namespace lab
