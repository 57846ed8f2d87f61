#include "tradeoff/budget_ranking.hpp"

#include <algorithm>
#include <limits>
#include <memory>

#include "lab/error.hpp"
#include "tradeoff/tradeoff_schema.hpp"

namespace lab {

OrderedJson ConstraintMiss::to_json() const { return {{"constraint", constraint}, {"value", value}, {"limit", limit}}; }

std::vector<ConstraintMiss> constraint_misses(const Json& c, double score, double latency_us, double size_bytes) {
  std::vector<ConstraintMiss> out;
  if (c.contains("min_accuracy") && score < c["min_accuracy"].get<double>())
    out.push_back({"min_accuracy", score, c["min_accuracy"].get<double>()});
  if (c.contains("max_latency_ms") && latency_us / 1000 > c["max_latency_ms"].get<double>())
    out.push_back({"max_latency_ms", latency_us / 1000, c["max_latency_ms"].get<double>()});
  if (c.contains("max_size_kb") && size_bytes / 1024 > c["max_size_kb"].get<double>())
    out.push_back({"max_size_kb", size_bytes / 1024, c["max_size_kb"].get<double>()});
  return out;
}

namespace {

double number_at(const Json& row, const Json::json_pointer& at, const std::string& field) {
  if (!row.contains(at) || !row[at].is_number()) fail_field(field, "expected a number");
  return row[at].get<double>();
}

// The budget's limits, checked against the scenario constraints' declaration: each a number.
void check_budget(const Json& budget) {
  if (!budget.is_object()) fail_field("budget", "expected an object {limit: value}");
  static const std::shared_ptr<const Schema> scenario = scenario_schema();  // held: the section lives in it
  const Schema& declared = section_schema(*scenario, "constraints");
  for (auto it = budget.begin(); it != budget.end(); ++it) {
    // (not a structured binding: C++17 lambdas cannot capture one, and clang refuses it)
    const std::string key = it.key();
    const Json& value = it.value();
    const bool known =
        std::any_of(declared.options.begin(), declared.options.end(), [&](const Option& o) { return o.name == key; });
    if (!known) {
      std::string names;
      for (const auto& o : declared.options) names += (names.empty() ? "" : ", ") + o.name;
      fail_field("budget." + key, "unknown limit; the limits are " + names);
    }
    if (!value.is_number()) fail_field("budget." + key, "expected a number");
  }
}

}  // namespace

Json rank_budget(const Json& variants, const Json& budget) {
  check_budget(budget);
  if (!variants.is_array()) fail_field("variants", "expected the result's variant rows (an array)");
  struct Entry {
    std::size_t index;
    std::string name;
    double score, latency_us, size_bytes;
    std::vector<ConstraintMiss> misses;
  };
  std::vector<Entry> entries;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const Json& row = variants[i];
    const std::string at = "variants[" + std::to_string(i) + "]";
    if (!row.is_object() || !row.contains("name") || !row["name"].is_string())
      fail_field(at + ".name", "expected the variant's name");
    // A score that was not finite is null in a result: it ranks after every number.
    const double score = row.contains("score") && row["score"].is_number() ? row["score"].get<double>()
                                                                           : -std::numeric_limits<double>::infinity();
    Entry e{i,
            row["name"].get<std::string>(),
            score,
            number_at(row, "/latency/single_median_us"_json_pointer, at + ".latency.single_median_us"),
            number_at(row, "/size_bytes"_json_pointer, at + ".size_bytes"),
            {}};
    e.misses = constraint_misses(budget, e.score, e.latency_us, e.size_bytes);
    entries.push_back(std::move(e));
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
    if (x.misses.empty() != y.misses.empty()) return x.misses.empty();
    if (x.score != y.score) return x.score > y.score;
    if (x.latency_us != y.latency_us) return x.latency_us < y.latency_us;
    return x.size_bytes < y.size_bytes;
  });
  Json ranking = Json::array();
  for (std::size_t r = 0; r < entries.size(); ++r) {
    const Entry& e = entries[r];
    Json misses = Json::array();
    for (const auto& m : e.misses) misses.push_back(Json(m.to_json()));
    ranking.push_back(Json{{"rank", r + 1}, {"name", e.name}, {"fits", e.misses.empty()}, {"misses", misses}});
  }
  const bool any = !entries.empty() && entries.front().misses.empty();
  return Json{{"best", any ? Json(entries.front().name) : Json()}, {"ranking", ranking}};
}

}  // namespace lab
