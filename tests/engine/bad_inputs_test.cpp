// The bad-input catalog (tests/bad_inputs/catalog.json): every case must fail with its
// expected message, never crash, and leave the engine able to run a good experiment.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lab/experiment.hpp"
#include "lab/lesson.hpp"
#include "test_support.hpp"

namespace {

using lab::Json;
const std::string kDir = "tests/bad_inputs/";

Json csv_spec(const std::string& file) {
  return Json{{"dataset", {{"csv", file}, {"target", "y"}}}, {"split", {{"test", 0}, {"validation", 0}}}};
}

// The message of the first problem the engine reports for a catalog entry ("" if none).
std::string first_problem(const Json& entry) {
  const std::string file = entry["file"], kind = entry["kind"];
  const std::string path = lab::test::source_path(kDir + file);
  lab::RunContext context;
  context.base_dir = lab::test::source_path("tests/bad_inputs");
  if (kind == "csv") return lab::test::error_of([&] { lab::run_experiment(csv_spec(file), context); });
  if (kind == "spec") return lab::test::error_of([&] { lab::run_experiment_file(path); });
  std::vector<lab::Diagnostic> problems;
  if (kind == "lesson") lab::parse_lesson(lab::test::read_source(kDir + file), file, problems);
  if (kind == "widget") problems = lab::validate_widget(lab::test::read_source(kDir + file), file);
  for (const auto& d : problems)
    if (d.severity == "error") return d.str();
  return "";
}

TEST(BadInputCatalog, EveryCaseGivesItsErrorAndTheEngineKeepsWorking) {
  Json catalog = Json::parse(lab::test::read_source(kDir + "catalog.json"));
  ASSERT_GE(catalog["cases"].size(), 30u);
  for (const auto& entry : catalog["cases"]) {
    std::string message = first_problem(entry);
    EXPECT_NE(message.find(entry["expect"].get<std::string>()), std::string::npos)
        << entry["file"] << ": got '" << message << "'";
  }
  lab::RunContext context;
  context.base_dir = lab::test::source_path("tests/bad_inputs");
  for (const auto& entry : catalog["good"]) {
    lab::OrderedJson result;
    EXPECT_NO_THROW(result = lab::run_experiment(csv_spec(entry["file"]), context)) << entry["file"];
    if (!entry.contains("warning")) {
      EXPECT_FALSE(result.contains("warnings")) << entry["file"];
      continue;
    }
    ASSERT_TRUE(result.contains("warnings")) << entry["file"];
    ASSERT_EQ(result["warnings"].size(), 1u) << entry["file"];
    const auto& w = result["warnings"][0];
    EXPECT_EQ(w["field"].get<std::string>() + ": " + w["message"].get<std::string>(),
              entry["warning"].get<std::string>());
    // The column is not among the model's features.
    for (const auto& f : result["data"]["features"]) EXPECT_NE(f.get<std::string>(), "z") << entry["file"];
  }
}

TEST(BadInputCatalog, GeneratedExtremes) {
  lab::RunContext context;
  // A 10 MB field in a CSV is just one long category value: the run works, without a crash,
  // a hang or a quadratic slowdown.
  std::string big(10u << 20, 'x');
  context.files["big.csv"] = "x,t,y\n1," + big + ",a\n2,b,b\n3,c,a\n4,d,b\n";
  Json spec = csv_spec("big.csv");
  EXPECT_NO_THROW(lab::run_experiment(spec, context));
  // JSON nested 10,000 levels deep: an error naming the limit, not a stack overflow.
  std::string deep = "{\"dataset\":" + std::string(10000, '[') + std::string(10000, ']') + "}";
  EXPECT_NE(lab::test::error_of([&] { lab::parse_json_text(deep, "deep.json"); }).find("nested deeper than 256 levels"),
            std::string::npos);
  // YAML nested 10,000 levels deep in a lesson's front matter: a diagnostic, not a crash.
  std::vector<lab::Diagnostic> problems;
  std::string yaml = "---\nid: " + std::string(10000, '[') + std::string(10000, ']') + "\n---\nbody\n";
  lab::parse_lesson(yaml, "deep.md", problems);
  EXPECT_FALSE(problems.empty());
}

}  // namespace
