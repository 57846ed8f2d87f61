// Table-driven shape checks for the objects of lesson front matter and widget sections:
// which keys exist, which are required, and what type each holds. Deeper rules (ranges,
// cross-references) are written by the callers once the shape is known to be right.
#pragma once
#include <string>
#include <vector>

#include "documents/report.hpp"

namespace lab::lesson {

enum class Kind { Text, Integer, Number, Boolean, TextList, List, Object, Any };

struct Field {
  const char* name;
  Kind kind;
  bool required;
  const char* doc = "";  // one line for authors: the generated JSON Schema's description
};

// Checks that `value` is an object whose keys are all in `fields`, that required keys are
// present (null counts as absent) and that each present key holds its kind. Returns false if
// `value` is not an object at all; individual problems are reported, not returned.
bool check_fields(const Json& value, const Path& at, const std::vector<Field>& fields, const char* what,
                  Report& report);

// True if `v` is of kind `k` (Integer accepts whole floats such as 3.0 from JSON).
bool is_kind(const Json& v, Kind k);

// `obj[name]` if it is present and of kind `k`, else nullptr: lets callers go deeper only where
// check_fields found the shape right, so one mistake gives one message.
const Json* get(const Json& obj, const char* name, Kind k);

const char* kind_name(Kind k);

// The table in the vocabulary of describe_schema (lab/options.hpp): [{name, type, required,
// doc}], so one generator turns option declarations and field tables into JSON Schema.
// Callers add what their check_* code enforces beyond the shape (choices, ranges, patterns).
Json describe_fields(const std::vector<Field>& fields);

// The entry of `described` (describe_fields' output) named `name`; a missing name is a
// programming error (std::logic_error), so a renamed field cannot lose its rules silently.
Json& described_field(Json& described, const std::string& name);

}  // namespace lab::lesson
