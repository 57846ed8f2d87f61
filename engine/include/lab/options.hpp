// Every option is declared once: name, type, range, default and a line of documentation.
// The declaration drives validation (unknown keys are errors), defaults, the widget controls
// (the browser reads describe_spec()), URL state and the generated docs (docs/options.md).
#pragma once
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lab/json.hpp"

namespace lab {

enum class OptionType {
  Number,       // finite double within [min, max]
  Integer,      // whole number within [min, max]
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
  std::shared_ptr<const Schema> fields;                          // Object, ObjectList
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
  Option& log() { scale = "log"; return *this; }
  Option& items(std::size_t n) { max_items = n; return *this; }
  Option& optional() { default_value = Json(); return *this; }
  Option& need() { required = true; return *this; }
  Option& describe(std::string text) { doc = std::move(text); return *this; }
};

struct Schema {
  std::string name;
  std::vector<Option> options;
  const Option* find(const std::string& key) const;
};

// Checks `value` against `schema`, fills defaults and returns the completed object. Throws
// lab::Error naming the dotted field path (prefix + key) and the bad value.
Json apply_schema(const Schema& schema, const Json& value, const std::string& path);

// The schema as JSON (name, type, default, min/max, choices, doc, nested fields), for the
// docs generator and the widgets' controls.
Json describe_schema(const Schema& schema);

// Looks up an option by dotted path ("model.mlp.dropout" or "train.learning_rate"); variants
// are addressed by their type name. Returns nullptr if there is no such option.
const Option* find_option(const Schema& schema, const std::string& dotted_path);

// The experiment spec's full schema (declared in engine/src/experiment/spec_schema.cpp).
const Schema& spec_schema();
Json describe_spec();

}  // namespace lab
