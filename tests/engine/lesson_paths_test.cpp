// validate_paths: the repository's own content is clean, and the cross-file rules (widget data
// exists and validates, widget type matches, CSV columns, catalog links) fire on the fixture
// site under tests/fixtures/lessons/site.
#include <gtest/gtest.h>

#include "lab/lesson.hpp"
#include "test_support.hpp"

namespace {

using lab::Diagnostic;
using lab::test::source_path;

const std::string kSite = source_path("tests/fixtures/lessons/site");

std::string all(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) s += d.str() + "\n";
  return s;
}

int count(const std::vector<Diagnostic>& ds, const std::string& severity) {
  int n = 0;
  for (const auto& d : ds) n += d.severity == severity;
  return n;
}

std::vector<Diagnostic> site(const std::string& relative) {
  return lab::validate_paths({kSite + "/" + relative}, kSite);
}

}  // namespace

TEST(LessonPaths, RepositoryLessonsAndWidgetsHaveNoErrors) {
  auto ds = lab::validate_paths({source_path("lessons"), source_path("widgets")}, LAB_SOURCE_DIR);
  EXPECT_TRUE(ds.empty()) << all(ds);
}

TEST(LessonPaths, SeedValidatesAgainstTheRepository) {
  std::string seed = std::string(LAB_SOURCE_DIR) + "/../shared/seeds/000_ee34e55479a21cff.txt";
  LAB_SKIP_UNLESS_PRESENT(!lab::test::read_source("../shared/seeds/000_ee34e55479a21cff.txt").empty(),
                          "../shared/seeds not present");
  auto ds = lab::validate_paths({seed}, LAB_SOURCE_DIR);
  EXPECT_EQ(count(ds, "error"), 0) << all(ds);
}

TEST(LessonPaths, GoodFixtureIsClean) {
  auto ds = site("lessons/good.md");
  EXPECT_TRUE(ds.empty()) << all(ds);
}

TEST(LessonPaths, WidgetDataThatDoesNotExist) {
  auto ds = site("lessons/missing_widget_data.md");
  ASSERT_EQ(ds.size(), 1u) << all(ds);
  EXPECT_EQ(ds[0].where.line, 14);
  EXPECT_EQ(ds[0].where.column, 11);
  EXPECT_NE(ds[0].message.find("widget data '/widgets/not_there.json' not found"), std::string::npos) << all(ds);
}

TEST(LessonPaths, WidgetDataThatDoesNotValidate) {
  auto ds = site("lessons/broken_widget_data.md");
  std::string text = all(ds);
  EXPECT_NE(text.find("broken.json:3:55: error: model.lambda: value -1 is outside"), std::string::npos) << text;
  EXPECT_NE(text.find("dataset.features[1]: the CSV has no column 'missing_column'"), std::string::npos) << text;
  EXPECT_NE(text.find("broken_widget_data.md:14:11: error: widgets[0].data: widget data '/widgets/broken.json' does "
                      "not validate (4 errors"),
            std::string::npos)
      << text;
}

TEST(LessonPaths, WidgetTypeMustMatchTheLesson) {
  auto ds = site("lessons/wrong_widget_type.md");
  ASSERT_EQ(ds.size(), 1u) << all(ds);
  EXPECT_NE(
      ds[0].message.find("expects type performance_tradeoff_explorer but /widgets/lab.json has type optimization_lab"),
      std::string::npos)
      << all(ds);
}

TEST(LessonPaths, PrereqNotInCatalogIsAWarning) {
  auto ds = site("lessons/unknown_prereq.md");
  ASSERT_EQ(ds.size(), 1u) << all(ds);
  EXPECT_EQ(ds[0].severity, "warning");
  EXPECT_EQ(ds[0].where.field, "prereqs[1]");
  EXPECT_NE(ds[0].message.find("'fixture-unknown' is not in the catalog"), std::string::npos) << all(ds);
}

TEST(LessonPaths, NoCatalogIsAWarning) {
  auto ds = lab::validate_paths({kSite + "/lessons/good.md"}, source_path("tests/fixtures/lessons/rules"));
  std::string text = all(ds);
  EXPECT_EQ(count(ds, "warning"), 1) << text;
  EXPECT_NE(text.find("no lesson catalog"), std::string::npos) << text;
}

TEST(LessonPaths, EachWidgetFileIsReportedOnce) {
  // lab.json is reached through good.md and again through the widgets folder.
  auto ds = lab::validate_paths({kSite + "/lessons/good.md", kSite + "/widgets"}, kSite);
  int broken = 0;
  for (const auto& d : ds)
    broken += d.where.file.find("broken.json") != std::string::npos && d.where.field == "model.lambda";
  EXPECT_EQ(broken, 1) << all(ds);
}

TEST(LessonPaths, FolderRecursionFindsEveryProblem) {
  auto ds = lab::validate_paths({kSite}, kSite);
  std::string text = all(ds);
  EXPECT_NE(text.find("not_there.json' not found"), std::string::npos) << text;
  EXPECT_NE(text.find("fixture-unknown"), std::string::npos) << text;
  EXPECT_NE(text.find("has type optimization_lab"), std::string::npos) << text;
  EXPECT_EQ(text.find("mini.csv"), std::string::npos) << "CSV files are data, not widgets: " << text;
}

TEST(LessonPaths, MissingPathIsAnError) {
  auto ds = lab::validate_paths({kSite + "/nope.md"}, kSite);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_NE(ds[0].str().find("nope.md: error: no such file or folder"), std::string::npos) << ds[0].str();
}

TEST(LessonPaths, CatalogEntriesMatchTheirLessons) {
  auto ds = lab::validate_paths({source_path("lessons/index.json")}, LAB_SOURCE_DIR);
  EXPECT_TRUE(ds.empty()) << all(ds);
}

TEST(LessonPaths, DiagnosticLineFormat) {
  lab::Diagnostic d{"error", lab::Location{"a.md", "quiz[0].answer", 3, 7}, "bad"};
  EXPECT_EQ(d.str(), "a.md:3:7: error: quiz[0].answer: bad");
  EXPECT_EQ(d.to_json()["line"], 3);
  EXPECT_EQ(d.to_json()["field"], "quiz[0].answer");
}
