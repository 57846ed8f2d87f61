// The trade-off result's records (a variant row, its latency and base, a scenario and its
// ranking, the result itself), declared once: each field's name, type and meaning. `lab-cli
// vocabulary` prints them, tools/lab docs turns them into the web shell's TypeScript types
// (web/src/generated/engine-types.ts), and the engine's tests check every result a trade-off
// run writes against them, so the declaration cannot drift from what run_tradeoff writes.
#pragma once
#include <string>
#include <vector>

#include "lab/json.hpp"
#include "lab/result_records.hpp"

namespace lab {

struct ResultField {
  std::string name;
  // "string", "number", "integer", "boolean", "object" (free-form), another record's name, a
  // scenario's spec section as the spec declares it ("ScenarioWeights", "Budget"), each alone
  // or as "Type[]".
  std::string type;
  std::string doc;
  bool optional = false;                  // absent from some results (a kind's metric, an export asked for)
  bool nullable = false;                  // null when not finite or not applicable
  std::vector<std::string> choices = {};  // a string's possible values, when they are few
};

struct ResultRecord {
  std::string name;
  std::string doc;
  std::vector<ResultField> fields;
};

const std::vector<ResultRecord>& tradeoff_result_records();

// What in `value` differs from the record `record` declares, one "path: problem" a line (a
// field missing, undeclared, or of another type); empty when it matches.
std::vector<std::string> result_mismatches(const std::string& record, const Json& value, const std::string& path = "");

}  // namespace lab
