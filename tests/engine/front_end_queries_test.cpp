// What the web shell asks the engine instead of keeping its own copies: option paths, a named
// experiment's spec with a learner's values, the spec of a panel's run, a CSV preview and the
// widget vocabulary, the lesson catalog.
#include <gtest/gtest.h>

#include <algorithm>

#include "lab/control_values.hpp"
#include "lab/csv_preview.hpp"
#include "lab/experiment.hpp"
#include "lab/lesson.hpp"
#include "lab/option_path.hpp"
#include "lab/options.hpp"
#include "lab/spec_schema.hpp"
#include "lab/widget_vocabulary.hpp"
#include "test_support.hpp"

namespace lab {
namespace {

Json lab_widget() { return Json::parse(test::read_source("widgets/optimization_lab.titanic.json")); }

TEST(OptionPath, VariantNamedByThePathIsSkippedInTheSpecPath) {
  OptionPath p = resolve_option_path(spec_schema(), "model.mlp.dropout");
  ASSERT_NE(p.option, nullptr);
  EXPECT_EQ(p.option->name, "dropout");
  EXPECT_EQ(p.spec_path, "model.dropout");
  EXPECT_EQ(resolve_option_path(spec_schema(), "train.learning_rate").spec_path, "train.learning_rate");
}

TEST(OptionPath, FollowsTheSpecsModelType) {
  const Json logistic = experiment_spec(lab_widget(), "regularization");
  OptionPath p = resolve_option_path(spec_schema(), "model.dropout", &logistic);
  EXPECT_EQ(p.option, nullptr);
  EXPECT_NE(p.problem.find("logistic_regression"), std::string::npos) << p.problem;
  // Without a spec any model type declaring it will do, as find_option has always done.
  EXPECT_EQ(find_option(spec_schema(), "model.dropout"),
            resolve_option_path(spec_schema(), "model.mlp.dropout").option);
  OptionPath unknown = resolve_option_path(spec_schema(), "train.speed");
  EXPECT_EQ(unknown.option, nullptr);
  EXPECT_NE(unknown.problem.find("known: "), std::string::npos) << unknown.problem;
}

TEST(ControlValues, ExperimentSpecWithValuesSetsThemWhereTheSpecHoldsThem) {
  const Json spec = lab_widget();
  EXPECT_EQ(experiment_spec_with(spec, "dropout", Json::object()), experiment_spec(spec, "dropout"));
  Json with = experiment_spec_with(spec, "dropout", Json{{"model.mlp.dropout", 0.25}, {"train.learning_rate", 0.02}});
  EXPECT_EQ(with["model"]["dropout"], 0.25);
  EXPECT_EQ(with["train"]["learning_rate"], 0.02);
  Json expected = experiment_spec(spec, "dropout");
  expected["model"]["dropout"] = 0.25;
  expected["train"]["learning_rate"] = 0.02;
  EXPECT_EQ(with, normalize_spec(expected));
}

TEST(ControlValues, BadValuesAndPathsAreErrorsNamingThem) {
  const Json spec = lab_widget();
  EXPECT_NE(test::error_of([&] {
              experiment_spec_with(spec, "dropout", Json{{"model.dropout", 1.0}});
            }).find("model.dropout"),
            std::string::npos);
  EXPECT_NE(test::error_of([&] {
              experiment_spec_with(spec, "regularization", Json{{"model.dropout", 0.1}});
            }).find("model.dropout"),
            std::string::npos);
  EXPECT_NE(test::error_of([&] { experiment_spec_with(spec, "nowhere", Json::object()); }).find("experiments.nowhere"),
            std::string::npos);
}

TEST(ControlValues, RunSpecRunsExactlyTheNamedExperimentsAsTheyWouldRunAlone) {
  const Json spec = lab_widget();
  const Json values{{"train.learning_rate", 0.02}};
  Json runs{{"dropout", values}, {"no_dropout", Json::object()}};
  Json run = run_spec_with(spec, runs);
  EXPECT_FALSE(run.contains("widget"));
  ASSERT_EQ(run["experiments"].size(), 2u);
  // The run merges each patch over the spec as experiment_spec does: the same specs run.
  EXPECT_EQ(experiment_spec(run, "no_dropout"), experiment_spec(spec, "no_dropout"));
  EXPECT_EQ(experiment_spec(run, "dropout"), experiment_spec_with(spec, "dropout", values));
  for (auto it = spec["experiments"].begin(); it != spec["experiments"].end(); ++it)
    EXPECT_EQ(experiment_spec(run_spec_with(spec, Json{{it.key(), Json::object()}}), it.key()),
              experiment_spec(spec, it.key()))
        << it.key();
  EXPECT_NE(test::error_of([&] {
              run_spec_with(spec, Json{{"dropout", Json{{"train.learning_rate", -1}}}});
            }).find("experiments.dropout.train.learning_rate"),
            std::string::npos);
}

TEST(CsvPreview, ColumnsKindsAndTargetsAsARunSeesThem) {
  Json p = preview_csv("age,city,y,score\n30,Oslo,1,0.5\n,Rome,1.0,0.7\n41,Oslo,0,0.5\n25,Rome,0,0.5\n", "people.csv");
  EXPECT_EQ(p["file"], "people.csv");
  EXPECT_EQ(p["rows"], 4);
  ASSERT_EQ(p["columns"].size(), 4u);
  EXPECT_EQ(p["columns"][0]["kind"], "number");
  EXPECT_EQ(p["columns"][0]["missing"], 1);
  EXPECT_EQ(p["columns"][1]["kind"], "text");
  EXPECT_EQ(p["columns"][2]["classes"], 2);  // 1 and 1.0 are one class, as the target encoding sees them
  // Every column the run would accept as its target, with the task it would get (age: whole
  // numbers, three values, so three classes); the others carry the run's own refusal, a gap in
  // a regression target named by its line.
  EXPECT_EQ(p["targets"], Json::parse(R"(["age","city","y","score"])"));
  EXPECT_EQ(p["columns"][0]["task"], "multiclass");
  EXPECT_EQ(p["columns"][1]["task"], "binary");
  EXPECT_EQ(p["columns"][1]["problem"], nullptr);
  Json kinds = preview_csv("w,v,kind\n1.5,0.5,a\n,1.5,b\n3.25,2.5,c\n4.5,3.5,a\n", "f.csv");
  EXPECT_EQ(kinds["columns"][0]["task"], nullptr);
  EXPECT_EQ(kinds["columns"][0]["problem"],
            "f.csv:3: the regression target 'w' is empty in this row; fill it in or remove the row");
  EXPECT_EQ(kinds["columns"][1]["task"], "regression");
  EXPECT_EQ(kinds["columns"][2]["task"], "multiclass");
  EXPECT_EQ(kinds["targets"], Json::parse(R"(["v","kind"])"));
  EXPECT_EQ(p["head"][1][0], nullptr);
  EXPECT_EQ(p["head"][1][1], "Rome");
}

TEST(CsvPreview, RefusesWhatTheRunRefusesWithFileLineColumn) {
  EXPECT_EQ(
      test::error_of([] { preview_csv(test::read_source("tests/bad_inputs/broken_quote.csv"), "broken_quote.csv"); }),
      "broken_quote.csv:3:3: quoted field is never closed");
  EXPECT_NE(test::error_of([] {
              preview_csv("a,b\n1,2\n3,5\nthree,4\n", "t.csv");
            }).find("t.csv:4: column 'a' holds numbers"),
            std::string::npos);
  EXPECT_NE(test::error_of([] {
              preview_csv("only\n1\n", "one.csv");
            }).find("one.csv:1:1: a dataset needs at least two columns"),
            std::string::npos);
  // A semicolon-separated file reads as one column: the picker says which separator it has,
  // whether a row's decimal commas split it (a width error) or not (too few columns).
  EXPECT_NE(test::error_of([] {
              preview_csv("age;fare;y\n22;7;no\n", "semi.csv");
            }).find("header row; the header is one column 'age;fare;y', so the file looks semicolon-separated"),
            std::string::npos);
  EXPECT_NE(test::error_of([] {
              preview_csv("age;fare;y\n22;7,25;no\n", "semi.csv");
            }).find("the header is one column 'age;fare;y', so the file looks semicolon-separated"),
            std::string::npos);
  EXPECT_NE(test::error_of([] { preview_csv("", "empty.csv"); }).find("empty CSV file"), std::string::npos);
}

// The lists front ends read are the names the widget file checks accept: names the project's
// widget files use pass, a near miss is refused with the very list widgetVocabulary() gives.
TEST(WidgetVocabulary, ListsTheNamesTheWidgetChecksAccept) {
  const Json v = widget_vocabulary();
  EXPECT_EQ(v["widget_types"], Json::parse(R"(["optimization_lab","performance_tradeoff_explorer"])"));
  EXPECT_EQ(v["chart_kinds"],
            Json::parse(R"(["coefficient_path","cv_curve","loss_curves","learning_rate","metrics"])"));
  EXPECT_EQ(
      v["tradeoff_metrics"],
      Json::parse(
          R"(["score","loss","accuracy","auc","f1","log_loss","f1_macro","r2","rmse","mae","latency_ms","size_kb","parameters"])"));
  // Budget keys are the declared scenario constraints.
  EXPECT_EQ(v["budget_keys"], Json::parse(R"(["min_accuracy","max_latency_ms","max_size_kb"])"));

  auto errors = [](const Json& file) {
    std::vector<std::string> out;
    for (const auto& d : validate_widget(file.dump(2), "w.json"))
      if (d.severity == "error") out.push_back(d.where.field + ": " + d.message);
    return out;
  };
  auto join = [](const Json& list) {
    std::string out;
    for (const auto& name : list) out += (out.empty() ? "" : ", ") + name.get<std::string>();
    return out;
  };
  // The lab's panels chart coefficient_path, loss_curves and learning_rate: accepted.
  Json lab = lab_widget();
  EXPECT_EQ(errors(lab), std::vector<std::string>{});
  EXPECT_EQ(lab["widget"]["panels"][0]["chart"], "coefficient_path");
  lab["widget"]["panels"][0]["chart"] = "loss_curve";
  EXPECT_EQ(errors(lab),
            std::vector<std::string>{"widget.panels[0].chart: unknown chart 'loss_curve'; expected one of: " +
                                     join(v["chart_kinds"])});
  // The explorer's axes latency_ms, accuracy and size_kb: accepted; "latency" is not a metric.
  Json explorer = Json::parse(test::read_source("widgets/performance_tradeoff.titanic.json"));
  EXPECT_EQ(errors(explorer), std::vector<std::string>{});
  EXPECT_EQ(explorer["widget"]["axes"], Json::parse(R"({"x":"latency_ms","y":"accuracy","size":"size_kb"})"));
  explorer["widget"]["axes"]["x"] = "latency";
  EXPECT_EQ(errors(explorer), std::vector<std::string>{"widget.axes.x: unknown metric 'latency'; expected one of: " +
                                                       join(v["tradeoff_metrics"])});
  explorer["widget"]["type"] = "tradeoff_explorer";
  const auto type_errors = errors(explorer);
  ASSERT_FALSE(type_errors.empty());
  EXPECT_NE(type_errors[0].find("tradeoff_explorer"), std::string::npos) << type_errors[0];
  EXPECT_NE(type_errors[0].find("performance_tradeoff_explorer"), std::string::npos) << type_errors[0];
}

TEST(Catalog, TheCoursesCatalogInCourseOrderWithEveryField) {
  std::vector<Diagnostic> diagnostics;
  Json catalog = parse_catalog(test::read_source("lessons/index.json"), "index.json", diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(catalog["title"], "AI Builder");
  ASSERT_EQ(catalog["chapters"].size(), 1u);
  EXPECT_EQ(catalog["chapters"][0]["id"], "ch3");
  ASSERT_EQ(catalog["lessons"].size(), 5u);
  std::vector<std::string> ids;
  for (const auto& e : catalog["lessons"]) ids.push_back(e["id"]);
  EXPECT_EQ(ids.front(), "ai-builder-ch3-lesson1");
  EXPECT_EQ(ids.back(), "ai-builder-ch3-lesson5");
  const Json& lesson4 = catalog["lessons"][3];
  EXPECT_EQ(lesson4["duration_min"], 45);
  EXPECT_EQ(lesson4["tags"][1], "optimization");
  EXPECT_EQ(lesson4["available"], true);
  EXPECT_EQ(lesson4["chapter"], "ch3");
  EXPECT_TRUE(catalog["lessons"][0]["duration_min"].is_null());
  EXPECT_EQ(catalog["lessons"][0]["tags"], Json::array());
}

// Lessons come out grouped by chapter in the chapters' order, file order within a chapter:
// the order the front page lists and previous/next follows.
TEST(Catalog, ChaptersSetTheCourseOrder) {
  std::vector<Diagnostic> diagnostics;
  Json catalog =
      parse_catalog(R"({"title": "T", "chapters": [{"id": "one", "title": "One"}, {"id": "two", "title": "Two"}],
    "lessons": [
    {"id": "b", "title": "B", "chapter": "two", "available": false},
    {"id": "a", "title": "A", "chapter": "one", "available": false},
    {"id": "c", "title": "C", "chapter": "two", "available": false},
    {"id": "d", "title": "D", "chapter": "one", "available": false}]})",
                    "index.json", diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << (diagnostics.empty() ? "" : diagnostics[0].str());
  std::vector<std::string> ids;
  for (const auto& e : catalog["lessons"]) ids.push_back(e["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "d", "b", "c"}));
  EXPECT_EQ(catalog["chapters"][1], Json::parse(R"({"id": "two", "title": "Two"})"));
  // Without chapters the file order is the course order and every chapter is null.
  Json plain = parse_catalog(R"({"title": "T", "lessons": [{"id": "z", "title": "Z", "available": false}]})",
                             "index.json", diagnostics);
  EXPECT_EQ(plain["chapters"], Json::array());
  EXPECT_TRUE(plain["lessons"][0]["chapter"].is_null());
}

// Each chapter mistake names the file, the line and the field, and leaves only that entry out.
TEST(Catalog, ChapterMistakesNameFileLineAndField) {
  std::vector<Diagnostic> ds;
  Json catalog = parse_catalog(R"({"title": "T",
  "chapters": [{"id": "one", "title": "One"}, {"id": "one", "title": "Again"}, {"id": "Bad Id", "title": "X"}, {"title": "no id"}],
  "lessons": [
    {"id": "a", "title": "A", "chapter": "one", "available": false},
    {"id": "b", "title": "B", "chapter": "three", "available": false},
    {"id": "c", "title": "C", "available": false}]})",
                               "lessons/index.json", ds);
  ASSERT_EQ(ds.size(), 5u);
  EXPECT_EQ(ds[0].str(), "lessons/index.json:2:54: error: chapters[1].id: chapter 'one' is listed twice");
  EXPECT_EQ(ds[0].where.field, "chapters[1].id");
  EXPECT_EQ(ds[1].where.field, "chapters[2].id");
  EXPECT_NE(ds[1].message.find("lowercase letters"), std::string::npos) << ds[1].str();
  EXPECT_EQ(ds[2].where.field, "chapters[3]");
  EXPECT_NE(ds[2].message.find("missing required field 'id'"), std::string::npos) << ds[2].str();
  EXPECT_EQ(
      ds[3].str(),
      "lessons/index.json:5:42: error: lessons[1].chapter: chapter 'three' is not in the catalog's chapters (one)");
  EXPECT_EQ(ds[3].where.field, "lessons[1].chapter");
  EXPECT_EQ(ds[4].where.field, "lessons[2]");
  EXPECT_NE(ds[4].message.find("lesson 'c' needs a \"chapter\" (one of: one)"), std::string::npos) << ds[4].str();
  ASSERT_EQ(catalog["lessons"].size(), 1u);
  EXPECT_EQ(catalog["lessons"][0]["id"], "a");

  ds.clear();
  parse_catalog(R"({"title": "T", "lessons": [{"id": "a", "title": "A", "chapter": "one", "available": false}]})",
                "index.json", ds);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].where.field, "lessons[0].chapter");
  EXPECT_NE(ds[0].message.find("no \"chapters\" list"), std::string::npos) << ds[0].str();
}

TEST(Catalog, EntriesWithErrorsAreLeftOutAndNamed) {
  std::vector<Diagnostic> diagnostics;
  Json catalog = parse_catalog(R"({"title": "T", "lessons": [
    {"id": "good", "title": "Good", "duration_min": 5, "path": "/lessons/good.md"},
    {"id": "bad", "title": "Bad", "duration_min": "five", "path": "/lessons/bad.md"},
    {"id": "good", "title": "Again", "duration_min": 5, "path": "/lessons/good.md"}]})",
                               "index.json", diagnostics);
  ASSERT_EQ(catalog["lessons"].size(), 1u);
  EXPECT_EQ(catalog["lessons"][0]["title"], "Good");
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_NE(diagnostics[0].str().find("index.json:3:"), std::string::npos) << diagnostics[0].str();
  EXPECT_NE(diagnostics[1].str().find("listed twice"), std::string::npos) << diagnostics[1].str();
  EXPECT_TRUE(parse_catalog("[1, 2]", "index.json", diagnostics).is_null());
  EXPECT_TRUE(parse_catalog("{", "index.json", diagnostics).is_null());
}

// Prerequisites name other lessons of the catalog and never go round in a circle; a bad one is
// named (file:line, field) and dropped while its lesson stays listed.
TEST(Catalog, PrerequisitesNameOtherLessonsWithoutCycles) {
  std::vector<Diagnostic> ds;
  Json catalog = parse_catalog(R"({"title": "T", "lessons": [
    {"id": "a", "title": "A", "available": false},
    {"id": "b", "title": "B", "available": false, "prerequisites": ["a", "a", "b", "nowhere"]},
    {"id": "c", "title": "C", "available": false, "prerequisites": ["b", "d"]},
    {"id": "d", "title": "D", "available": false, "prerequisites": ["c"]}]})",
                               "lessons/index.json", ds);
  ASSERT_EQ(ds.size(), 4u);
  EXPECT_EQ(ds[0].where.field, "lessons[1].prerequisites[1]");
  EXPECT_NE(ds[0].message.find("prerequisite 'a' is listed twice"), std::string::npos) << ds[0].str();
  EXPECT_EQ(ds[1].str(),
            "lessons/index.json:3:79: error: lessons[1].prerequisites[2]: lesson 'b' lists itself as a prerequisite");
  EXPECT_NE(ds[2].message.find("prerequisite 'nowhere' is not a lesson of this catalog"), std::string::npos)
      << ds[2].str();
  EXPECT_EQ(ds[3].where.field, "lessons[3].prerequisites[0]");
  EXPECT_NE(ds[3].message.find("prerequisites go round in a circle: c -> d -> c"), std::string::npos) << ds[3].str();
  ASSERT_EQ(catalog["lessons"].size(), 4u);
  EXPECT_EQ(catalog["lessons"][0]["prerequisites"], Json::array());
  EXPECT_EQ(catalog["lessons"][1]["prerequisites"], Json::parse(R"(["a"])"));
  EXPECT_EQ(catalog["lessons"][2]["prerequisites"], Json::parse(R"(["b", "d"])"));
  EXPECT_EQ(catalog["lessons"][3]["prerequisites"], Json::array());
}

}  // namespace
}  // namespace lab
