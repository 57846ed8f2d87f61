// Every option is declared once: name, type, range, default and a line of documentation.
// The declaration drives validation (unknown keys are errors), defaults, the widget controls
// (the browser reads describe_spec()), URL state and the generated docs (docs/options.md).
#pragma once
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <typeindex>
#include <vector>

#include "lab/json.hpp"

namespace lab {

enum class OptionType {
  Number,   // finite double within [min, max]
  Integer,  // whole number within [min, max]
  Boolean,
  String,       // free text
  Choice,       // one of `choices`
  NumberList,   // array of Numbers, each within [min, max]
  IntegerList,  // array of Integers, each within [min, max]
  StringList,   // array of strings
  Object,       // nested section with its own Schema
  Variant,      // nested section whose "type" key picks one of `variants`
  ObjectList,   // array of sections, each checked against `fields` (trade-off variants, scenarios)
  Any           // any JSON value (checked by the code that reads it)
};

struct Schema;

// Where a declared option lands in a C++ options struct: the declaration fills the struct
// (fill_options), so no converter retypes option names or defaults. `struct_default` reads the
// field of a default-constructed struct, so a test can hold every struct default to its
// declaration.
struct FieldBinding {
  std::type_index owner;
  std::function<void(void* target, const Json& value)> write;
  std::function<Json()> struct_default;
};

struct Option {
  std::string name;
  OptionType type = OptionType::Any;
  Json default_value;  // null: no default (optional unless `required`)
  bool required = false;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_exclusive = false;
  bool max_exclusive = false;
  std::vector<std::string> choices;
  std::shared_ptr<const Schema> fields;                           // Object, ObjectList
  std::map<std::string, std::shared_ptr<const Schema>> variants;  // Variant, keyed by "type"
  std::string doc;
  std::string scale = "linear";  // UI hint for sliders: "linear" or "log"
  std::size_t max_items = 0;     // lists: 0 = no limit

  // Builders keep declarations one readable line each.
  static Option number(std::string name, double default_value);
  static Option integer(std::string name, long long default_value);
  static Option boolean(std::string name, bool default_value);
  static Option string(std::string name, std::string default_value = "");
  static Option choice(std::string name, std::vector<std::string> choices, std::string default_value);
  static Option list(std::string name, OptionType item_type, Json default_value = Json());
  static Option object(std::string name, std::shared_ptr<const Schema> fields);
  static Option variant(std::string name, std::map<std::string, std::shared_ptr<const Schema>> v,
                        std::string default_type);
  static Option objects(std::string name, std::shared_ptr<const Schema> fields);
  static Option any(std::string name);
  Option& range(double lo, double hi);
  Option& above(double lo);  // lo exclusive
  Option& below(double hi);  // hi exclusive
  Option& log() {
    scale = "log";
    return *this;
  }
  Option& items(std::size_t n) {
    max_items = n;
    return *this;
  }
  Option& optional() {
    default_value = Json();
    return *this;
  }
  Option& need() {
    required = true;
    return *this;
  }
  Option& describe(std::string text) {
    doc = std::move(text);
    return *this;
  }

  std::shared_ptr<const FieldBinding> binding;  // null: read by the code that owns the section
  // The option fills `member` of `Struct`; a nested section (Object) fills a nested struct.
  template <class Struct, class Field>
  Option& bind(Field Struct::*member);
  // The option fills `inner` of the struct at `outer` (e.g. TrainOptions::optimizer.rule).
  template <class Struct, class Outer, class Field>
  Option& bind(Outer Struct::*outer, Field Outer::*inner);
  // A two-way choice held as a flag: `member` is true when the value is `when_true`.
  template <class Struct>
  Option& bind_flag(bool Struct::*member, std::string when_true);
};

struct Schema {
  std::string name;
  std::vector<Option> options;
  const Option* find(const std::string& key) const;
};

// A named schema of `options`: each layer declares its spec sections with it, and the spec's
// full schema (lab/spec_schema.hpp) puts them together.
std::shared_ptr<const Schema> make_schema(std::string name, std::vector<Option> options);
// An object option that is always present: a spec that leaves it out gets its defaults.
Option default_section(std::string name, std::shared_ptr<const Schema> fields);

// Fills the options struct `Struct` from a normalized section (apply_schema's output): every
// option of `schema` bound to a field of `Struct` that is present in `section` is written;
// absent optional ones keep the struct's default.
void fill_options(const Schema& schema, const Json& section, std::type_index owner, void* target);
template <class Struct>
Struct fill_options(const Schema& schema, const Json& section) {
  Struct out{};
  fill_options(schema, section, typeid(Struct), &out);
  return out;
}

// Checks `value` against `schema`, fills defaults and returns the completed object. Throws
// lab::Error naming the dotted field path (prefix + key) and the bad value.
Json apply_schema(const Schema& schema, const Json& value, const std::string& path);

// The schema as JSON (name, type, default, min/max, choices, doc, nested fields), for the
// docs generator and the widgets' controls.
Json describe_schema(const Schema& schema);

// Looks up an option by dotted path ("model.mlp.dropout" or "train.learning_rate"); variants
// are addressed by their type name. Returns nullptr if there is no such option.
const Option* find_option(const Schema& schema, const std::string& dotted_path);

// The section of `schema` at a dotted path: objects and lists of objects by their name, a
// variant by its type name ("model.mlp", "train.early_stopping", "variants.compress.prune").
// Throws std::out_of_range for a path that names no section (a programming error).
const Schema& section_schema(const Schema& schema, const std::string& dotted_path);

// ---- binding templates --------------------------------------------------------------------

template <class Struct, class Field>
Option& Option::bind(Field Struct::*member) {
  std::shared_ptr<const Schema> nested = fields;
  FieldBinding b{typeid(Struct), nullptr, nullptr};
  if constexpr (std::is_class_v<Field> && !std::is_same_v<Field, std::string> &&
                !std::is_same_v<Field, std::vector<int>> && !std::is_same_v<Field, std::vector<double>> &&
                !std::is_same_v<Field, std::vector<std::string>>) {
    b.write = [member, nested](void* t, const Json& v) {
      fill_options(*nested, v, typeid(Field), &(static_cast<Struct*>(t)->*member));
    };
  } else {
    b.write = [member](void* t, const Json& v) { static_cast<Struct*>(t)->*member = v.get<Field>(); };
    b.struct_default = [member] { return Json(Struct{}.*member); };
  }
  binding = std::make_shared<const FieldBinding>(std::move(b));
  return *this;
}

template <class Struct, class Outer, class Field>
Option& Option::bind(Outer Struct::*outer, Field Outer::*inner) {
  binding = std::make_shared<const FieldBinding>(FieldBinding{
      typeid(Struct),
      [outer, inner](void* t, const Json& v) { (static_cast<Struct*>(t)->*outer).*inner = v.get<Field>(); },
      [outer, inner] { return Json(Struct{}.*outer.*inner); }});
  return *this;
}

template <class Struct>
Option& Option::bind_flag(bool Struct::*member, std::string when_true) {
  std::string when_false;
  for (const auto& c : choices)
    if (c != when_true) when_false = c;
  binding = std::make_shared<const FieldBinding>(
      FieldBinding{typeid(Struct),
                   [member, when_true](void* t, const Json& v) {
                     static_cast<Struct*>(t)->*member = v.get<std::string>() == when_true;
                   },
                   [member, when_true, when_false] { return Json(Struct{}.*member ? when_true : when_false); }});
  return *this;
}

}  // namespace lab
